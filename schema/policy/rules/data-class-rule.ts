// Data classes (partner.graphql enum DataClass; schema/policies.ts
// "data class").

import { ALLOW, deny, type Policy, type PolicyDecision, type PolicyInput } from '../decision.js';
import type { DataClass } from '../../vocabulary.js';
import { CONSORTIUM_DUA, MEMBER_SCOPE } from '../principal.js';
import { grantRule, isOwningPartner } from './grant-rule.js';

function membersOnly({ principal, facts }: PolicyInput): PolicyDecision {
  if (principal.scopes.has(MEMBER_SCOPE)) return ALLOW;
  return deny('NOT_A_MEMBER', `Dataset ${facts.datasetId} is ${facts.dataClass}: consortium members only`);
}

function membersUnderAgreement(input: PolicyInput): PolicyDecision {
  const membership = membersOnly(input);
  if (!membership.allow || input.principal.acceptedTerms.has(CONSORTIUM_DUA)) return membership;
  return deny(
    'DATA_USE_AGREEMENT_NOT_ACCEPTED',
    `Dataset ${input.facts.datasetId} is ANONYMIZED: the consortium data use agreement is required`,
    `Accept the consortium data use agreement ${CONSORTIUM_DUA}`,
  );
}

function ownerOrGrantee(input: PolicyInput): PolicyDecision {
  return isOwningPartner(input.principal, input.facts) ? ALLOW : grantRule(input);
}

const RULE_BY_CLASS: Readonly<Record<Exclude<DataClass, 'PUBLIC'>, Policy>> = {
  PARTNER_SHARED: membersOnly,
  ANONYMIZED: membersUnderAgreement,
  PROPRIETARY: ownerOrGrantee,
};

export const dataClassRule: Policy = (input) => {
  const { principal, facts } = input;
  if (facts.dataClass === 'PUBLIC') return ALLOW;
  if (!principal.authenticated) {
    return deny('AUTHENTICATION_REQUIRED', `Dataset ${facts.datasetId} is ${facts.dataClass}`, 'Sign in');
  }
  // A class this model does not know (a newer contract) gets the strictest treatment.
  const rule = RULE_BY_CLASS[facts.dataClass] ?? ownerOrGrantee;
  return rule(input);
};
