import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isInputObjectType, isObjectType, type GraphQLSchema, buildClientSchema, getIntrospectionQuery } from 'graphql';
import { personaClaims } from '../../../../subgraphs/demo/demo-personas.js';
import type { CatalogFile } from '../../../../subgraphs/partner-kit/catalog-file.js';
import { readFederationManifest } from '../../../../schema/federation-manifest.js';
import { REPO_ROOT, startDemoFederation, type DemoFederation } from '../../../harness/demo-federation.js';
import { postGraphQL } from '../../../harness/graphql-http.js';
import { bearer } from '../../../harness/tokens.js';

const GUARDED_FIELDS = ['contactPoint', 'dataDictionary', 'qualityReport', 'sampleRecords', 'retention', 'accessUrl', 'downloadUrl', 'royalty'];

// A restricted field must not leak by any path other than reading it: not through arguments,
// filters or counts (an oracle), and not through anything cached for another principal.
describe('no leak of restricted fields', () => {
  let federation: DemoFederation;
  let schema: GraphQLSchema;
  beforeAll(async () => {
    federation = await startDemoFederation();
    const { body } = await postGraphQL(federation.gatewayUrl, getIntrospectionQuery());
    schema = buildClientSchema(body.data as never);
  });
  afterAll(async () => { await federation?.close(); });

  it('offers no argument or input field named after a restricted field, and guarded fields take no arguments', () => {
    const names: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (isInputObjectType(type)) names.push(...Object.keys(type.getFields()));
      if (isObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          names.push(...field.args.map((a) => a.name));
          if (GUARDED_FIELDS.includes(field.name)) expect(field.args, `${type.name}.${field.name}`).toEqual([]);
        }
      }
    }
    expect(names.filter((n) => GUARDED_FIELDS.some((g) => n.toLowerCase().includes(g.toLowerCase())))).toEqual([]);
    expect(Object.keys((schema.getType('DatasetFilter') as never as { getFields(): object }).getFields()).sort()).toEqual(['dataClasses', 'keywords', 'licences', 'partners', 'themes', 'useConditions', 'years']);
  });

  it('has harvested none of the words that appear only in restricted fields', () => {
    const words = new Set(restrictedOnlyWords());
    expect(words.size).toBeGreaterThan(50);
    let records = 0;
    for (const id of catalogDatasetIds()) {
      const record = federation.index.index.get(id);
      if (!record) continue;
      records++;
      expect(Object.keys(record).filter((key) => GUARDED_FIELDS.includes(key)), id).toEqual([]);
      expect(wordsOf(JSON.stringify(record)).filter((w) => words.has(w)), id).toEqual([]);
    }
    expect(records).toBeGreaterThan(100);
  });

  it('finds nothing by words that appear only in restricted fields, in search or the keyword filter', async () => {
    const words = restrictedOnlyWords();
    expect(words.length).toBeGreaterThan(50);
    // Up to 40 words a request, two aliases each, within the gateway's default alias limit.
    for (let start = 0; start < words.length; start += 40) {
      const batch = words.slice(start, start + 40);
      const query = `query Oracle(${batch.map((_, i) => `$w${i}: String!`).join(', ')}) {
        ${batch.map((_, i) => `s${i}: search(query: $w${i}) { totalCount } k${i}: datasets(filter: { keywords: [$w${i}] }) { totalCount }`).join('\n')}
      }`;
      const variables = Object.fromEntries(batch.map((w, i) => [`w${i}`, w]));
      const { body } = await postGraphQL(federation.gatewayUrl, query, variables);
      expect(body.errors).toBeUndefined();
      batch.forEach((word, i) => {
        expect(body.data?.[`s${i}`].totalCount, `search "${word}"`).toBe(0);
        expect(body.data?.[`k${i}`].totalCount, `keyword "${word}"`).toBe(0);
      });
    }
  });

  it('does not take an org claim naming a partner for that partner\'s staff', async () => {
    const mallory = await bearer({ sub: 'mallory', org: 'helix-therapeutics' });
    const { body } = await postGraphQL(federation.gatewayUrl,
      '{ dataset(id: "helix-therapeutics:ds-001") { sampleRecords distributions { accessUrl } licence { royalty { ratePercent } } } }', undefined, mallory);
    expect(body.data?.dataset).toEqual({ sampleRecords: null, distributions: expect.arrayContaining([{ accessUrl: null }]), licence: { royalty: null } });
    expect(body.errors?.map((e) => e.extensions?.reason)).toEqual(expect.arrayContaining(['NO_ACTIVE_GRANT', 'LICENCE_NOT_ACCEPTED']));
  });

  it('never serves one principal what was computed for another (plans, decisions)', async () => {
    const query = '{ dataset(id: "northbridge-hospital:ds-004") { contactPoint { email } distributions { accessUrl } } }';
    const researcher = await bearer(personaClaims('researcher'));
    const answers: string[] = [];
    for (const headers of [researcher, {}, researcher, {}]) {
      const { body } = await postGraphQL(federation.gatewayUrl, query, undefined, headers);
      answers.push(JSON.stringify(body.data));
    }
    expect(answers[0]).toBe(answers[2]);
    expect(answers[1]).toBe(answers[3]);
    expect(answers[0]).toMatch(/https:/);
    expect(answers[1]).not.toMatch(/https:|@/);
  });
});

// ---- Words that only restricted fields contain: what the index must never know. ----

function catalogs(): CatalogFile[] {
  return readFederationManifest().partners.map((p) => JSON.parse(readFileSync(join(REPO_ROOT, p.catalog), 'utf8')) as CatalogFile);
}

function catalogDatasetIds(): string[] {
  return catalogs().flatMap((c) => c.datasets.map((d) => d.id));
}

/** Words as the index splits text; numbers and words under `minLength` letters are left out. */
function wordsOf(text: string, minLength = 5): string[] {
  return text.toLowerCase().split(/[^a-z0-9]+/).filter((w) => w.length >= minLength && !/^\d+$/.test(w));
}

type Dataset = CatalogFile['datasets'][number];

/** A dataset split into what only guarded fields say and everything else, which any client may read. */
function split(d: Dataset): { restricted: unknown[]; open: unknown } {
  const { contactPoint, dataDictionary, qualityReport, sampleRecords, retention, licence, distributions, ...rest } = d;
  const { royalty, ...openLicence } = licence;
  const openDistributions = distributions.map(({ accessUrl, downloadUrl, licence: own, ...open }) => {
    const { royalty: ownRoyalty, ...openOwn } = own ?? {};
    return { ...open, licence: openOwn };
  });
  const urls = distributions.flatMap((x) => [x.accessUrl, x.downloadUrl, x.licence?.royalty]);
  return {
    restricted: [contactPoint, dataDictionary, qualityReport, sampleRecords, retention, royalty, urls],
    open: [rest, openLicence, openDistributions],
  };
}

// Words of the restricted fields that no public field contains, not even within the reach of the
// search's prefix completion and typo tolerance: were any of them findable, search would be an oracle.
function restrictedOnlyWords(): string[] {
  const open = new Set<string>();
  const restricted = new Set<string>();
  for (const catalog of catalogs()) {
    // Every public word counts, short ones too: "meet" is within one typo of "meets".
    for (const word of wordsOf(JSON.stringify(catalog.partner), 1)) open.add(word);
    for (const d of catalog.datasets) {
      const parts = split(d);
      for (const word of wordsOf(JSON.stringify(parts.open), 1)) open.add(word);
      for (const word of wordsOf(JSON.stringify(parts.restricted))) restricted.add(word);
    }
  }
  const near = (a: string, b: string) => a.startsWith(b) || b.startsWith(a) || editDistance(a, b) <= Math.ceil(a.length * 0.25);
  return [...restricted].filter((w) => ![...open].some((p) => near(w, p))).sort();
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return 99;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
