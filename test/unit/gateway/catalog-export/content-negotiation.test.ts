import { describe, expect, it } from 'vitest';
import { CATALOG_FORMATS } from '../../../../gateway/catalog-export/catalog-endpoint.js';
import { negotiateFormat, type CatalogFormat } from '../../../../gateway/catalog-export/content-negotiation.js';

describe('negotiateFormat: Turtle or JSON-LD by the Accept header (RFC 9110, 12.5.1)', () => {
  it.each<[string, string | undefined, CatalogFormat | undefined]>([
    ['no Accept header: any type, Turtle first', undefined, 'turtle'],
    ['an empty Accept header', '', 'turtle'],
    ['Turtle', 'text/turtle', 'turtle'],
    ['JSON-LD', 'application/ld+json', 'json-ld'],
    ['case and spaces do not matter', ' Application/LD+JSON ', 'json-ld'],
    ['JSON-LD with a profile parameter', 'application/ld+json; profile="http://www.w3.org/ns/json-ld#compacted"', 'json-ld'],
    ['the higher q wins', 'text/turtle;q=0.5, application/ld+json;q=0.9', 'json-ld'],
    ['equal q: Turtle', 'application/ld+json, text/turtle', 'turtle'],
    ['*/*: Turtle', '*/*', 'turtle'],
    ['a browser: */* at 0.8, Turtle', 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', 'turtle'],
    ['text/*: Turtle', 'text/*', 'turtle'],
    ['application/*: JSON-LD', 'application/*', 'json-ld'],
    ['a specific range overrides a wildcard: Turtle refused, JSON-LD through */*', 'text/turtle;q=0, */*', 'json-ld'],
    ['a harvester preferring JSON-LD over anything else', 'application/ld+json, */*;q=0.1', 'json-ld'],
    ['q with spaces', 'text/turtle ; q = 0.2, application/ld+json ; q=0.3', 'json-ld'],
    ['only HTML', 'text/html', undefined],
    ['only JSON', 'application/json', undefined],
    ['both refused', 'text/turtle;q=0, application/ld+json;q=0', undefined],
    ['everything refused', '*/*;q=0', undefined],
    ['malformed ranges are ignored', 'turtle, /json, a/b/c', undefined],
    ['a q out of range is ignored', 'text/turtle;q=2', undefined],
    ['a malformed q is ignored', 'application/ld+json;q=high, text/turtle', 'turtle'],
  ])('%s', (_name, accept, format) => {
    expect(negotiateFormat(accept, CATALOG_FORMATS)).toBe(format);
  });
});
