import { describe, expect, it } from 'vitest';
import { isBoardMember, isMember, isStewardOf } from '../../../../subgraphs/governance/roles.js';
import { granteesOf } from '../../../../subgraphs/governance/grants-endpoint.js';
import { DatasetFactsTable } from '../../../../subgraphs/governance/dataset-facts.js';
import { PART_STATUSES, DECISION_OUTCOMES } from '../../../../subgraphs/governance/store/governance-store.js';
import { DECISION_OUTCOME_VALUES, PART_STATUS_VALUES } from '../../../../schema/governance-contract.js';
import type { IndexedDataset } from '../../../../subgraphs/catalog-index/catalog-index.js';
import { ANONYMOUS, institutionScope, MEMBER_SCOPE, partnerScope, stewardScope, type Principal } from '../../../../schema/policy/principal.js';

function who(subject: string | null, org: string | null, scopes: string[]): Principal {
  return { ...ANONYMOUS, authenticated: subject !== null, subject, organisation: org, scopes: new Set(scopes) };
}

const P = 'northbridge-hospital';

describe('roles', () => {
  it.each<[string, Principal, { member: boolean; steward: boolean; board: boolean }]>([
    ['anonymous', ANONYMOUS, { member: false, steward: false, board: false }],
    ['a member', who('a', null, [MEMBER_SCOPE]), { member: true, steward: false, board: false }],
    ['a steward: staff of the partner with its steward scope', who('s', P, [partnerScope(P), stewardScope(P)]), { member: false, steward: true, board: false }],
    ['the steward scope with an org claim alone', who('s', P, [stewardScope(P)]), { member: false, steward: false, board: false }],
    ['the steward scope with an institution scope for the partner\'s id', who('s', P, [institutionScope(P), stewardScope(P)]), { member: false, steward: false, board: false }],
    ['staff without the steward scope', who('s', P, [partnerScope(P)]), { member: false, steward: false, board: false }],
    ['a steward of another partner', who('s', 'helix-therapeutics', [partnerScope('helix-therapeutics'), stewardScope('helix-therapeutics')]), { member: false, steward: false, board: false }],
    ['the board', who('b', null, ['consortium:board']), { member: false, steward: false, board: true }],
  ])('%s', (_name, principal, expected) => {
    expect({ member: isMember(principal), steward: isStewardOf(principal, P), board: isBoardMember(principal) }).toEqual(expected);
  });
});

describe('granteesOf', () => {
  it.each<[string, Principal, unknown[]]>([
    ['anonymous: none', ANONYMOUS, []],
    ['a person without a verified organisation', who('a', 'uni-leiden', [MEMBER_SCOPE]), [{ kind: 'person', subject: 'a' }]],
    ['a person and their verified institution', who('a', 'uni-leiden', [institutionScope('uni-leiden')]), [{ kind: 'person', subject: 'a' }, { kind: 'organisation', organisation: 'uni-leiden' }]],
    ['a partner\'s staff and their partner', who('s', P, [partnerScope(P)]), [{ kind: 'person', subject: 's' }, { kind: 'organisation', organisation: P }]],
  ])('%s', (_name, principal, expected) => {
    expect(granteesOf(principal)).toEqual(expected);
  });
});

describe('the contract and the store agree', () => {
  it('on part statuses and decision outcomes', () => {
    expect([...PART_STATUS_VALUES]).toEqual([...PART_STATUSES]);
    expect([...DECISION_OUTCOME_VALUES]).toEqual([...DECISION_OUTCOMES]);
  });
});

describe('DatasetFactsTable', () => {
  const harvested = (id: string, extra: Partial<IndexedDataset> = {}): IndexedDataset => ({
    id, partnerId: id.split(':')[0]!, title: 't', description: 'd', keywords: [], themes: [], dataClass: 'PROPRIETARY', licenceId: 'CC-BY-4.0',
    useConditions: [{ code: 'GRU' }], embargoUntil: null, issued: '2024-01-01', modified: '2024-01-01T00:00:00Z', ...extra,
  });

  it('keeps the policy facts of each harvested dataset, with the licence duration and no deletion date', () => {
    const table = new DatasetFactsTable();
    table.replacePartner('acme', [harvested('acme:ds-1', { licenceMaxDurationMonths: 24 }), harvested('acme:ds-2')]);
    expect(table.get('acme:ds-1')).toEqual({
      datasetId: 'acme:ds-1', partnerId: 'acme', dataClass: 'PROPRIETARY', licenceId: 'CC-BY-4.0', licenceMaxDurationMonths: 24,
      useConditions: [{ code: 'GRU' }], embargoUntil: null, deletionDue: null,
    });
    expect(table.get('acme:ds-2')!.licenceMaxDurationMonths).toBeNull();
    expect(table.countFor('acme')).toBe(2);
  });

  it('applies incremental changes and forgets datasets a partner no longer lists', () => {
    const table = new DatasetFactsTable();
    table.replacePartner('acme', [harvested('acme:ds-1'), harvested('acme:ds-2')]);
    table.applyChanges('acme', [harvested('acme:ds-2', { dataClass: 'ANONYMIZED' }), harvested('acme:ds-3')], new Set(['acme:ds-2', 'acme:ds-3']));
    expect(table.get('acme:ds-1')).toBeUndefined();
    expect(table.get('acme:ds-2')!.dataClass).toBe('ANONYMIZED');
    expect(table.countFor('acme')).toBe(2);
    expect(table.get('beta:ds-1')).toBeUndefined();
  });
});
