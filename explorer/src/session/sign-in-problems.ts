// What the explorer tells a person whose return from the OpenID Connect issuer could not be
// finished (explorer/src/session/oidc-sign-in.ts). The address bar is anyone's to write (a link can
// carry any `error` or `state`), so nothing from it is repeated but a well-formed error code.

/** OAuth 2.0 error codes are lower-case ASCII letters and underscores (RFC 6749 §4.1.2.1). */
const ERROR_CODE = /^[a-z_]{1,40}$/;

/**
 * `errorCode` is the answer's `error` parameter, if any; `failure` what the client library said.
 * oidc-client-ts reports an unknown or already used `state` as "No matching state found in storage".
 */
export function callbackProblem(errorCode: string | null, failure: string): string {
  if (errorCode !== null) {
    const shown = ERROR_CODE.test(errorCode) ? ` (${errorCode})` : '';
    return `Sign-in failed: the identity provider did not sign you in${shown}.`;
  }
  if (/\bstate\b/i.test(failure)) {
    return 'Sign-in failed: this answer from the identity provider does not belong to a sign-in started in this tab, or was already used, so it was ignored.';
  }
  return 'Sign-in failed: the identity provider\'s answer could not be completed. Try signing in again.';
}
