// `npm run import` exit codes (README, "Importing a partner's catalog"). 64 and 70 are the BSD
// sysexits.h codes for a usage error and an internal software error.

export const ExitCode = {
  /** Every dataset and series of every file was imported (some perhaps with warnings); the catalog was written. */
  AllImported: 0,
  /** The catalog was written, but some records were refused or some files could not be read. */
  SomeRefused: 1,
  /** Nothing was written: no record could be imported, the partner record is missing, or --out could not be written. */
  NothingWritten: 2,
  /** The command line or the defaults file is wrong; nothing was read. */
  Usage: 64,
  /** The importer failed in a way it should not have: a bug to report, with the message. */
  Internal: 70,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
