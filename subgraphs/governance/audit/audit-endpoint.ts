import { z } from 'zod';
import { ErrorCode } from '../../../schema/error-codes.js';
import type { AuditEntry } from '../../../runtime/audit/audit-record.js';
import { AuditLogUnavailableError, LATE_FILING_MS, type AuditLog } from '../../../runtime/audit/audit-log.js';
import type { Logger } from '../../../runtime/logger.js';
import type { RequestVerifier } from '../../../runtime/subgraph-protocol/request-signing.js';
import { signedEndpoint, type RequestHandler } from '../signed-endpoint.js';

// POST /audit: how a gateway without Redis records reads in the governance subgraph's trail
// (ARCHITECTURE.md "Audit"), so that every replica appends to one chain and stewards see the reads.
// Signed like every subgraph call; a gateway records reads only, never a governance act.

export const AUDIT_PATH = '/audit';
/** Entries one call may carry: the gateway's largest batch. */
export const MAX_AUDIT_BATCH = 500;
const MAX_BODY_BYTES = 8 * 1024 * 1024;

const text = z.string().max(2000);
const AuditedFieldSchema = z.object({
  field: text,
  datasetIds: z.array(text).max(10_000),
  outcome: z.enum(['allow', 'deny', 'would-deny']),
  reason: text.optional(),
}).strict();

const ReadEntrySchema = z.object({
  at: z.iso.datetime({ offset: true }),
  action: z.literal('read'),
  subject: text.nullable(),
  organisation: text.nullable(),
  purpose: text.nullable(),
  partnerIds: z.array(text).max(1000),
  datasetIds: z.array(text).max(10_000),
  // A read has fields (a record without is a governance act, which only this subgraph appends).
  fields: z.array(AuditedFieldSchema).min(1).max(10_000),
  policyVersion: text,
  mode: text.nullable(),
  clientName: text.nullable(),
  requestId: text.nullable(),
  // A gateway's reads carry no detail: none may place an event in someone's history (requester, grantee).
  detail: z.object({}).strict(),
}).strict();

const AuditCallSchema = z.object({ entries: z.array(ReadEntrySchema).min(1).max(MAX_AUDIT_BATCH) }).strict();

export interface AuditEndpointOptions {
  audit: Pick<AuditLog, 'append'>;
  now: () => Date;
  verifier: RequestVerifier;
  logger: Logger;
}

export function auditEndpoint(options: AuditEndpointOptions): RequestHandler {
  const { audit, logger } = options;
  return signedEndpoint({
    name: 'audit',
    verifier: options.verifier,
    logger,
    maxBodyBytes: MAX_BODY_BYTES,
    async handle({ body }) {
      const parsed = AuditCallSchema.safeParse(body);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        return { status: 400, body: { error: `Not a batch of read records: ${issue.path.join('.') || 'body'}: ${issue.message}`, code: ErrorCode.BadRequest } };
      }
      // A gateway records a read as it answers it: a time far from this subgraph's clock is not one.
      const late = parsed.data.entries.findIndex((e) => Math.abs(Date.parse(e.at) - options.now().getTime()) > LATE_FILING_MS);
      if (late >= 0) {
        return { status: 400, body: { error: `Not a batch of read records: entries.${late}.at: ${parsed.data.entries[late]!.at} is more than ${LATE_FILING_MS / 60_000} minutes from now`, code: ErrorCode.BadRequest } };
      }
      try {
        const records = await audit.append(parsed.data.entries as AuditEntry[]);
        return { status: 200, body: { appended: records.length, head: records[records.length - 1]!.seq } };
      } catch (error) {
        logger.error({ err: error }, 'reads could not be appended to the audit trail');
        const message = error instanceof AuditLogUnavailableError ? 'The audit trail cannot be written' : 'The audit trail refused the records';
        return { status: 503, body: { error: message, code: ErrorCode.StoreUnavailable } };
      }
    },
  });
}
