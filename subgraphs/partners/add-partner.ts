import { fileURLToPath } from 'node:url';
import { REPOSITORY_ROOT } from '../../schema/repository-files.js';
import { AddPartnerError, EXIT_CODES, type ExitCode } from './add-partner/add-partner-error.js';
import { readAddPartnerCommand, USAGE } from './add-partner/command-line.js';
import { applyFileChanges, FileChangesNotApplied } from './add-partner/file-changes.js';
import { onboardingReport } from './add-partner/onboarding-report.js';
import { planOnboarding, shownPath } from './add-partner/partner-onboarding.js';

// `npm run add-partner -- --id ID --catalog FILE [--url URL | --port N] [--force] [--dry-run] [--root DIR]`
// Joins a partner to the federation (README, "How a new partner joins"): checks its id and catalog,
// copies the catalog to subgraphs/partners/<id>/catalog.json, adds it to the manifest
// (schema/subgraphs.json) at the next free port, and writes what `npm run compose` writes from that
// manifest. Every file changes, or none. Exit codes: add-partner/add-partner-error.ts EXIT_CODES.

export function addPartner(argv: readonly string[], cwd: string, out: (line: string) => void): ExitCode {
  const command = readAddPartnerCommand(argv, cwd, REPOSITORY_ROOT);
  if (command.help) {
    out(USAGE);
    return EXIT_CODES.added;
  }
  const onboarding = planOnboarding(command);
  const report = [...onboarding.hints.map((hint) => `hint: ${hint}`), ...onboardingReport(onboarding, command.root, command.dryRun)];
  if (!command.dryRun) {
    try {
      applyFileChanges(onboarding.changes);
    } catch (error) {
      if (!(error instanceof FileChangesNotApplied)) throw error;
      const problems = error.notRestored.length === 0
        ? ['every file is as it was']
        : error.notRestored.map((path) => `${shownPath(command.root, path)} could not be put back: restore it from version control`);
      throw new AddPartnerError(`files could not be written (${error.message}):`, EXIT_CODES.notWritten, problems);
    }
  }
  for (const line of report) out(line);
  return EXIT_CODES.added;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    process.exitCode = addPartner(process.argv.slice(2), process.env.INIT_CWD || process.cwd(), (line) => process.stdout.write(`${line}\n`));
  } catch (error) {
    if (!(error instanceof AddPartnerError)) {
      // A fault of this program, not of its input: files are written only through applyFileChanges,
      // which puts them back itself, so nothing was changed.
      process.stderr.write(`add-partner: unexpected failure, no file changed: ${(error as Error).message}\n`);
      process.exitCode = EXIT_CODES.notWritten;
    } else {
      process.stderr.write(`add-partner: ${error.message}\n${error.problems.map((p) => `  - ${p}\n`).join('')}`);
      process.exitCode = error.exitCode;
    }
  }
}
