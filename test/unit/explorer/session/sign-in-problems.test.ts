import { describe, expect, it } from 'vitest';
import { callbackProblem } from '../../../../explorer/src/session/sign-in-problems.js';

describe('what the explorer says when a return from the issuer cannot be finished', () => {
  it('names a well-formed OAuth error code from the issuer', () => {
    expect(callbackProblem('access_denied', 'access_denied')).toBe('Sign-in failed: the identity provider did not sign you in (access_denied).');
  });

  it('repeats nothing else from the address bar', () => {
    const text = callbackProblem('call 555-0100 now', 'call 555-0100 now');
    expect(text).toBe('Sign-in failed: the identity provider did not sign you in.');
    expect(text).not.toContain('555');
  });

  it('says an answer with an unknown or used state was ignored', () => {
    expect(callbackProblem(null, 'No matching state found in storage')).toMatch(/does not belong to a sign-in started in this tab, or was already used, so it was ignored/);
  });

  it('says a failed code exchange failed, without the library\'s words', () => {
    const text = callbackProblem(null, 'invalid_grant: grant request is invalid');
    expect(text).toBe('Sign-in failed: the identity provider\'s answer could not be completed. Try signing in again.');
  });
});
