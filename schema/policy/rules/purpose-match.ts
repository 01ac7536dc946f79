// Purpose matching: the declared research purpose against every GA4GH Data Use Ontology term on a
// dataset (schema/policies.ts "purpose"; vocabulary in schema/duo-terms.csv). A
// dataset carries one permission term and any modifiers; duties are accepted, not matched.

import { ALLOW, deny, type DenialReason, type Policy, type PolicyDecision, type PolicyInput } from '../decision.js';
import type { UseConditionFact } from '../facts.js';
import type { ResearchPurpose } from '../principal.js';
import { isMemberOf } from '../verified-organisation.js';
import { activeGrantFor, hasActiveGrant, isOwningPartner, requestAccessTo } from './grant-rule.js';

interface Match { input: PolicyInput; purpose: ResearchPurpose }

interface Permission {
  role: 'permission';
  id: string;
  allows(purpose: ResearchPurpose, term: UseConditionFact): boolean;
  says(term: UseConditionFact): string;
}
interface Modifier {
  role: 'modifier';
  id: string;
  holds(match: Match, term: UseConditionFact): boolean;
  says(term: UseConditionFact): string;
  /** Terms met by a grant rather than by claims; the others deny with PURPOSE_INCOMPATIBLE. */
  unmet?: { reason: DenialReason; obtainAccess(match: Match, term: UseConditionFact): string };
}
interface Duty { role: 'duty'; id: string }
export type TermRule = Permission | Modifier | Duty;

const permission = (id: string, allows: Permission['allows'], says: Permission['says']): Permission =>
  ({ role: 'permission', id, allows, says });
const modifier = (id: string, holds: Modifier['holds'], says: Modifier['says']): Modifier =>
  ({ role: 'modifier', id, holds, says });
const duty = (id: string): Duty => ({ role: 'duty', id });

const notForProfit = ({ input }: Match) =>
  input.principal.affiliation === 'academic' || input.principal.affiliation === 'nonprofit';
const nonCommercial = ({ purpose }: Match) => !purpose.commercial;
const listed = (value: string | null, allowed: readonly string[] | null | undefined) =>
  value !== null && (allowed ?? []).includes(value);
const listedOrganisation = ({ principal, facts }: PolicyInput, allowed: readonly string[] | null | undefined) =>
  (allowed ?? []).some((id) => isMemberOf(principal, id, new Set([facts.partnerId])));
const named = (list: readonly string[] | null | undefined) => (list?.length ? list.join(', ') : 'nobody');

/** DUO RS and the data class PROPRIETARY (for anyone but its owner) are met only through a grant. */
function reliesOnGrant({ principal, facts }: PolicyInput): boolean {
  const proprietary = facts.dataClass === 'PROPRIETARY' && !isOwningPartner(principal, facts);
  return proprietary || facts.useConditions.some((t) => t.code === 'RS');
}

/** Calendar months in UTC, clamped to the month's last day (31 January + 1 month = 28/29 February). */
function addUtcMonths(date: Date, months: number): Date {
  const result = new Date(date);
  result.setUTCDate(1);
  result.setUTCMonth(result.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0)).getUTCDate();
  result.setUTCDate(Math.min(date.getUTCDate(), lastDay));
  return result;
}

/**
 * DUO TS: a grant running longer than `months` from now is not honoured. It bites only where access
 * relies on a grant; with no active grant at all there is nothing to cap, and RS or the data class deny.
 */
function withinTimeLimit({ input }: Match, term: UseConditionFact): boolean {
  const { grants, principal, facts, now } = input;
  if (!reliesOnGrant(input) || !activeGrantFor(grants, principal, facts, now)) return true;
  const months = term.months ?? NaN;
  if (!Number.isInteger(months) || months <= 0) return false;
  const latest = addUtcMonths(now, months).getTime();
  return activeGrantFor(grants.filter((g) => g.expiresAt <= latest), principal, facts, now) !== undefined;
}

const requestGrant: Modifier['unmet'] = {
  reason: 'NO_ACTIVE_GRANT',
  obtainAccess: ({ input }) => requestAccessTo(input.facts),
};
const requestShortGrant: Modifier['unmet'] = {
  reason: 'NO_ACTIVE_GRANT',
  obtainAccess: ({ input }, t) => `${requestAccessTo(input.facts)} for at most ${t.months ?? '?'} months`,
};

/** Every DUO term of schema/duo-terms.csv, by shorthand: decided (permission, modifier) or a duty. */
export const DUO_RULES: ReadonlyMap<string, TermRule> = new Map<string, TermRule>([
  ['NRES', permission('DUO:0000004', () => true, () => 'allows any use')],
  ['GRU', permission('DUO:0000042', (p) => p.category !== 'clinical-care',
    () => 'allows research use, not clinical care')],
  ['HMB', permission('DUO:0000006', (p) => p.category === 'health' || p.category === 'disease',
    () => 'allows health, medical or biomedical research only')],
  // An exact identifier match: DUO DS does not say whether subtypes of the disease are included.
  ['DS', permission('DUO:0000007', (p, t) => p.category === 'disease' && !!t.diseaseId && p.diseaseId === t.diseaseId,
    (t) => `allows research on ${t.diseaseId ?? 'a disease it does not name'} only`)],
  ['POA', permission('DUO:0000011', (p) => p.category === 'ancestry',
    () => 'allows population origins or ancestry research only')],
  ['CC', permission('DUO:0000043', (p) => p.category === 'clinical-care', () => 'allows clinical care use only')],
  // RS cannot be judged from claims: the steward reviews the research type when granting access.
  ['RS', { ...modifier('DUO:0000012', ({ input }) => hasActiveGrant(input),
    () => 'restricts use to a research type the steward reviewed: an active grant is required'), unmet: requestGrant }],
  ['NMDS', modifier('DUO:0000015', ({ purpose }) => purpose.category !== 'methods',
    () => 'does not allow methods development research')],
  ['GSO', modifier('DUO:0000016', ({ purpose }) => purpose.genetic, () => 'allows genetic studies only')],
  ['NPUNCU', modifier('DUO:0000018', (m) => notForProfit(m) && nonCommercial(m),
    () => 'allows non-commercial use by not-for-profit organisations only')],
  ['IRB', modifier('DUO:0000021', ({ purpose }) => purpose.ethicsApproval,
    () => 'requires local ethics (IRB/ERB) approval')],
  ['GS', modifier('DUO:0000022', ({ input }, t) => listed(input.principal.country, t.regions),
    (t) => `limits use to ${named(t.regions)}`)],
  ['TS', { ...modifier('DUO:0000025', withinTimeLimit,
    (t) => `limits use to ${t.months ?? '?'} months: a longer grant is not honoured`), unmet: requestShortGrant }],
  ['US', modifier('DUO:0000026', ({ input }, t) => listed(input.principal.subject, t.allowed),
    (t) => `limits use to the users ${named(t.allowed)}`)],
  ['PS', modifier('DUO:0000027', ({ purpose }, t) => listed(purpose.project, t.allowed),
    (t) => `limits use to the projects ${named(t.allowed)}`)],
  // An institution listed by IS counts only when the consortium IdP vouches for the person's membership,
  // and the publishing partner listed only for its staff (schema/policy/verified-organisation.ts isMemberOf).
  ['IS', modifier('DUO:0000028', ({ input }, t) => listedOrganisation(input, t.allowed),
    (t) => `limits use to the institutions ${named(t.allowed)}`)],
  ['NPOA', modifier('DUO:0000044', ({ purpose }) => purpose.category !== 'ancestry',
    () => 'does not allow population origins or ancestry research')],
  ['NPU', modifier('DUO:0000045', notForProfit, () => 'allows not-for-profit organisations only')],
  ['NCU', modifier('DUO:0000046', nonCommercial, () => 'allows non-commercial use only')],
  ['PUB', duty('DUO:0000019')],
  ['COL', duty('DUO:0000020')],
  ['MOR', duty('DUO:0000024')],
  ['RTN', duty('DUO:0000029')],
]);

interface RuledTerm { term: UseConditionFact; rule: TermRule }

function decideTerm({ term, rule }: RuledTerm, match: Match): PolicyDecision {
  if (rule.role === 'duty') return ALLOW;
  const met = rule.role === 'permission' ? rule.allows(match.purpose, term) : rule.holds(match, term);
  if (met) return ALLOW;
  const detail = `${term.code} ${rule.id} ${rule.says(term)}`;
  const unmet = rule.role === 'modifier' ? rule.unmet : undefined;
  return unmet ? deny(unmet.reason, detail, unmet.obtainAccess(match, term)) : deny('PURPOSE_INCOMPATIBLE', detail);
}

/** DUO PUB, COL, RTN, MOR: accepted by term id in accepted_terms, or when the grant was requested. */
function acceptDuties(input: PolicyInput, duties: readonly RuledTerm[]): PolicyDecision {
  const viaGrant = hasActiveGrant(input);
  const missing = duties.filter(({ rule }) => !viaGrant && !input.principal.acceptedTerms.has(rule.id));
  const codes = (list: readonly RuledTerm[]) => [...new Set(list.map(({ term }) => term.code))];
  if (missing.length === 0) return { allow: true, duties: codes(duties) };
  const terms = [...new Set(missing.map(({ term, rule }) => `${term.code} ${rule.id}`))].join(', ');
  return deny('DUTY_NOT_ACCEPTED', `Duties not accepted: ${terms}`, `Accept the duties ${codes(missing).join(', ')}`);
}

export const purposeMatch: Policy = (input) => {
  const { facts, principal } = input;
  const ruled: RuledTerm[] = [];
  for (const term of facts.useConditions) {
    const rule = DUO_RULES.get(term.code);
    if (!rule) return deny('UNKNOWN_USE_CONDITION', `Use condition ${term.code} is not a DUO term Concord decides`);
    ruled.push({ term, rule });
  }
  const withRole = (role: TermRule['role']) => ruled.filter(({ rule }) => rule.role === role);
  // Fail closed: without a permission term nothing says which use is allowed; PUBLIC data is anyone's to use.
  if (withRole('permission').length === 0 && facts.dataClass !== 'PUBLIC') {
    return deny('PURPOSE_INCOMPATIBLE', `Dataset ${facts.datasetId} carries no DUO permission term`);
  }
  if (principal.purpose === null) {
    if (ruled.every(({ term }) => term.code === 'NRES')) return ALLOW;
    return deny('PURPOSE_NOT_DECLARED', `Dataset ${facts.datasetId} restricts its use`, 'Declare a research purpose');
  }
  const match = { input, purpose: principal.purpose };
  // Every permission must allow (two permissions are read as their intersection), then every modifier.
  for (const term of [...withRole('permission'), ...withRole('modifier')]) {
    const decision = decideTerm(term, match);
    if (!decision.allow) return decision;
  }
  return acceptDuties(input, withRole('duty'));
};
