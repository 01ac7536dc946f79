import { describe, expect, it } from 'vitest';
import { absoluteIri, exportAddresses } from '../../../../gateway/catalog-export/export-addresses.js';

describe('exportAddresses: every IRI under the public base URL, ids encoded whole', () => {
  const addresses = exportAddresses('https://concord.example.org/data/');

  it.each<[string, string, string]>([
    ['the catalog', addresses.catalog.value, 'https://concord.example.org/data/catalog'],
    ['the GraphQL API', addresses.api.value, 'https://concord.example.org/data/graphql'],
    ['a dataset', addresses.dataset('northbridge-hospital:ds-001').value, 'https://concord.example.org/data/datasets/northbridge-hospital%3Ads-001'],
    ['a distribution', addresses.distribution('helix-therapeutics:ds-001/dist-1').value, 'https://concord.example.org/data/distributions/helix-therapeutics%3Ads-001%2Fdist-1'],
    ['a partner', addresses.partner('helix-therapeutics').value, 'https://concord.example.org/data/partners/helix-therapeutics'],
    ['a series', addresses.series('boreal-climate-institute:series-1').value, 'https://concord.example.org/data/series/boreal-climate-institute%3Aseries-1'],
    ['a licence without a URL', addresses.licence('LicenseRef-NUH DUA 2.1').value, 'https://concord.example.org/data/licences/LicenseRef-NUH%20DUA%202.1'],
  ])('%s', (_name, iri, expected) => {
    expect(iri).toBe(expected);
  });
});

describe('absoluteIri: a partner\'s text is an IRI only when it is an absolute http(s), urn or ftp one', () => {
  it.each<[string | null, string | undefined]>([
    ['https://www.northbridge-hospital.nhs.uk', 'https://www.northbridge-hospital.nhs.uk'],
    ['http://www.bioassayontology.org/', 'http://www.bioassayontology.org/'],
    ['https://orcid.org/0000-0002-1825-0097', 'https://orcid.org/0000-0002-1825-0097'],
    ['urn:uuid:6e8bc430-9c3a-11d9-9669-0800200c9a66', 'urn:uuid:6e8bc430-9c3a-11d9-9669-0800200c9a66'],
    ['ICH S7B', undefined],
    ['DUO:0000007', undefined],
    ['helix-therapeutics:ds-001', undefined],
    ['mailto:someone@example.org', undefined],
    ['javascript:alert(1)', undefined],
    ['https://example.org/a b', undefined],
    ['https://example.org/>; <x', undefined],
    ['https://example.org/"quoted"', undefined],
    ['https://', undefined],
    ['', undefined],
    [null, undefined],
  ])('%s', (text, iri) => {
    expect(absoluteIri(text)?.value).toBe(iri);
  });
});
