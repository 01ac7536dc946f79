import { describe, expect, it } from 'vitest';
import { mapToCatalog } from '../../../../../../subgraphs/partner-kit/import/map-to-catalog.js';
import { readBeaconJson } from '../../../../../../subgraphs/partner-kit/import/readers/beacon/index.js';
import { readCkanJson } from '../../../../../../subgraphs/partner-kit/import/readers/ckan/index.js';
import { readDataJsonValue } from '../../../../../../subgraphs/partner-kit/import/readers/datajson/index.js';

// JSON that promises a format and then holds anything: no reader throws, and whatever it reads
// can be mapped (and refused) without throwing either.

const ODD_VALUES: unknown[] = [
  null, 42, 'text', [], [null, 1, 'x'], {},
  { success: true, result: null }, { success: true, result: { results: 'many' } },
  { id: 7, name: ['a'], resources: 'none', tags: 'a,b', extras: { key: 'v' }, organization: 'Org', license_id: 3, notes: { text: 'x' } },
  { name: 'p', resources: [null, 'r', { id: 1, url: 5, size: 'big', hash: 'abc' }], metadata_modified: 12, private: 'no' },
  { dataset: [null, 1, 'a', { title: ['t'], keyword: 'one', distribution: 'd', contactPoint: 'c', temporal: 5, spatial: { bbox: 'x' } }] },
  { '@type': 'Dataset', title: 'T', keyword: [], publisher: 7, identifier: { notation: null }, inSeries: [{}, 'id', { '@id': 's', title: 5 }] },
  { response: { collections: 'x', resultSets: [{ results: [1, { id: 'a', dataUseConditions: { duoDataUse: 'GRU' } }] }] } },
  { data: [1, { schemaDescriptor: { objectType: 'policy' }, duoCodes: 'x', objectId: {} }] },
  { id: 'b', name: 'B', description: null, dataUseConditions: { duoDataUse: [{ id: 5 }, { id: 'DUO:0000007', modifiers: 'EFO:1' }] } },
];

describe('the JSON readers on odd shapes', () => {
  it.each(ODD_VALUES.map((value, i) => [i, value] as const))('value %i reads and maps without throwing', (_i, value) => {
    for (const read of [readCkanJson, readDataJsonValue, readBeaconJson]) {
      const reading = read(value);
      expect(Array.isArray(reading.datasets)).toBe(true);
      expect(Array.isArray(reading.problems)).toBe(true);
      const mapped = mapToCatalog([{ file: 'odd.json', reading }], {
        partnerId: 'acme',
        defaults: { partner: { name: 'Acme', kind: 'COMPANY', country: 'NL' }, dataClass: { whenUnstated: 'PUBLIC', whenRestricted: 'ANONYMIZED' }, useConditions: [{ code: 'GRU' }] },
      });
      for (const outcome of mapped.outcomes) {
        if (outcome.status === 'refused') expect(outcome.refusals.length).toBeGreaterThan(0);
        expect(outcome.refusals.some((r) => r.message.startsWith('could not be mapped'))).toBe(false);
      }
    }
  });
});
