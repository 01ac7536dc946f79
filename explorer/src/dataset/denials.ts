// A withheld field answers null with an error at its path (README "One query, five personas"):
// here each such error becomes what the dataset page shows in its place, the reason in plain words
// and what would unlock the field. Reasons are the gateway's DENIAL_REASONS (schema/policy/decision.ts).

export interface RequestAccessHint {
  datasetId: string;
  partnerId: string;
  requiredDuties: string[];
  requiredTerms: string[];
  maxGrantDays: number;
}

export interface FieldDenial {
  /** The response path below the dataset, e.g. `distributions.0.accessUrl`. */
  path: string;
  reason: string;
  policy: string | null;
  obtainAccess: string | null;
  requiredScopes: string[][] | null;
  requestAccess: RequestAccessHint | null;
}

export interface GraphQLErrorLike {
  message: string;
  path?: readonly (string | number)[] | undefined;
  extensions?: Record<string, unknown> | undefined;
}

const WHY: Record<string, string> = {
  AUTHENTICATION_REQUIRED: 'Only signed-in members of the consortium may see this.',
  NOT_A_MEMBER: 'Only members of the consortium may see this.',
  DATA_USE_AGREEMENT_NOT_ACCEPTED: 'This is shown to members who accepted the consortium\'s data use agreement.',
  LICENCE_NOT_ACCEPTED: 'The dataset\'s licence has terms you have not accepted.',
  PURPOSE_NOT_DECLARED: 'Your sign-in does not declare a purpose of use, and the dataset\'s use conditions need one.',
  PURPOSE_INCOMPATIBLE: 'The purpose you declared is not one the dataset\'s use conditions allow.',
  DUTY_NOT_ACCEPTED: 'The dataset\'s use conditions carry duties you have not accepted.',
  NO_ACTIVE_GRANT: 'The publishing partner shares this only with people it has granted access to.',
  EMBARGOED: 'The dataset is under embargo: nothing restricted is served before the embargo lifts.',
  RETENTION_EXPIRED: 'The dataset is past its deletion date: its restricted fields are served to nobody.',
  NOT_A_STEWARD: 'Only the publishing partner\'s data stewards see this.',
  UNKNOWN_USE_CONDITION: 'The dataset carries a use condition the consortium\'s policies do not know, so it is withheld.',
  MISSING_SCOPES: 'Your sign-in does not carry the permission this field needs.',
  POLICY_NOT_ENFORCEABLE: 'The gateway cannot enforce the policy that guards this field, so it is withheld.',
  NO_GOVERNANCE_FACTS: 'The facts the policy needs about this dataset could not be read, so it is withheld.',
  POLICY_ERROR: 'The access policy could not be evaluated, so this is withheld.',
  GRANTS_UNAVAILABLE: 'Access grants could not be read just now, so this is withheld. Try again shortly.',
  AUDIT_UNAVAILABLE: 'Reads of restricted fields cannot be recorded just now, and nothing is served unrecorded. Try again shortly.',
};

const UNLOCK: Record<string, string> = {
  AUTHENTICATION_REQUIRED: 'Sign in.',
  NOT_A_MEMBER: 'Sign in with a consortium membership.',
  DATA_USE_AGREEMENT_NOT_ACCEPTED: 'Accept the consortium data use agreement with your identity provider.',
  LICENCE_NOT_ACCEPTED: 'Request access and accept the licence\'s terms.',
  PURPOSE_NOT_DECLARED: 'Sign in with a declared purpose of use.',
  PURPOSE_INCOMPATIBLE: 'Nothing you can request: only a purpose the use conditions allow unlocks it.',
  DUTY_NOT_ACCEPTED: 'Request access and accept the duties.',
  NO_ACTIVE_GRANT: 'Request access from the publishing partner; a steward decides.',
  EMBARGOED: 'Wait until the embargo lifts.',
  RETENTION_EXPIRED: 'Nothing: the data is deleted.',
  NOT_A_STEWARD: 'Only a steward role at the publishing partner unlocks it.',
  MISSING_SCOPES: 'Sign in with an account that has the permission.',
  GRANTS_UNAVAILABLE: 'Reload the page in a moment.',
  AUDIT_UNAVAILABLE: 'Reload the page in a moment.',
};

export function reasonInWords(reason: string): string {
  return WHY[reason] ?? `Withheld (${reason}).`;
}

export function unlockInWords(denial: Pick<FieldDenial, 'reason' | 'obtainAccess' | 'requiredScopes'>): string {
  if (denial.reason === 'MISSING_SCOPES' && denial.requiredScopes?.length) {
    return `Sign in with ${denial.requiredScopes.map((all) => all.join(' and ')).join(', or ')}.`;
  }
  return UNLOCK[denial.reason] ?? denial.obtainAccess ?? 'Ask the publishing partner.';
}

/** The denial errors of one response, keyed by their path below `root` (the response field the dataset was read at). */
export function denialsBelow(errors: readonly GraphQLErrorLike[], root: string): Map<string, FieldDenial> {
  const denials = new Map<string, FieldDenial>();
  for (const error of errors) {
    const ext = error.extensions ?? {};
    if (ext.code !== 'UNAUTHORIZED_FIELD_OR_TYPE' || !error.path || error.path[0] !== root) continue;
    const path = error.path.slice(1).join('.');
    denials.set(path, {
      path,
      reason: typeof ext.reason === 'string' ? ext.reason : 'UNKNOWN',
      policy: typeof ext.policy === 'string' ? ext.policy : null,
      obtainAccess: typeof ext.obtainAccess === 'string' ? ext.obtainAccess : null,
      requiredScopes: scopesOf(ext.requiredScopes),
      requestAccess: requestAccessOf(ext.requestAccess),
    });
  }
  return denials;
}

function scopesOf(value: unknown): string[][] | null {
  if (!Array.isArray(value)) return null;
  return value.map((all) => (Array.isArray(all) ? all.filter((s): s is string => typeof s === 'string') : [String(all)]));
}

/** `extensions.requestAccess` (schema/policy/request-access.ts), or null when it is missing or malformed. */
export function requestAccessOf(value: unknown): RequestAccessHint | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  const strings = (x: unknown) => (Array.isArray(x) && x.every((s) => typeof s === 'string') ? [...x] as string[] : null);
  const duties = strings(v.requiredDuties);
  const terms = strings(v.requiredTerms);
  if (typeof v.datasetId !== 'string' || typeof v.partnerId !== 'string' || !duties || !terms) return null;
  if (typeof v.maxGrantDays !== 'number' || !Number.isInteger(v.maxGrantDays) || v.maxGrantDays < 0) return null;
  return { datasetId: v.datasetId, partnerId: v.partnerId, requiredDuties: duties, requiredTerms: terms, maxGrantDays: v.maxGrantDays };
}

/** The first denial that a request could lift, for the dataset's "Request access" form. */
export function requestableDenial(denials: Iterable<FieldDenial>): FieldDenial | null {
  for (const denial of denials) if (denial.requestAccess) return denial;
  return null;
}
