import type { AuditLog } from './audit-log.js';

// A policy version change is a governance act the trail records (ARCHITECTURE.md "Audit"). Every
// record carries the policy version it was made under, so the newest record says which version was
// in force last: a service that starts under another version appends a `policy-version` record
// before anything else it records. Two services starting at once may both append one; the trail
// then says the same change twice, which loses nothing.

export interface PolicyVersionChange {
  from: string | null;
  to: string;
}

/**
 * Appends a `policy-version` record when the newest record was made under another version (or the
 * trail is empty). Resolves with the change recorded, or null when the version is the one in force.
 */
export async function recordPolicyVersion(log: Pick<AuditLog, 'readBackward' | 'append'>, version: string, at: Date, service: string): Promise<PolicyVersionChange | null> {
  const [newest] = await log.readBackward(null, 1);
  if (newest && newest.policyVersion === version) return null;
  const change = { from: newest?.policyVersion ?? null, to: version };
  await log.append([{
    at: at.toISOString(),
    action: 'policy-version',
    subject: null,
    organisation: null,
    purpose: null,
    partnerIds: [],
    datasetIds: [],
    fields: [],
    policyVersion: version,
    mode: null,
    clientName: service,
    requestId: null,
    detail: { from: change.from, to: change.to },
  }]);
  return change;
}
