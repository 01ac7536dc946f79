import { describe, expect, it } from 'vitest';
import { FACT_ALIAS_PREFIX } from '../../../../../../schema/policy/catalog-facts.js';
import { firstDifference, judgeEntities, SAMPLE_SIZE, sampleOf } from '../../../../../../subgraphs/partner-kit/contract-check/rules/entities.js';
import type { PartnerResponse } from '../../../../../../subgraphs/partner-kit/contract-check/partner-client.js';
import { dataset, response } from '../live-rule-harness.js';

const sample = [dataset(1, { keywords: ['a', 'b'], licence: { id: 'CC-BY-4.0' } }), dataset(2)];
const resolved = (...entities: unknown[]) => response(200, { data: { _entities: entities } });
const facts = { [`${FACT_ALIAS_PREFIX}id`]: 'x', [`${FACT_ALIAS_PREFIX}retention`]: { deletionDue: null } };
const UNKNOWN = 'acme-labs:contract-check-0';
const unknownNull = resolved(null);

const ROWS: [string, PartnerResponse, PartnerResponse, [string, string, string, string][]][] = [
  ['the same values, facts beside them', resolved({ ...sample[0], ...facts }, { ...sample[1], ...facts }), unknownNull, []],
  ['a harvested id not resolved', resolved(sample[0], null), unknownNull,
    [['failure', '_entities({ id: "acme-labs:ds-02" })', 'the dataset the harvest lists as "acme-labs:ds-02"', 'null']]],
  ['another title', resolved(sample[0], { ...sample[1], title: 'Other' }), unknownNull,
    [['failure', '_entities({ id: "acme-labs:ds-02" }) { title }', '"Dataset 2", as the harvest says', '"Other"']]],
  ['keywords in another order', resolved({ ...sample[0], keywords: ['b', 'a'] }, sample[1]), unknownNull,
    [['failure', '_entities({ id: "acme-labs:ds-01" }) { keywords[0] }', '"a", as the harvest says', '"b"']]],
  ['a nested value that differs', resolved({ ...sample[0], licence: { id: 'CC0-1.0' } }, sample[1]), unknownNull,
    [['failure', '_entities({ id: "acme-labs:ds-01" }) { licence.id }', '"CC-BY-4.0", as the harvest says', '"CC0-1.0"']]],
  ['an error on the facts', response(200, { data: { _entities: [sample[0], sample[1]] }, errors: [{ message: 'retention is not available' }] }), unknownNull,
    [['failure', '_entities(representations: [2 harvested ids])', '2 entities and no errors', 'HTTP 200: retention is not available']]],
  ['fewer entities than asked for', resolved(sample[0]), unknownNull,
    [['failure', '_entities(representations: [2 harvested ids])', '2 entities and no errors', '1 entities']]],
  ['an unknown id answered with an error', resolved(...sample), response(200, { data: { _entities: [null] }, errors: [{ message: 'no such dataset' }] }),
    [['warning', `_entities({ id: "${UNKNOWN}" })`, '[null]: a dataset you do not serve', 'HTTP 200: no such dataset']]],
];

describe('entities', () => {
  it.each(ROWS)('%s', (_name, answer, unknown, expected) => {
    const outcome = judgeEntities(sample, answer, UNKNOWN, unknown);
    expect(Array.isArray(outcome) ? outcome.map((f) => [f.severity, f.where, f.expected, f.found]) : outcome).toEqual(expected);
  });

  it.each([
    [3, [0, 1, 2]],
    [SAMPLE_SIZE, Array.from({ length: SAMPLE_SIZE }, (_, i) => i)],
    [100, [0, 11, 22, 33, 44, 55, 66, 77, 88, 99]],
  ])('samples %i datasets from first to last', (count, expected) => {
    expect(sampleOf(Array.from({ length: count }, (_, i) => i))).toEqual(expected);
  });

  it('finds no difference between equal values', () => {
    expect(firstDifference({ a: [1, { b: null }] }, { a: [1, { b: null }] }, '')).toBeNull();
  });
});
