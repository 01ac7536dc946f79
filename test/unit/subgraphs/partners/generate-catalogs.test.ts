import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CatalogFile } from '../../../../subgraphs/partner-kit/catalog-file.js';
import {
  AS_OF,
  DEMO_SEED,
  HELIX_THERAPEUTICS,
  NORTHBRIDGE_HOSPITAL,
  findCatalogProblems,
  generateCatalog,
  generatePartnerCatalog,
  profiledPartners,
  serializeCatalog,
} from '../../../../subgraphs/partners/generate-catalogs.js';
import { parsePartnerProfile } from '../../../../subgraphs/partners/generator/partner-profile.js';
import { repositoryPath } from '../../../../schema/repository-files.js';
import { temporaryFolder } from '../../../harness/temporary-folder.js';

const REGENERATE = 'run npm run generate-catalogs';

// Every partner of the manifest with a profile beside its catalog: a new one is checked with no edit here.
const partners = profiledPartners();
const committedText = (catalogFile: string) => readFileSync(catalogFile, 'utf8');
const committed = partners.map((p) => CatalogFile.parse(JSON.parse(committedText(p.catalogFile))));

/** The first line that differs, so a stale file fails with a short message rather than a 200 kB diff. */
function firstDifference(expected: string, actual: string): string | undefined {
  const want = expected.split('\n');
  const got = actual.split('\n');
  for (let i = 0; i < Math.max(want.length, got.length); i++) {
    if (want[i] !== got[i]) return `line ${i + 1}: committed ${JSON.stringify(got[i])}, generator ${JSON.stringify(want[i])}`;
  }
  return undefined;
}

const byId = (catalog: CatalogFile) => new Map(catalog.datasets.map((d) => [d.id, d]));

describe('demo catalogs', () => {
  it('come from profiles found through the manifest (so the checks below are never vacuous)', () => {
    expect(partners.length).toBeGreaterThan(0);
  });

  it('are exactly what the generator produces', () => {
    for (const partner of partners) {
      const difference = firstDifference(serializeCatalog(generateCatalog(partner)), committedText(partner.catalogFile));
      expect(difference, `${partner.catalogFile} is stale or hand-edited: ${REGENERATE}`).toBeUndefined();
    }
  });

  it('have the size each profile asks for, and at least 120 datasets in total', () => {
    partners.forEach((partner, i) => expect(committed[i]!.datasets.length, partner.id).toBe(partner.profile.catalogSize));
    expect(committed.reduce((n, c) => n + c.datasets.length, 0)).toBeGreaterThanOrEqual(120);
  });

  it('use unique dataset ids prefixed with the partner id, and unique titles', () => {
    const all = new Set<string>();
    for (const catalog of committed) {
      const titles = new Set(catalog.datasets.map((d) => d.title));
      expect(titles.size, `${catalog.partner.id} repeats a title`).toBe(catalog.datasets.length);
      for (const dataset of catalog.datasets) {
        expect(dataset.id).toMatch(new RegExp(`^${catalog.partner.id}:ds-\\d{3,}$`));
        expect(all.has(dataset.id), `${dataset.id} repeats`).toBe(false);
        all.add(dataset.id);
      }
    }
  });

  it('load in the partner kit', () => {
    for (const catalog of committed) expect(findCatalogProblems(catalog)).toEqual([]);
  });

  it('keep the embargo and deletion edge cases the authorization tests rely on', () => {
    const all = new Map(committed.flatMap((c) => [...byId(c)]));
    const embargo = (id: string) => all.get(`northbridge-hospital:${id}`)?.embargoUntil;
    expect(embargo('ds-006')! >= '2027-01-01').toBe(true);
    expect(embargo('ds-025')! >= '2027-01-01').toBe(true);
    expect(embargo('ds-009')! < AS_OF).toBe(true);
    expect(embargo('ds-027')! < AS_OF).toBe(true);

    const embargoed = committed.flatMap((c) => c.datasets.filter((d) => d.embargoUntil).map((d) => d.id));
    expect(embargoed.sort()).toEqual(['ds-006', 'ds-009', 'ds-025', 'ds-027'].map((n) => `northbridge-hospital:${n}`));

    const pastDeletion = committed.flatMap((c) => c.datasets.filter((d) => (d.retention?.deletionDue ?? '9999') < AS_OF).map((d) => d.id));
    expect(pastDeletion.sort()).toEqual(['helix-therapeutics:ds-009', 'northbridge-hospital:ds-014']);
    for (const [id, dataset] of all) {
      const due = dataset.retention?.deletionDue;
      if (due && !pastDeletion.includes(id)) expect(due > '2030-12-31', `${id} deletionDue ${due}`).toBe(true);
    }
  });
});

describe('generatePartnerCatalog', () => {
  it('depends on the seed', () => {
    const a = serializeCatalog(generatePartnerCatalog(NORTHBRIDGE_HOSPITAL, 20, DEMO_SEED));
    const b = serializeCatalog(generatePartnerCatalog(NORTHBRIDGE_HOSPITAL, 20, DEMO_SEED + 1));
    expect(a).not.toBe(b);
  });

  it('is deterministic for a given seed', () => {
    const a = serializeCatalog(generatePartnerCatalog(HELIX_THERAPEUTICS, 30, 99));
    const b = serializeCatalog(generatePartnerCatalog(HELIX_THERAPEUTICS, 30, 99));
    expect(a).toBe(b);
  });

  it('produces a valid 10,000-dataset catalog for benchmarks', () => {
    const big = generatePartnerCatalog(NORTHBRIDGE_HOSPITAL, 10_000, 7);
    expect(big.datasets).toHaveLength(10_000);
    expect(() => CatalogFile.parse(big)).not.toThrow();
    expect(findCatalogProblems(big)).toEqual([]);
    expect(new Set(big.datasets.map((d) => d.title)).size).toBe(10_000);
  });
});

describe('partner profiles', () => {
  const demoProfileJson = () => JSON.parse(readFileSync(repositoryPath('subgraphs/partners/helix-therapeutics/profile.json'), 'utf8'));

  it('refuse a template that would state the record count, which members only may see', () => {
    const profile = demoProfileJson();
    profile.kinds[0].descriptions[0] = '{records} wells from a {noun}.';
    expect(() => parsePartnerProfile(profile, 'helix/profile.json'))
      .toThrow(/profile helix\/profile.json is invalid:\n {2}- field "kinds.0.descriptions.0": unknown placeholder \{records\}/);
  });

  it('are found through the manifest, beside each catalog; a partner without one keeps its own catalog', () => {
    const dir = temporaryFolder('concord-profiles-');
    const profile = { ...demoProfileJson(), catalogSize: 5, partner: { id: 'fjord-labs', name: 'Fjord Labs', kind: 'COMPANY', country: 'NO' }, edgeCases: [] };
    mkdirSync(join(dir, 'fjord-labs'));
    writeFileSync(join(dir, 'fjord-labs', 'profile.json'), JSON.stringify(profile));
    const manifest = {
      catalogIndex: { name: 'catalog-index', url: 'http://127.0.0.1:4100/graphql' },
      partners: [
        { id: 'fjord-labs', url: 'http://127.0.0.1:4105/graphql', catalog: join(dir, 'fjord-labs', 'catalog.json') },
        { id: 'hand-made', url: 'http://127.0.0.1:4106/graphql', catalog: join(dir, 'hand-made', 'catalog.json') },
      ],
    };
    const found = profiledPartners(manifest);
    expect(found.map((p) => [p.id, p.catalogFile])).toEqual([['fjord-labs', join(dir, 'fjord-labs', 'catalog.json')]]);
    const catalog = generateCatalog(found[0]!);
    expect(catalog.datasets.map((d) => d.id)).toEqual([1, 2, 3, 4, 5].map((n) => `fjord-labs:ds-00${n}`));
    expect(findCatalogProblems(catalog)).toEqual([]);
  });
});
