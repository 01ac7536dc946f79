import { describe, expect, it } from 'vitest';
import { composition } from '../../../../../../subgraphs/partner-kit/contract-check/rules/composition.js';
import { addSdl, asServedByApolloSubgraph, dropDirective, findingsOf, unchanged, type Edit } from '../sdl-rule-harness.js';

// Composition with the repository's federation (schema/subgraphs.json): what comparing with the
// contract tolerates as a warning can still break `npm run compose`.

const ROWS: [string, Edit, RegExp[]][] = [
  ['the contract itself', unchanged, []],
  ['the contract as @apollo/subgraph serves it', asServedByApolloSubgraph, []],
  ['a value type no longer shareable', dropDirective('Checksum', 'shareable'), [/^INVALID_FIELD_SHARING: Non-shareable field "Checksum\.algorithm" is resolved from multiple subgraphs/]],
  ['a type of its own whose name the index already uses', addSdl('type DatasetConnection { total: Int }'), [/DatasetConnection/]],
];

describe('composition', () => {
  it.each(ROWS)('%s', (_name, edit, messages) => {
    const findings = findingsOf(composition, edit);
    expect(findings.map(([severity, where]) => [severity, where])).toEqual(messages.length ? findings.map(() => ['failure', 'composition']) : []);
    for (const message of messages) expect(findings.some(([, , , found]) => message.test(found))).toBe(true);
    if (messages.length) expect(findings.length).toBeGreaterThan(0);
  });
});
