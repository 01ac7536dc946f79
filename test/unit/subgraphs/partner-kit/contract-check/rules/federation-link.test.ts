import { describe, expect, it } from 'vitest';
import { federationLink } from '../../../../../../subgraphs/partner-kit/contract-check/rules/federation-link.js';
import { asServedByApolloSubgraph, findingsOf, relink, unchanged, type Edit } from '../sdl-rule-harness.js';

const ROWS: [string, Edit, ReturnType<typeof findingsOf>][] = [
  ['the contract itself', unchanged, []],
  ['the contract as @apollo/subgraph serves it', asServedByApolloSubgraph, []],
  ['a later federation version', relink({ version: '2.11' }), []],
  ['the lowest version with @policy', relink({ version: '2.6' }), []],
  ['a version before @policy', relink({ version: '2.5' }), [['failure', 'schema', 'federation v2.6 or later (@policy needs it)', 'federation v2.5']]],
  ['no federation link: a Federation 1 SDL', relink(null),
    [['failure', 'schema', '@link to https://specs.apollo.dev/federation/v2.6 or later', 'no federation @link (a Federation 1 subgraph, or no federation at all)']]],
];

describe('federation-link', () => {
  it.each(ROWS)('%s', (_name, edit, expected) => {
    expect(findingsOf(federationLink, edit)).toEqual(expected);
  });
});
