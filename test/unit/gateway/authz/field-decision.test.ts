import { describe, expect, it } from 'vitest';
import { decideStatically, type PolicyRegistry } from '../../../../gateway/authz/field-decision.js';
import { NO_POLICIES } from '../../../../gateway/authz/authorization-policies.js';
import { ANONYMOUS, type Principal } from '../../../../gateway/authz/principal.js';
import type { Requirement } from '../../../../gateway/authz/requirements.js';

const member: Principal = { ...ANONYMOUS, authenticated: true, subject: 'u1', organisation: 'org', scopes: new Set(['consortium:member']) };
const ops: Principal = { ...ANONYMOUS, authenticated: true, subject: 'u2', organisation: 'org', scopes: new Set(['stations:ops', 'stations:read']) };
const known: PolicyRegistry = { has: (name) => name === 'dataset:access' };

const authenticated: Requirement = { kind: 'authenticated' };
const memberScope: Requirement = { kind: 'requiresScopes', anyOf: [['consortium:member']] };
const adminOrOps: Requirement = { kind: 'requiresScopes', anyOf: [['stations:admin'], ['stations:ops', 'stations:read']] };
const access: Requirement = { kind: 'policy', anyOf: [['dataset:access']] };
const unknownOrAccess: Requirement = { kind: 'policy', anyOf: [['dataset:unknown'], ['dataset:access']] };

describe('static field decisions', () => {
  it.each([
    { name: 'anonymous, @authenticated', principal: ANONYMOUS, requirements: [authenticated], policies: NO_POLICIES, outcome: 'deny', reason: 'AUTHENTICATION_REQUIRED' },
    { name: 'member, @authenticated', principal: member, requirements: [authenticated], policies: NO_POLICIES, outcome: 'allow' },
    { name: 'anonymous, member scope', principal: ANONYMOUS, requirements: [memberScope], policies: NO_POLICIES, outcome: 'deny', reason: 'MISSING_SCOPES' },
    { name: 'member, member scope', principal: member, requirements: [memberScope], policies: NO_POLICIES, outcome: 'allow' },
    { name: 'ops holds the second AND group', principal: ops, requirements: [adminOrOps], policies: NO_POLICIES, outcome: 'allow' },
    { name: 'member holds neither group', principal: member, requirements: [adminOrOps], policies: NO_POLICIES, outcome: 'deny', reason: 'MISSING_SCOPES' },
    { name: 'no policies registered: fail closed', principal: member, requirements: [access], policies: NO_POLICIES, outcome: 'deny', reason: 'POLICY_NOT_ENFORCEABLE' },
    { name: 'registered policy: decided per entity', principal: member, requirements: [access], policies: known, outcome: 'per-entity' },
    { name: 'one enforceable alternative is kept', principal: member, requirements: [unknownOrAccess], policies: known, outcome: 'per-entity' },
    { name: 'all requirements must hold', principal: ANONYMOUS, requirements: [access, memberScope], policies: known, outcome: 'deny', reason: 'MISSING_SCOPES' },
  ])('$name -> $outcome', ({ principal, requirements, policies, outcome, reason }) => {
    const decision = decideStatically(requirements, principal, policies);
    expect(decision.outcome).toBe(outcome);
    if (decision.outcome === 'deny') expect(decision.denial.reason).toBe(reason);
  });

  it('names the policy that could not be enforced', () => {
    const decision = decideStatically([access], member, NO_POLICIES);
    expect(decision).toMatchObject({ outcome: 'deny', denial: { policy: 'dataset:access' } });
  });

  it('tells how to obtain missing scopes', () => {
    const decision = decideStatically([adminOrOps], ANONYMOUS, NO_POLICIES);
    expect(decision).toMatchObject({
      outcome: 'deny',
      denial: { obtainAccess: 'Ask for a token with the scopes stations:admin, or stations:ops and stations:read.' },
    });
  });
});
