// What `npm run add-partner` can fail on, each with its exit code, so that a script calling it can
// tell a partner it should fix from a repository it should repair (README, "How a new partner joins").

export const EXIT_CODES = {
  /** The partner was added, or with --dry-run would be. */
  added: 0,
  /** Nothing changed: a file could not be written (every file was put back), or the program failed. */
  notWritten: 1,
  /** The command line is wrong. */
  usage: 2,
  /** The partner is refused: its id, its catalog, its port or URL, or a file already in its place. */
  refused: 3,
  /** The repository's own files do not allow it: the manifest is unreadable or invalid, or composition fails. */
  repository: 4,
} as const;

export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];

/** A failure to report to the person running the command: a message and its problems, never a stack trace. */
export class AddPartnerError extends Error {
  override name = 'AddPartnerError';
  constructor(message: string, readonly exitCode: ExitCode, readonly problems: readonly string[] = []) {
    super(message);
  }
}
