import type { Grant } from '../../schema/policy/principal.js';

// Where grants and suspensions live in Redis: the governance store writes them in the same atomic
// step as its own records, and every gateway replica reads them on each request, so an approval,
// a revocation or a suspension holds on the next request everywhere (ARCHITECTURE.md "Stores").

export const DEFAULT_KEY_PREFIX = 'concord:';

export type Grantee = Grant['grantee'];

export function granteeId(grantee: Grantee): string {
  return grantee.kind === 'person' ? `person:${grantee.subject}` : `organisation:${grantee.organisation}`;
}

export function parseGranteeId(id: string): Grantee | null {
  const separator = id.indexOf(':');
  const kind = id.slice(0, separator);
  const value = id.slice(separator + 1);
  if (separator < 0 || value === '') return null;
  if (kind === 'person') return { kind: 'person', subject: value };
  if (kind === 'organisation') return { kind: 'organisation', organisation: value };
  return null;
}

/** A hash per grantee: field = dataset id, value = encodeGrantEntry(...). */
export function grantsKey(prefix: string, grantee: Grantee): string {
  return `${prefix}grants:${granteeId(grantee)}`;
}

/** A string key per suspended grantee holding encodeSuspension(...): every grant of theirs stops. */
export function suspensionKey(prefix: string, grantee: Grantee): string {
  return `${prefix}suspended:${granteeId(grantee)}`;
}

export interface GrantEntry {
  /** The governance grant's id; absent for grants written before grants had ids. */
  id?: string;
  expiresAt: number;
  /** Licences the requester accepted in the approved request: accepted for this dataset. */
  acceptedTerms?: readonly string[];
  partnerId?: string;
}

export function encodeGrantEntry(entry: GrantEntry): string {
  return JSON.stringify(entry);
}

/** Null when the value is neither a grant entry nor a bare expiry: such a field grants nothing. */
export function decodeGrantEntry(value: string): GrantEntry | null {
  if (/^\d+$/.test(value)) return { expiresAt: Number(value) };
  try {
    const parsed = JSON.parse(value) as Partial<GrantEntry>;
    if (typeof parsed !== 'object' || parsed === null || typeof parsed.expiresAt !== 'number') return null;
    const acceptedTerms = Array.isArray(parsed.acceptedTerms) ? parsed.acceptedTerms.filter((t): t is string => typeof t === 'string') : undefined;
    return {
      expiresAt: parsed.expiresAt,
      ...(typeof parsed.id === 'string' ? { id: parsed.id } : {}),
      ...(acceptedTerms ? { acceptedTerms } : {}),
      ...(typeof parsed.partnerId === 'string' ? { partnerId: parsed.partnerId } : {}),
    };
  } catch {
    return null;
  }
}

export interface SuspensionEntry {
  reason: string;
  by: string;
  /** ISO 8601. */
  at: string;
}

export function encodeSuspension(entry: SuspensionEntry): string {
  return JSON.stringify(entry);
}
