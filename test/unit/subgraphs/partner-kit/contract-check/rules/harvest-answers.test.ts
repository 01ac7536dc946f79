import { describe, expect, it } from 'vitest';
import type { Listing } from '../../../../../../subgraphs/partner-kit/contract-check/harvest-listing.js';
import { readHarvestAnswer } from '../../../../../../subgraphs/partner-kit/contract-check/harvest-listing.js';
import { judgeHarvest } from '../../../../../../subgraphs/partner-kit/contract-check/rules/harvest-answers.js';
import { dataset, listing, page, response } from '../live-rule-harness.js';
import { ENTITY, PARTNER } from '../sdl-rule-harness.js';

const ROWS: [string, Listing, [string, string, string, string][]][] = [
  ['its own datasets', listing(page({}, [dataset(1), dataset(2, { publisher: { id: PARTNER } })])), []],
  ['another partner\'s name', listing(page({}, [dataset(1)], { partnerId: 'northbridge-hospital' })),
    [['failure', '_catalogHarvest(offset: 0, limit: 500) { partner { id } }', `"${PARTNER}"`, '"northbridge-hospital"']]],
  ['a generatedAt that is not a date-time', listing(page({}, [dataset(1)], { generatedAt: 'yesterday' })),
    [['failure', '_catalogHarvest(offset: 0, limit: 500) { generatedAt }', 'an ISO 8601 date-time with an offset, e.g. 2026-03-01T12:00:00Z', '"yesterday"']]],
  ['an id without the partner\'s prefix', listing(page({}, [dataset(1, { id: 'ds-1' })])),
    [['failure', 'dataset "ds-1" { id }', `an id starting with "${PARTNER}:"`, '"ds-1"']]],
  ['an id that is only the prefix', listing(page({}, [dataset(1, { id: `${PARTNER}:` })])),
    [['failure', `dataset "${PARTNER}:" { id }`, `an id starting with "${PARTNER}:"`, `"${PARTNER}:"`]]],
  ['another entity type', listing(page({}, [dataset(1, { __typename: 'PartnerDataset' })])),
    [['failure', `dataset "${PARTNER}:ds-01" { __typename }`, ENTITY, 'PartnerDataset']]],
  ['another publisher', listing(page({}, [dataset(1, { publisher: { id: 'helix-therapeutics' } })])),
    [['failure', `dataset "${PARTNER}:ds-01" { publisher { id } }`, `"${PARTNER}"`, '"helix-therapeutics"']]],
  ['no datasets at all', listing(page({}, [])), [['warning', '_catalogHarvest(offset: 0, limit: 500)', 'at least one dataset', 'no datasets']]],
];

describe('harvest', () => {
  it.each(ROWS)('%s', (_name, whole, expected) => {
    expect(judgeHarvest(whole, PARTNER, ENTITY).map((f) => [f.severity, f.where, f.expected, f.found])).toEqual(expected);
  });

  const harvest = (value: unknown) => response(200, { data: { _catalogHarvest: value as Record<string, unknown> } });
  const good = { partner: { id: PARTNER }, generatedAt: '2026-11-30T12:00:00Z', totalCount: 1, datasets: [dataset(1)] };
  it.each([
    ['a good page', harvest(good), 'ok'],
    ['a refusal', response(401, { errors: [{ message: 'not signed' }] }), 'HTTP 401: not signed'],
    ['errors beside data', response(200, { data: { _catalogHarvest: good }, errors: [{ message: 'Cannot return null for non-nullable field Distribution.checksums.' }] }),
      'errors: Cannot return null for non-nullable field Distribution.checksums.'],
    ['an HTML page', response(404, undefined, '<html>not found</html>'), 'HTTP 404: <html>not found</html>'],
    ['no harvest', response(200, { data: null }), 'no data._catalogHarvest'],
    ['no partner', harvest({ ...good, partner: null }), 'no partner { id }'],
    ['a negative totalCount', harvest({ ...good, totalCount: -1 }), 'totalCount is -1'],
    ['datasetIds that are not ids', harvest({ ...good, datasetIds: [1, 2] }), 'datasetIds is not a list of ids'],
    ['a dataset without id', harvest({ ...good, datasets: [{ __typename: ENTITY }] }), 'datasets[0] has no id or __typename'],
  ])('reads an answer: %s', (_name, answer, expected) => {
    const read = readHarvestAnswer(answer);
    expect(typeof read === 'string' ? read : 'ok').toBe(expected);
  });
});
