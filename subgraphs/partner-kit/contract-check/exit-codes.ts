// `npm run check-partner`'s exit codes, for scripts and CI (documented in its usage text and README).

export const EXIT_CODES = {
  /** Every check passed (warnings allowed). */
  passed: 0,
  /** The partner failed at least one check. */
  failed: 1,
  /** The command line or the environment is wrong; nothing was sent. */
  usage: 2,
  /** The partner could not be reached (refused connection, unknown host, timeout). */
  unreachable: 3,
} as const;
