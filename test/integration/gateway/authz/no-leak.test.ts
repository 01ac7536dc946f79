import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isInputObjectType, isObjectType, type GraphQLSchema, buildClientSchema, getIntrospectionQuery } from 'graphql';
import { personaClaims } from '../../../../subgraphs/demo/demo-personas.js';
import type { CatalogFile } from '../../../../subgraphs/partner-kit/catalog-file.js';
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

  it('finds nothing by words that appear only in restricted fields', async () => {
    const catalog = JSON.parse(readFileSync(join(REPO_ROOT, 'subgraphs/partners/northbridge-hospital/catalog.json'), 'utf8')) as CatalogFile;
    const dataset = catalog.datasets.find((d) => d.contactPoint && d.dataDictionary?.length)!;
    const secretWords = [dataset.contactPoint!.email, dataset.contactPoint!.name, dataset.dataDictionary![0]!.name, dataset.retention!.basis];
    for (const word of secretWords) {
      const { body } = await postGraphQL(federation.gatewayUrl, 'query($k: [String!]) { datasets(filter: { keywords: $k }) { totalCount } }', { k: [word] });
      expect(body.data?.datasets.totalCount, word).toBe(0);
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
