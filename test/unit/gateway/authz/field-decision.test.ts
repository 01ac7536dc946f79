import { describe, expect, it } from 'vitest';
import { decideStatically, perEntityAlternatives } from '../../../../gateway/authz/field-decision.js';
import { ANONYMOUS, type Principal } from '../../../../schema/policy/principal.js';
import type { Requirement } from '../../../../gateway/authz/requirements.js';
import { ALLOW, type NamedPolicies } from '../../../../schema/policy/decision.js';

const member: Principal = { ...ANONYMOUS, authenticated: true, subject: 'u1', organisation: 'org', scopes: new Set(['consortium:member']) };
const ops: Principal = { ...ANONYMOUS, authenticated: true, subject: 'u2', organisation: 'org', scopes: new Set(['stations:ops', 'stations:read']) };
const NONE: NamedPolicies = {};
/** Policies the gateway knows; what they decide does not matter before planning. */
const known: NamedPolicies = { 'dataset:access': () => ALLOW, 'dataset:retention-schedule': () => ALLOW };

const authenticated: Requirement = { kind: 'authenticated' };
const memberScope: Requirement = { kind: 'requiresScopes', anyOf: [['consortium:member']] };
const adminOrOps: Requirement = { kind: 'requiresScopes', anyOf: [['stations:admin'], ['stations:ops', 'stations:read']] };
const access: Requirement = { kind: 'policy', anyOf: [['dataset:access']] };
const steward: Requirement = { kind: 'policy', anyOf: [['dataset:retention-schedule']] };
const unknownOrAccess: Requirement = { kind: 'policy', anyOf: [['dataset:unknown'], ['dataset:access']] };
const accessAndUnknown: Requirement = { kind: 'policy', anyOf: [['dataset:access', 'dataset:unknown']] };
const fromObject: Requirement = { kind: 'policy', anyOf: [['constructor']] };

describe('static field decisions', () => {
  it.each([
    { name: 'anonymous, @authenticated', principal: ANONYMOUS, requirements: [authenticated], policies: NONE, outcome: 'deny', reason: 'AUTHENTICATION_REQUIRED' },
    { name: 'member, @authenticated', principal: member, requirements: [authenticated], policies: NONE, outcome: 'allow' },
    { name: 'anonymous, member scope', principal: ANONYMOUS, requirements: [memberScope], policies: NONE, outcome: 'deny', reason: 'MISSING_SCOPES' },
    { name: 'member, member scope', principal: member, requirements: [memberScope], policies: NONE, outcome: 'allow' },
    { name: 'ops holds the second AND group', principal: ops, requirements: [adminOrOps], policies: NONE, outcome: 'allow' },
    { name: 'member holds neither group', principal: member, requirements: [adminOrOps], policies: NONE, outcome: 'deny', reason: 'MISSING_SCOPES' },
    { name: 'no policies registered: fail closed', principal: member, requirements: [access], policies: NONE, outcome: 'deny', reason: 'POLICY_NOT_ENFORCEABLE' },
    { name: 'a name from Object.prototype is no policy', principal: member, requirements: [fromObject], policies: known, outcome: 'deny', reason: 'POLICY_NOT_ENFORCEABLE' },
    { name: 'an AND group with an unknown policy', principal: member, requirements: [accessAndUnknown], policies: known, outcome: 'deny', reason: 'POLICY_NOT_ENFORCEABLE' },
    { name: 'registered policy: decided per entity', principal: member, requirements: [access], policies: known, outcome: 'per-entity' },
    { name: 'one enforceable alternative is kept', principal: member, requirements: [unknownOrAccess], policies: known, outcome: 'per-entity' },
    { name: 'all requirements must hold', principal: ANONYMOUS, requirements: [access, memberScope], policies: known, outcome: 'deny', reason: 'MISSING_SCOPES' },
    { name: 'the first failing requirement is named', principal: ANONYMOUS, requirements: [fromObject, memberScope], policies: known, outcome: 'deny', reason: 'POLICY_NOT_ENFORCEABLE' },
  ])('$name -> $outcome', ({ principal, requirements, policies, outcome, reason }) => {
    const decision = decideStatically(requirements, principal, policies);
    expect(decision.outcome).toBe(outcome);
    if (decision.outcome === 'deny') expect(decision.denial.reason).toBe(reason);
  });

  it('names the policy that could not be enforced', () => {
    const decision = decideStatically([access], member, NONE);
    expect(decision).toMatchObject({ outcome: 'deny', denial: { policy: 'dataset:access' } });
  });

  it('tells how to obtain missing scopes', () => {
    const decision = decideStatically([adminOrOps], ANONYMOUS, NONE);
    expect(decision).toMatchObject({
      outcome: 'deny',
      denial: { obtainAccess: 'Ask for a token with the scopes stations:admin, or stations:ops and stations:read.' },
    });
  });

  it('defers exactly the alternatives perEntityAlternatives gives the second pass', () => {
    const requirements = [memberScope, unknownOrAccess, steward];
    expect(decideStatically(requirements, member, known)).toEqual({ outcome: 'per-entity', alternatives: perEntityAlternatives(requirements, known) });
  });
});

describe('perEntityAlternatives: what the second pass decides per entity', () => {
  it.each<{ name: string; requirements: Requirement[]; alternatives: string[][] | null }>([
    { name: 'no @policy', requirements: [authenticated, memberScope], alternatives: null },
    { name: 'one policy', requirements: [access], alternatives: [['dataset:access']] },
    { name: 'an unknown alternative is dropped', requirements: [unknownOrAccess], alternatives: [['dataset:access']] },
    { name: 'nothing enforceable: no alternative can allow', requirements: [accessAndUnknown], alternatives: [] },
    // A field's own @policy and its type's must both hold: AND, never OR.
    { name: 'two requirements are both needed', requirements: [access, steward], alternatives: [['dataset:access', 'dataset:retention-schedule']] },
    {
      name: 'OR within one, AND across two',
      requirements: [{ kind: 'policy', anyOf: [['dataset:access'], ['dataset:retention-schedule']] }, steward],
      alternatives: [['dataset:access', 'dataset:retention-schedule'], ['dataset:retention-schedule']],
    },
    { name: 'one requirement with nothing enforceable sinks the others', requirements: [access, accessAndUnknown], alternatives: [] },
  ])('$name', ({ requirements, alternatives }) => {
    expect(perEntityAlternatives(requirements, known)).toEqual(alternatives);
  });
});
