import type { Writable } from 'node:stream';
import { writeFileAtomically } from './atomic-write.js';
import { parseImportArguments, USAGE, UsageError } from './cli-arguments.js';
import { DefaultsFileError, loadDefaultsFile, type PartnerDefaults } from './defaults-file.js';
import { ExitCode } from './exit-codes.js';
import { reportText } from './report-text.js';
import { runImport } from './run-import.js';

// `npm run import -- FILE... --partner ID --out FILE [--format F] [--defaults FILE] [--report FILE]`
// (README, "Importing a partner's catalog"): the report on stdout, progress and errors on stderr,
// the exit codes of exit-codes.ts. Nothing the files contain makes it print a stack trace.

export interface CliIo {
  stdout: Writable;
  stderr: Writable;
  /** Datasets between two progress lines (default 1,000). */
  progressEvery?: number;
}

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const say = (text: string) => io.stderr.write(`${text}\n`);
  try {
    const parsed = parseImportArguments(argv);
    if (parsed.help) {
      io.stdout.write(`${USAGE}\n`);
      return ExitCode.AllImported;
    }
    let defaults: PartnerDefaults | undefined;
    if (parsed.defaultsFile !== undefined) defaults = loadDefaultsFile(parsed.defaultsFile);
    const report = await runImport({ args: parsed, ...(defaults ? { defaults } : {}), progress: say, ...(io.progressEvery ? { progressEvery: io.progressEvery } : {}) });
    io.stdout.write(reportText(report));
    if (parsed.reportFile !== undefined) {
      try {
        await writeFileAtomically(parsed.reportFile, `${JSON.stringify(report, null, 2)}\n`);
      } catch (error) {
        say(`import: the report cannot be written to ${parsed.reportFile}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      }
    }
    return report.exitCode;
  } catch (error) {
    if (error instanceof UsageError) {
      say(`import: ${error.message}\n\n${USAGE}`);
      return ExitCode.Usage;
    }
    if (error instanceof DefaultsFileError) {
      say(`import: ${error.message}`);
      return ExitCode.Usage;
    }
    say(`import: internal error: ${(error as Error)?.message ?? String(error)} (please report it with the command that caused it)`);
    return ExitCode.Internal;
  }
}
