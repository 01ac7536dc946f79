import { randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../../schema/error-codes.js';
import type { Principal } from '../../../schema/policy/principal.js';
import type { AuditLog } from '../../../runtime/audit/audit-log.js';
import { complianceReport, type PartnerFindings } from '../../../runtime/audit/reports/compliance-report.js';
import { complianceSample } from '../../../runtime/audit/reports/compliance-sample.js';
import { parsePeriod, PeriodError, type Period } from '../../../runtime/audit/reports/period.js';
import { providerReport } from '../../../runtime/audit/reports/provider-report.js';
import { renderComplianceReport, renderProviderReport } from '../../../runtime/audit/reports/render-markdown.js';
import type { Logger } from '../../../runtime/logger.js';
import type { DatasetFactsTable } from '../dataset-facts.js';
import { badInput, forbidden, unauthenticated } from '../errors.js';
import { loadReportSources, loadSampleSources } from '../report-sources.js';
import { isBoardMember, isStewardOf } from '../roles.js';
import type { GovernanceStore } from '../store/governance-store.js';

// Compliance monitoring and provider recognition as queries (issue "Audit", items 4 and 5;
// ARCHITECTURE.md "Audit"): the pure report functions over the governance store and the trail,
// the same figures `npm run report` writes. The sample and the compliance report are the board's;
// a provider report is its partner's stewards' (and the board's).

export const MAX_SAMPLE_SIZE = 500;

export interface ReportResolverOptions {
  store: GovernanceStore;
  audit: AuditLog;
  facts: DatasetFactsTable;
  logger: Logger;
  now: () => Date;
  decisionDeadlineDays: number;
  partnerIds: readonly string[];
}

type Context = { principal: Principal };

export function reportResolvers(options: ReportResolverOptions) {
  const { store, audit, logger } = options;

  /** Reading the store and the trail: one that cannot be read is a clear error, never a partial report. */
  async function read<T>(what: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (error instanceof GraphQLError) throw error;
      logger.error({ err: error, report: what }, 'a report could not read the governance store or the audit trail');
      throw new GraphQLError(`The ${what} cannot be made now: the governance store or the audit trail cannot be read; try again shortly`, {
        extensions: { code: ErrorCode.StoreUnavailable },
      });
    }
  }

  const Query = {
    complianceSample: async (_root: unknown, args: { size: number; seed?: string | null }, { principal }: Context) => {
      requireBoard(principal, 'draw a compliance sample');
      if (!Number.isInteger(args.size) || args.size < 1 || args.size > MAX_SAMPLE_SIZE) {
        throw badInput(`"size" must be from 1 to ${MAX_SAMPLE_SIZE}, got ${args.size}`, 'size');
      }
      const seed = args.seed?.trim() || randomUUID();
      if (seed.length > 200) throw badInput('"seed" must be at most 200 characters', 'seed');
      const now = options.now();
      const sources = await read('compliance sample', () => loadSampleSources({ store, audit, now }));
      const dataClasses = new Map<string, string>();
      for (const grant of sources.grants) {
        const dataClass = options.facts.get(grant.datasetId)?.dataClass;
        if (dataClass) dataClasses.set(grant.datasetId, dataClass);
      }
      return complianceSample({ ...sources, dataClasses, now, size: args.size, seed });
    },
    complianceReport: async (_root: unknown, args: { period: string }, { principal }: Context) => {
      requireBoard(principal, 'see the compliance report');
      const period = periodOf(args.period);
      const sources = await read('compliance report', () => loadReportSources({ store, audit, period }));
      const report = complianceReport({
        ...sources, period, partnerIds: options.partnerIds, now: options.now(), decisionDeadlineDays: options.decisionDeadlineDays,
      });
      return { ...report, total: { ...report.total, partnerId: null }, ...rendered(renderComplianceReport(report)) };
    },
    providerReport: async (_root: unknown, args: { partnerId: string; period: string }, { principal }: Context) => {
      if (!principal.authenticated || principal.subject === null) throw unauthenticated('see a provider report');
      if (!isStewardOf(principal, args.partnerId) && !isBoardMember(principal)) {
        throw forbidden(`Only stewards of ${args.partnerId} (org ${args.partnerId}, scopes partner:${args.partnerId} and steward:${args.partnerId}) or the board may see its provider report`);
      }
      if (!options.partnerIds.includes(args.partnerId)) throw badInput(`No partner ${args.partnerId} in the catalog; partners: ${options.partnerIds.join(', ')}`, 'partnerId');
      const period = periodOf(args.period);
      const sources = await read('provider report', () => loadReportSources({ store, audit, period }));
      const report = providerReport({ ...sources, partnerId: args.partnerId, period });
      return { ...report, ...rendered(renderProviderReport(report)) };
    },
  };

  const counts = (record: Record<string, number>) => Object.entries(record).map(([key, count]) => ({ key, count }));
  return {
    Query,
    PartnerFindings: {
      denialsByReason: (findings: PartnerFindings) => counts(findings.denialsByReason),
      accessDenialsByReason: (findings: PartnerFindings) => counts(findings.accessDenialsByReason),
    },
    DatasetUse: {
      licences: (use: { licences: Record<string, number> }) => counts(use.licences),
      purposeCategories: (use: { purposeCategories: Record<string, number> }) => counts(use.purposeCategories),
    },
    ProviderReport: {
      dutiesAccepted: (report: { dutiesAccepted: Record<string, number> }) => counts(report.dutiesAccepted),
    },
    SampledGrant: {
      grantee: (grant: { grantee: { kind: 'person'; subject: string } | { kind: 'organisation'; organisation: string } }) =>
        grant.grantee.kind === 'person' ? { kind: 'PERSON', id: grant.grantee.subject } : { kind: 'ORGANISATION', id: grant.grantee.organisation },
    },
  };
}

function rendered(report: { markdown: string; svg: string }) {
  return { markdown: report.markdown, svg: report.svg };
}

function periodOf(text: string): Period {
  try {
    return parsePeriod(text);
  } catch (error) {
    if (error instanceof PeriodError) throw badInput(error.message, 'period');
    throw error;
  }
}

function requireBoard(principal: Principal, what: string): void {
  if (!principal.authenticated || principal.subject === null) throw unauthenticated(what);
  if (!isBoardMember(principal)) throw forbidden(`Only the consortium's governance board (scope consortium:board) may ${what}`);
}
