import type { CatalogFile } from '../../../subgraphs/partner-kit/catalog-file.js';
import type { TokenClaims } from '../../../schema/identity-claims.js';

// Oracle 1 of the soak (issue 12, item 7): no guarded value is served to a caller who may not see it.
// The expectation is derived here, independently of the gateway and its policy code, from the
// partners' catalog files and the caller's token, as README "One query, five personas" and
// ARCHITECTURE.md "The catalog contract" state the rules. Only conditions every allowed read must
// meet are modelled (class, licence acceptance, embargo, deletion, ownership, stewardship, member
// scope); the purpose match of DUO terms is not, so the gateway may deny more than this allows, never
// the other way round. A non-null value this says the caller may not see is a violation.

/** The scope every consortium member holds, and the data use agreement ANONYMIZED data needs (README). */
const MEMBER_SCOPE = 'consortium:member';
const CONSORTIUM_DUA = 'concord-dua-1.0';

export type DataClassName = 'PUBLIC' | 'PARTNER_SHARED' | 'ANONYMIZED' | 'PROPRIETARY';

/** What the rules read about one dataset, from its partner's catalog file. */
export interface DatasetFacts {
  id: string;
  partnerId: string;
  dataClass: DataClassName;
  licenceId: string;
  /** YYYY-MM-DD or null. */
  embargoUntil: string | null;
  deletionDue: string | null;
  /** A distribution's own licence, by distribution id, where it has one. */
  distributionLicences: ReadonlyMap<string, string>;
}

export function datasetFactsOf(catalogs: readonly CatalogFile[]): Map<string, DatasetFacts> {
  const facts = new Map<string, DatasetFacts>();
  for (const { partner, datasets } of catalogs) {
    for (const d of datasets) {
      facts.set(d.id, {
        id: d.id,
        partnerId: partner.id,
        dataClass: d.dataClass as DataClassName,
        licenceId: d.licence.id,
        embargoUntil: d.embargoUntil ?? null,
        deletionDue: d.retention?.deletionDue ?? null,
        distributionLicences: new Map(d.distributions.flatMap((x) => (x.licence ? [[x.id, x.licence.id] as const] : []))),
      });
    }
  }
  return facts;
}

export interface CallerGrant {
  expiresAtMs: number;
  /** Licence terms accepted in the approved request the grant came from (none for a token's grant). */
  acceptedTerms: ReadonlySet<string>;
}

/** A caller as the rules see them: what their token says and the grants they hold. */
export interface CallerView {
  authenticated: boolean;
  organisation: string | null;
  scopes: ReadonlySet<string>;
  acceptedTerms: ReadonlySet<string>;
  /** Grants to this person, by dataset id: the token's and those approved in the governance store. */
  grants: ReadonlyMap<string, CallerGrant>;
}

export const ANONYMOUS_VIEW: CallerView = {
  authenticated: false, organisation: null, scopes: new Set(), acceptedTerms: new Set(), grants: new Map(),
};

/** A token's claims, plus grants approved in the governance store, as a view. */
export function callerViewOf(claims: TokenClaims | null, storedGrants: ReadonlyMap<string, CallerGrant> = new Map()): CallerView {
  if (!claims) return ANONYMOUS_VIEW;
  const grants = new Map<string, CallerGrant>();
  for (const g of claims.grants ?? []) grants.set(g.dataset, { expiresAtMs: g.expires * 1000, acceptedTerms: new Set() });
  for (const [datasetId, grant] of storedGrants) grants.set(datasetId, grant);
  return {
    authenticated: true,
    organisation: claims.org ?? null,
    scopes: new Set((claims.scope ?? '').split(' ').filter(Boolean)),
    acceptedTerms: new Set(claims.accepted_terms ?? []),
    grants,
  };
}

/** The guarded fields of the contract (schema/partner.graphql). */
export const SCOPE_GUARDED_FIELDS = ['contactPoint', 'dataDictionary', 'qualityReport'] as const;
export const POLICY_GUARDED_FIELDS = ['sampleRecords', 'retention', 'accessUrl', 'downloadUrl', 'royalty'] as const;
export type GuardedField = (typeof SCOPE_GUARDED_FIELDS)[number] | (typeof POLICY_GUARDED_FIELDS)[number];

const startOfDayMs = (date: string) => Date.parse(`${date}T00:00:00Z`);

/** The caller is verified staff of the partner: its `org` with the scope partner:<id> vouching for it. */
function isStaffOf(caller: CallerView, partnerId: string): boolean {
  return caller.organisation === partnerId && caller.scopes.has(`partner:${partnerId}`);
}

function activeGrant(caller: CallerView, datasetId: string, nowMs: number): CallerGrant | null {
  const grant = caller.grants.get(datasetId);
  return grant && grant.expiresAtMs > nowMs ? grant : null;
}

function licenceAccepted(caller: CallerView, licenceId: string, grant: CallerGrant | null): boolean {
  if (!/licenseref-/i.test(licenceId)) return true;
  return caller.acceptedTerms.has(licenceId) || (grant?.acceptedTerms.has(licenceId) ?? false);
}

/** Why the caller certainly may not see the dataset's content (samples, distribution URLs); null when they may. */
function contentDenial(caller: CallerView, d: DatasetFacts, licenceId: string, nowMs: number): string | null {
  if (isStaffOf(caller, d.partnerId)) return null;
  if (d.embargoUntil !== null && nowMs < startOfDayMs(d.embargoUntil)) return `under embargo until ${d.embargoUntil}`;
  const grant = activeGrant(caller, d.id, nowMs);
  if (d.dataClass !== 'PUBLIC' && !caller.authenticated) return `${d.dataClass} and not signed in`;
  if ((d.dataClass === 'PARTNER_SHARED' || d.dataClass === 'ANONYMIZED') && !caller.scopes.has(MEMBER_SCOPE)) return `${d.dataClass} and not a member`;
  if (d.dataClass === 'ANONYMIZED' && !caller.acceptedTerms.has(CONSORTIUM_DUA)) return 'ANONYMIZED and the data use agreement not accepted';
  if (d.dataClass === 'PROPRIETARY' && !grant) return 'PROPRIETARY and no grant';
  if (!licenceAccepted(caller, licenceId, grant)) return `licence ${licenceId} not accepted`;
  return null;
}

/**
 * Why the caller certainly may not see this field of this dataset; null when nothing here forbids
 * it. `distributionId` names the distribution of an accessUrl or downloadUrl, whose own licence,
 * if it has one, decides instead of the dataset's.
 */
export function forbiddenReason(caller: CallerView, d: DatasetFacts, field: GuardedField, nowMs: number, distributionId?: string): string | null {
  if ((SCOPE_GUARDED_FIELDS as readonly string[]).includes(field)) {
    return caller.scopes.has(MEMBER_SCOPE) ? null : `${field} is for members only`;
  }
  // Past its deletion date nothing guarded of a dataset is served, not even to its owner.
  if (d.deletionDue !== null && nowMs >= startOfDayMs(d.deletionDue)) return `past its deletion date ${d.deletionDue}`;
  switch (field) {
    case 'retention':
      return caller.scopes.has(`steward:${d.partnerId}`) && isStaffOf(caller, d.partnerId) ? null : `retention is for stewards of ${d.partnerId}`;
    case 'royalty': {
      if (isStaffOf(caller, d.partnerId) || activeGrant(caller, d.id, nowMs) || caller.acceptedTerms.has(d.licenceId)) return null;
      return `royalty terms of ${d.licenceId} are for its licensees`;
    }
    case 'accessUrl':
    case 'downloadUrl': {
      const licenceId = (distributionId !== undefined ? d.distributionLicences.get(distributionId) : undefined) ?? d.licenceId;
      return contentDenial(caller, d, licenceId, nowMs);
    }
    default:
      return contentDenial(caller, d, d.licenceId, nowMs);
  }
}

/** A guarded value that came back non-null. */
export interface ServedValue {
  datasetId: string;
  field: GuardedField;
  distributionId?: string;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const isObject = (value: unknown): value is Record<string, Json> => typeof value === 'object' && value !== null && !Array.isArray(value);
const present = (value: unknown) => value !== null && value !== undefined;

/**
 * Every guarded value of the known datasets in an answer's data: a dataset is an object whose `id`
 * is one of `datasets`, wherever it sits (a page, a search hit, a grant's dataset).
 */
export function servedValues(data: unknown, datasets: ReadonlyMap<string, DatasetFacts>): ServedValue[] {
  const served: ServedValue[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    if (!isObject(value)) return;
    const id = value.id;
    if (typeof id === 'string' && datasets.has(id)) {
      collectDataset(id, value, served);
      return;
    }
    for (const child of Object.values(value)) visit(child);
  };
  visit(data);
  return served;
}

function collectDataset(datasetId: string, dataset: Record<string, Json>, served: ServedValue[]): void {
  for (const field of [...SCOPE_GUARDED_FIELDS, 'sampleRecords', 'retention'] as const) {
    if (present(dataset[field])) served.push({ datasetId, field });
  }
  const licence = dataset.licence;
  if (isObject(licence) && present(licence.royalty)) served.push({ datasetId, field: 'royalty' });
  const distributions = dataset.distributions;
  if (!Array.isArray(distributions)) return;
  for (const distribution of distributions) {
    if (!isObject(distribution)) continue;
    const distributionId = typeof distribution.id === 'string' ? distribution.id : undefined;
    for (const field of ['accessUrl', 'downloadUrl'] as const) {
      if (present(distribution[field])) served.push({ datasetId, field, ...(distributionId !== undefined ? { distributionId } : {}) });
    }
  }
}

export interface Violation extends ServedValue {
  reason: string;
}

export interface AnswerCheck {
  /** Guarded values the answer served, each checked. */
  checked: number;
  violations: Violation[];
  /**
   * Values of @policy fields that were served, so the gateway allowed them: reads the audit trail
   * must hold (a violation among them too: it was served, so it must have been recorded).
   */
  allowedReads: ServedValue[];
}

/** Oracle 1 on one answer, and the reads oracle 2 must then find in the audit trail. */
export function checkAnswer(caller: CallerView, data: unknown, datasets: ReadonlyMap<string, DatasetFacts>, nowMs: number): AnswerCheck {
  const violations: Violation[] = [];
  const allowedReads: ServedValue[] = [];
  const served = servedValues(data, datasets);
  for (const value of served) {
    const reason = forbiddenReason(caller, datasets.get(value.datasetId)!, value.field, nowMs, value.distributionId);
    if (reason !== null) violations.push({ ...value, reason });
    if ((POLICY_GUARDED_FIELDS as readonly string[]).includes(value.field)) allowedReads.push(value);
  }
  return { checked: served.length, violations, allowedReads };
}
