import { describe, expect, it } from 'vitest';
import { parseCatalog } from '../../../../subgraphs/partner-kit/load-catalog.js';
import {
  BOREAL_CLIMATE_INSTITUTE, findCatalogProblems, generateCatalog, generatePartnerCatalog, profiledPartners,
} from '../../../../subgraphs/partners/generate-catalogs.js';
import { parsePartnerProfile } from '../../../../subgraphs/partners/generator/partner-profile.js';
import { applyShowcase, type Showcase } from '../../../../subgraphs/partners/generator/showcase.js';

// The demo catalogs show the contract's optional metadata on a few fixed datasets, written by hand
// in a profile's showcase; everything else is as drawn.
const BOREAL = 'boreal-climate-institute';
const boreal = () => generateCatalog(profiledPartners().find((p) => p.id === BOREAL)!);
const SERIES = `${BOREAL}:series-temperature-reanalysis`;

describe('the demo showcase', () => {
  it('puts a series, versions, translations, a DOI, creators, checksums and a distribution with its own licence, rights and data service on boreal-climate-institute', () => {
    const catalog = boreal();
    expect(catalog.series?.map((s) => s.id)).toEqual([SERIES]);
    const byId = new Map(catalog.datasets.map((d) => [d.id, d]));
    expect([...byId.values()].filter((d) => d.inSeries?.includes(SERIES)).map((d) => d.id)).toEqual([5, 32, 41].map((n) => `${BOREAL}:ds-0${String(n).padStart(2, '0')}`));
    const showcased = byId.get(`${BOREAL}:ds-005`)!;
    expect(showcased).toMatchObject({
      previousVersion: `${BOREAL}:ds-032`,
      identifiers: [{ scheme: 'DOI' }],
      translations: [{ language: 'fi' }, { language: 'sv' }],
      temporalResolution: 'PT1H',
    });
    expect(showcased.creators).toHaveLength(2);
    const [first, , api] = showcased.distributions;
    expect(first!.checksums?.map((c) => c.algorithm)).toEqual(['sha512', 'md5']);
    expect(api).toMatchObject({
      id: `${BOREAL}:ds-005/coverage-api`, licence: { id: 'CC-BY-NC-4.0', commercialUse: false },
      rights: expect.any(String), accessService: { endpointUrl: 'https://api.boreal-climate.fi/ogcapi' },
    });
    expect(api!.mediaType).toBeUndefined();
  });

  it('changes nothing else: without it, the dice give the same catalog', () => {
    const drawn = generatePartnerCatalog(BOREAL_CLIMATE_INSTITUTE, BOREAL_CLIMATE_INSTITUTE.catalogSize, 1);
    const showcased = boreal();
    const untouched = (id: string) => ![5, 32, 41].some((n) => id.endsWith(`:ds-0${String(n).padStart(2, '0')}`));
    expect(showcased.datasets.filter((d) => untouched(d.id))).toEqual(drawn.datasets.filter((d) => untouched(d.id)));
    expect(drawn.series).toBeUndefined();
  });

  it('skips datasets a smaller catalog does not have, and a version link to one', () => {
    const showcase: Showcase = {
      series: [{ key: 'waves', title: 'Waves' }],
      datasets: [
        { dataset: 2, inSeries: ['waves'], previousVersion: 9, checksums: ['sha1'] },
        { dataset: 9, inSeries: ['waves'], versionNotes: 'Never applied.' },
      ],
    };
    const small = applyShowcase(generatePartnerCatalog(BOREAL_CLIMATE_INSTITUTE, 3, 1), showcase);
    expect(findCatalogProblems(small)).toEqual([]);
    const second = small.datasets[1]!;
    expect(second.previousVersion).toBeUndefined();
    expect(second.inSeries).toEqual([`${BOREAL}:series-waves`]);
    expect(second.distributions[0]!.checksums).toEqual([{ algorithm: 'sha1', value: expect.stringMatching(/^[0-9a-f]{40}$/) }]);
    expect(parseCatalog(small, 'small.json').size).toBe(3);
  });

  it.each([
    { name: 'a series key with capitals', change: (s: any) => { s.series[0].key = 'Temperature'; }, expected: /field "showcase.series.0.key": expected a lower-case key/ },
    { name: 'a checksum algorithm SPDX does not list', change: (s: any) => { s.datasets[0].checksums = ['crc32']; }, expected: /field "showcase.datasets.0.checksums.0"/ },
    { name: 'a dataset field the contract does not have', change: (s: any) => { s.datasets[0].doi = '10.5072/x'; }, expected: /field "showcase.datasets.0": Unrecognized key: "doi"/ },
  ])('refuses a profile whose showcase has $name', ({ change, expected }) => {
    const profile = structuredClone(BOREAL_CLIMATE_INSTITUTE) as any;
    change(profile.showcase);
    expect(() => parsePartnerProfile(profile, 'boreal/profile.json')).toThrow(expected);
  });
});
