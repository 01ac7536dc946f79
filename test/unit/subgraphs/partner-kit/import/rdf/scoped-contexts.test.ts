import { describe, expect, it } from 'vitest';
import { jsonLdQuads, MAX_SCOPED_TERMS } from '../../../../../../subgraphs/partner-kit/import/rdf/jsonld-quads.js';

const BASE = 'https://import.invalid/file.jsonld';

/** A type whose scoped context defines `terms` terms, and `nodes` nodes of that type. */
function typeScoped(terms: number, nodes: number): unknown {
  const scoped = Object.fromEntries(Array.from({ length: terms }, (_, i) => [`t${i}`, `http://example.org/t${i}`]));
  return {
    '@context': { T: { '@id': 'http://www.w3.org/ns/dcat#Dataset', '@context': scoped } },
    '@graph': Array.from({ length: nodes }, (_, i) => ({ '@id': `http://example.org/d${i}`, '@type': 'T', t0: 'v' })),
  };
}

// jsonld applies a scoped context again for every node it covers (JSON-LD 1.1, 4.1.8), so a small
// hostile file can cost minutes: the reader counts scoped terms before expanding anything.
describe('scoped JSON-LD contexts', () => {
  it.each([
    { terms: 3, nodes: 5, read: true },
    { terms: MAX_SCOPED_TERMS, nodes: 2, read: true },
    { terms: MAX_SCOPED_TERMS + 1, nodes: 2, read: false },
    { terms: 4000, nodes: 4000, read: false },
    // Refused before jsonld runs: 4,000 terms on 4,000 nodes would keep it busy for close to a minute.
  ])('with $terms scoped terms on $nodes nodes: read $read', async ({ terms, nodes, read }) => {
    const reading = await jsonLdQuads(typeScoped(terms, nodes), BASE);
    if (read) {
      expect(reading.problems).toEqual([]);
      expect(reading.quads.length).toBeGreaterThan(0);
    } else {
      expect(reading.quads).toEqual([]);
      expect(reading.problems).toEqual([{ where: '@context', message: expect.stringMatching(new RegExp(`define ${terms} terms, more than the ${MAX_SCOPED_TERMS}`)) }]);
    }
  });
});
