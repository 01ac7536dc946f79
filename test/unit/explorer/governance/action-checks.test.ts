import { describe, expect, it } from 'vitest';
import { checkReinstatement, checkRevocation, checkSuspension, checkTrustMark, IDENTIFIER_MAX } from '../../../../explorer/src/governance/action-checks.js';
import { REASON_MAX } from '../../../../explorer/src/governance/decision-check.js';

const errorsOf = (check: { ok: true } | { ok: false; errors: Record<string, string | undefined> }) => (check.ok ? [] : Object.keys(check.errors).sort());

describe('revoking a grant', () => {
  it.each([
    { reason: ' Project ended ', expected: { ok: true, variables: { grantId: 'grant-1', reason: 'Project ended' } } },
    { reason: '', expected: { ok: false, errors: { reason: 'Give a reason: the grantee and the audit trail see it.' } } },
    { reason: ' \n ', expected: { ok: false, errors: { reason: 'Give a reason: the grantee and the audit trail see it.' } } },
    { reason: 'x'.repeat(REASON_MAX + 1), expected: { ok: false, errors: { reason: `The reason is ${REASON_MAX + 1} characters; at most ${REASON_MAX}.` } } },
  ])('reason $reason', ({ reason, expected }) => {
    expect(checkRevocation({ grantId: 'grant-1', reason })).toEqual(expected);
  });

  it.each([
    { grantId: ' grant-1 ', errors: [] },
    { grantId: '', errors: ['grantId'] },
    { grantId: 'grant 1', errors: ['grantId'] },
    { grantId: 'x'.repeat(IDENTIFIER_MAX + 1), errors: ['grantId'] },
  ])('grant id $grantId', ({ grantId, errors }) => {
    const check = checkRevocation({ grantId, reason: 'Project ended' });
    expect(errorsOf(check)).toEqual(errors);
    if (check.ok) expect(check.variables.grantId).toBe('grant-1');
  });
});

describe('a trust mark', () => {
  const existing = [{ organisation: 'uni-leiden', dataClass: 'PROPRIETARY' }];
  it.each([
    { values: { organisation: ' acme-analytics ', dataClass: 'ANONYMIZED' }, variables: { partnerId: 'p', organisation: 'acme-analytics', dataClass: 'ANONYMIZED' } },
    { values: { organisation: 'uni-leiden', dataClass: 'PARTNER_SHARED' }, variables: { partnerId: 'p', organisation: 'uni-leiden', dataClass: 'PARTNER_SHARED' } },
  ])('accepts $values', ({ values, variables }) => {
    expect(checkTrustMark('p', values, existing)).toEqual({ ok: true, variables });
  });

  it.each([
    { values: { organisation: '', dataClass: '' }, errors: ['dataClass', 'organisation'] },
    { values: { organisation: 'uni leiden', dataClass: 'PROPRIETARY' }, errors: ['organisation'] },
    { values: { organisation: 'x'.repeat(IDENTIFIER_MAX + 1), dataClass: 'PROPRIETARY' }, errors: ['organisation'] },
    { values: { organisation: 'acme-analytics', dataClass: 'PUBLIC' }, errors: ['dataClass'] },
    { values: { organisation: 'acme-analytics', dataClass: 'SECRET' }, errors: ['dataClass'] },
    { values: { organisation: ' uni-leiden ', dataClass: 'PROPRIETARY' }, errors: ['organisation'] },
  ])('refuses $values', ({ values, errors }) => {
    expect(errorsOf(checkTrustMark('p', values, existing))).toEqual(errors);
  });

  it('says why public data takes no trust mark, and names a mark already set', () => {
    expect(checkTrustMark('p', { organisation: 'a', dataClass: 'PUBLIC' })).toMatchObject({ ok: false, errors: { dataClass: expect.stringMatching(/Public data needs no request/) } });
    expect(checkTrustMark('p', { organisation: 'uni-leiden', dataClass: 'PROPRIETARY' }, existing)).toMatchObject({ ok: false, errors: { organisation: 'uni-leiden is already trusted for this data class.' } });
  });
});

describe('a suspension and its lifting', () => {
  it.each([
    { values: { kind: 'organisation' as const, id: ' acme-analytics ', reason: ' Breach of the DUA ' }, variables: { organisation: 'acme-analytics', reason: 'Breach of the DUA' } },
    { values: { kind: 'subject' as const, id: 'demo-analyst', reason: 'Shared a password' }, variables: { subject: 'demo-analyst', reason: 'Shared a password' } },
  ])('suspends $values.kind', ({ values, variables }) => {
    expect(checkSuspension(values)).toEqual({ ok: true, variables });
  });

  it.each([
    { values: { kind: 'organisation' as const, id: '', reason: '' }, errors: ['id', 'reason'] },
    { values: { kind: 'subject' as const, id: 'demo analyst', reason: 'why' }, errors: ['id'] },
    { values: { kind: 'subject' as const, id: 'demo-analyst', reason: '   ' }, errors: ['reason'] },
    { values: { kind: 'organisation' as const, id: 'acme', reason: 'x'.repeat(REASON_MAX + 1) }, errors: ['reason'] },
  ])('refuses to suspend $values', ({ values, errors }) => {
    expect(errorsOf(checkSuspension(values))).toEqual(errors);
  });

  it.each([
    { values: { kind: 'organisation' as const, id: 'acme-analytics' }, expected: { ok: true, variables: { organisation: 'acme-analytics' } } },
    { values: { kind: 'subject' as const, id: ' demo-analyst' }, expected: { ok: true, variables: { subject: 'demo-analyst' } } },
    { values: { kind: 'subject' as const, id: '' }, expected: { ok: false, errors: { id: 'Name the person\'s subject (e.g. demo-analyst).' } } },
    { values: { kind: 'organisation' as const, id: 'a b' }, expected: { ok: false, errors: { id: 'An id has no spaces: write the organisation as tokens carry it (e.g. acme-analytics).' } } },
  ])('reinstates $values', ({ values, expected }) => {
    expect(checkReinstatement(values)).toEqual(expected);
  });
});
