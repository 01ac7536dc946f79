// The named policies of the catalog contract (schema/partner.graphql, `@policy(policies: ...)`) and
// what each checks, in words. Their implementation is schema/policy/catalog-policies.ts: pure
// functions of (principal, dataset facts, grants, now), versioned in schema/policy/policy-set.json.

export interface PolicyDescription {
  /** Fields of the contract that carry it. */
  guards: readonly string[];
  checks: readonly string[];
}

/**
 * How every policy reads the token's `org` claim (schema/policy/verified-organisation.ts): one clause
 * for ownership, stewardship, DUO IS and grants to organisations alike.
 */
export const ORGANISATION_CLAUSE =
  'organisation: an org claim counts only with the scope the consortium identity provider issues for it, partner:<id> for a partner\'s staff or institution:<id> for an outside institution; an org claim alone is never sufficient';

/**
 * Every named policy starts with it (schema/policy/rules/retention-rule.ts). The deletion date is the
 * retention schedule's deletionDue, which the gateway fetches from every partner as a governance fact
 * (never returned to a client that may not read the schedule).
 */
export const RETENTION_CLAUSE =
  'retention: from 00:00 UTC on a dataset\'s deletion date (RetentionSchedule.deletionDue) nothing it guards is served to anyone, its owner and stewards included';

const ACCESS_CHECKS = [
  RETENTION_CLAUSE,
  'owner: the owning partner\'s verified staff (org = partner id with scope partner:<id>) may use its own data; the checks below are skipped',
  'embargo: lifted on embargoUntil at 00:00 UTC',
  'data class: PUBLIC for everyone; PARTNER_SHARED for consortium members (scope consortium:member); ANONYMIZED for members who accepted the consortium data use agreement (concord-dua-1.0); PROPRIETARY for holders of an active grant',
  'licence: a LicenseRef- licence must be in accepted_terms; open SPDX licences need no acceptance',
  'grants: to the person, or to their organisation when it is verified',
  ORGANISATION_CLAUSE,
  'purpose: the declared purpose against every DUO term (schema/policy/rules/purpose-match.ts): the permission (NRES, GRU, HMB, DS, POA, CC), the modifiers decided from the token (NPOA, NMDS, GSO, NCU, NPU, NPUNCU, IRB, GS, IS, US, PS), RS and TS through grants, and the duties PUB, COL, RTN, MOR accepted by term id or by holding a grant',
];

/** What each named policy guards and checks; the implementation with the same names is CATALOG_POLICIES. */
export const POLICY_DESCRIPTIONS: Readonly<Record<string, PolicyDescription>> = {
  'dataset:access': {
    guards: ['Distribution.accessUrl', 'Distribution.downloadUrl', 'DataService.endpointUrl'],
    checks: ACCESS_CHECKS,
  },
  'dataset:sample-records': {
    guards: ['Dataset.sampleRecords'],
    checks: ['the same checks as dataset:access: sample records are content'],
  },
  'dataset:retention-schedule': {
    guards: ['Dataset.retention'],
    checks: [RETENTION_CLAUSE, 'the principal is verified staff of the owning partner (scope partner:<id>) and its steward (scope steward:<id>)', ORGANISATION_CLAUSE],
  },
  'licence:royalty-terms': {
    guards: ['Licence.royalty'],
    checks: [RETENTION_CLAUSE, 'the principal is verified staff of the owning partner, holds an active grant for the dataset (to them or their verified organisation), or accepted the licence', ORGANISATION_CLAUSE],
  },
};
