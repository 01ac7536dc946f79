import { createPartnerSubgraph } from '../../../../subgraphs/partner-kit/create-partner-subgraph.js';
import { parseCatalog } from '../../../../subgraphs/partner-kit/load-catalog.js';
import { startPartnerServer } from '../../../../subgraphs/partner-kit/serve-partner.js';
import type { CatalogFile } from '../../../../subgraphs/partner-kit/catalog-file.js';
import { createGovernanceSubgraph, startGovernanceServer, type GovernanceSubgraph } from '../../../../subgraphs/governance/create-governance-subgraph.js';
import { InMemoryGovernanceStore } from '../../../../subgraphs/governance/store/in-memory-governance-store.js';
import type { GovernanceStore } from '../../../../subgraphs/governance/store/governance-store.js';
import { BOARD_SCOPE } from '../../../../schema/governance-contract.js';
import { CONSORTIUM_DUA, institutionScope, MEMBER_SCOPE, partnerScope, stewardScope, type Principal, type ResearchPurpose } from '../../../../schema/policy/principal.js';
import type { RunningHttpServer } from '../../../../runtime/http-server.js';
import type { AuditLog } from '../../../../runtime/audit/audit-log.js';
import { silentLogger, type Logger } from '../../../../runtime/logger.js';
import { encodePrincipal, PRINCIPAL_HEADER } from '../../../../runtime/subgraph-protocol/forwarded-principal.js';
import { signRequestBody } from '../../../../runtime/subgraph-protocol/request-signing.js';
import { smallCatalog } from '../../../harness/catalog-fixtures.js';

// The governance subgraph alone, over HTTP: two partners' real servers to harvest, a governance
// store in memory, a clock the test moves, and requests signed as the gateway signs them, each with
// the principal it forwards.

export const GOVERNANCE_KEY = 'test-only-governance-key-0123456789abcdef';
const PARTNER_KEY = 'test-only-partner-key-0123456789abcdef';
export const START = new Date('2026-11-24T12:00:00Z');

export const ACME = 'acme-labs';
export const BETA = 'beta-lab';
export const ACME_LICENCE = 'LicenseRef-Acme-Data-1.0';

/** The datasets of the two partners, each there for one rule. */
function acmeCatalog(): CatalogFile {
  const file = smallCatalog(ACME);
  const base = file.datasets[0]!;
  const licence = { id: ACME_LICENCE, name: 'Acme data licence', commercialUse: false, attributionRequired: true, fieldsOfUse: [], maxDurationMonths: 6 };
  file.datasets.push(
    // ds-1: PARTNER_SHARED, CC-BY-4.0, GRU; ds-2: PUBLIC (smallCatalog's own).
    { ...base, id: `${ACME}:ds-3`, title: 'Proprietary cohort', dataClass: 'PROPRIETARY', licence, useConditions: [{ code: 'GRU' }, { code: 'COL' }, { code: 'TS', months: 12 }], distributions: [] },
    { ...base, id: `${ACME}:ds-4`, title: 'Health only cohort', dataClass: 'PROPRIETARY', useConditions: [{ code: 'HMB' }], distributions: [] },
    { ...base, id: `${ACME}:ds-5`, title: 'Removed survey', dataClass: 'PROPRIETARY', distributions: [], retention: { retainUntil: '2026-10-01', deletionDue: '2026-11-01', basis: 'consent v1' } },
    { ...base, id: `${ACME}:ds-6`, title: 'Embargoed cohort', dataClass: 'PROPRIETARY', distributions: [], embargoUntil: '2027-06-01' },
    { ...base, id: `${ACME}:ds-7`, title: 'Plain proprietary cohort', dataClass: 'PROPRIETARY', distributions: [] },
  );
  return file;
}

function betaCatalog(): CatalogFile {
  const file = smallCatalog(BETA);
  file.datasets[0] = { ...file.datasets[0]!, dataClass: 'PROPRIETARY', distributions: [] };
  return file;
}

export function purpose(overrides: Partial<ResearchPurpose> = {}): ResearchPurpose {
  return { category: 'general', diseaseId: null, genetic: false, commercial: false, ethicsApproval: false, project: null, ...overrides };
}

export function person(subject: string, options: { org?: string | null; scopes?: string[]; purpose?: ResearchPurpose | null; acceptedTerms?: string[] } = {}): Principal {
  return {
    authenticated: true,
    subject,
    organisation: options.org ?? null,
    scopes: new Set(options.scopes ?? [MEMBER_SCOPE]),
    affiliation: 'academic',
    country: 'NL',
    acceptedTerms: new Set(options.acceptedTerms ?? [CONSORTIUM_DUA]),
    purpose: options.purpose === undefined ? purpose() : options.purpose,
    grants: [],
  };
}

/** The people of these tests. */
export const PEOPLE = {
  /** A member of an outside institution the consortium IdP vouches for. */
  researcher: person('researcher-1', { org: 'uni-leiden', scopes: [MEMBER_SCOPE, institutionScope('uni-leiden')] }),
  /** A member whose organisation is not vouched for. */
  otherResearcher: person('researcher-2', { org: 'uni-leiden' }),
  acmeSteward: person('steward-acme', { org: ACME, scopes: [MEMBER_SCOPE, partnerScope(ACME), stewardScope(ACME)] }),
  /** Acme's staff without the steward scope. */
  acmeStaff: person('staff-acme', { org: ACME, scopes: [MEMBER_SCOPE, partnerScope(ACME)] }),
  /** The steward scope beside an org claim the IdP does not vouch for. */
  forgedSteward: person('forged-steward', { org: ACME, scopes: [MEMBER_SCOPE, stewardScope(ACME)] }),
  betaSteward: person('steward-beta', { org: BETA, scopes: [MEMBER_SCOPE, partnerScope(BETA), stewardScope(BETA)] }),
  board: person('board-1', { scopes: [MEMBER_SCOPE, BOARD_SCOPE] }),
  nonMember: person('visitor-1', { scopes: [] }),
  noPurpose: person('researcher-3', { purpose: null }),
} as const;

export interface GraphQLAnswer<T = Record<string, any>> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
}

export interface GovernanceWorld {
  url: string;
  grantsUrl: string;
  subgraph: GovernanceSubgraph;
  store: GovernanceStore;
  /** The clock of the governance subgraph and the partners. */
  clock: { now: Date };
  /** A signed GraphQL call as the gateway makes it, for `principal` (none: anonymous). */
  call<T = Record<string, any>>(principal: Principal | null, query: string, variables?: Record<string, unknown>): Promise<GraphQLAnswer<T>>;
  /** POST /audit with this body (signed as the gateway signs it, unless `sign` is false). */
  postAudit(body: string, options?: { sign?: boolean }): Promise<{ status: number; body: any }>;
  /** The signed POST /grants the gateway makes without Redis. */
  grants(principal: Principal | null, options?: { sign?: boolean; secret?: string }): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

export interface WorldOptions {
  store?: GovernanceStore;
  /** The audit trail (default: in memory). */
  audit?: AuditLog;
  auditScanBudget?: number;
  decisionDeadlineDays?: number;
  /** The governance server's logger (default: silent). */
  logger?: Logger;
}

export async function startGovernanceWorld(options: WorldOptions = {}): Promise<GovernanceWorld> {
  const clock = { now: new Date(START) };
  const now = () => clock.now;
  const partners = [];
  const servers: RunningHttpServer[] = [];
  for (const [id, catalog] of [[ACME, acmeCatalog()], [BETA, betaCatalog()]] as const) {
    const subgraph = createPartnerSubgraph({ partner: id, catalog: parseCatalog(catalog, `${id}.json`, now) });
    const server = await startPartnerServer({ subgraph, port: 0, logger: silentLogger, signingSecret: PARTNER_KEY });
    servers.push(server);
    partners.push({ id, datasetTypeName: subgraph.datasetTypeName, url: server.url });
  }
  const store = options.store ?? new InMemoryGovernanceStore();
  const subgraph = createGovernanceSubgraph({
    partners, store, logger: silentLogger, signingSecret: GOVERNANCE_KEY, partnerSigningSecrets: new Map(partners.map((p) => [p.id, PARTNER_KEY])),
    decisionDeadlineDays: options.decisionDeadlineDays ?? 60, now, audit: options.audit, auditScanBudget: options.auditScanBudget,
  });
  await subgraph.harvester.harvestAll();
  const server = await startGovernanceServer({ subgraph, port: 0, logger: options.logger ?? silentLogger, signingSecret: GOVERNANCE_KEY });
  const grantsUrl = server.url.replace(/\/graphql$/, '/grants');

  const principalHeaders = (principal: Principal | null): Record<string, string> =>
    principal ? { [PRINCIPAL_HEADER]: encodePrincipal(principal, []) } : {};

  return {
    url: server.url,
    grantsUrl,
    subgraph,
    store,
    clock,
    async call(principal, query, variables) {
      const body = JSON.stringify({ query, variables });
      const headers = principalHeaders(principal);
      const response = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers, ...signRequestBody(GOVERNANCE_KEY, body, Date.now(), headers[PRINCIPAL_HEADER] ?? '') },
        body,
      });
      const json = await response.json() as Omit<GraphQLAnswer, 'status'>;
      return { status: response.status, ...json } as GraphQLAnswer<any>;
    },
    async postAudit(body, { sign = true } = {}) {
      const headers = principalHeaders(null);
      const signature = sign ? signRequestBody(GOVERNANCE_KEY, body, Date.now(), '') : {};
      const response = await fetch(server.url.replace(/\/graphql$/, '/audit'), { method: 'POST', headers: { 'content-type': 'application/json', ...headers, ...signature }, body });
      return { status: response.status, body: await response.json() };
    },
    async grants(principal, { sign = true, secret = GOVERNANCE_KEY } = {}) {
      const body = '{}';
      const headers = principalHeaders(principal);
      const signature = sign ? signRequestBody(secret, body, Date.now(), headers[PRINCIPAL_HEADER] ?? '') : {};
      const response = await fetch(grantsUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...headers, ...signature }, body });
      return { status: response.status, body: await response.json() };
    },
    async close() {
      await server.close();
      await subgraph.harvester.close();
      await Promise.all(servers.map((s) => s.close()));
      await subgraph.auditOutbox.close();
      await store.close();
    },
  };
}

/** The code of the first error, and its message, or null when there is none. */
export function firstError(answer: GraphQLAnswer): { code: string; message: string; extensions: Record<string, any> } | null {
  const error = answer.errors?.[0];
  return error ? { code: String(error.extensions?.code), message: error.message, extensions: error.extensions ?? {} } : null;
}
