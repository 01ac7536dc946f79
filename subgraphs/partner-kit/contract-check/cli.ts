import type { Writable } from 'node:stream';
import { ConfigError, type Env } from '../../../runtime/env.js';
import { readFederationManifest } from '../../../schema/federation-manifest.js';
import { readCheckSettings, UsageError, USAGE } from './check-settings.js';
import { EXIT_CODES } from './exit-codes.js';
import { createPartnerClient, PartnerUnreachableError } from './partner-client.js';
import { jsonReport, jsonUnreachable } from './report-json.js';
import { textHeader, textResult, textSummary } from './report-text.js';

// `npm run check-partner -- --url URL [--partner ID] [--json]`: checks a partner subgraph built on
// any stack against the contract (README, "How a new partner joins"). The usage text in
// check-settings.ts lists the options and the exit codes.

export interface CheckPartnerIo {
  stdout: Writable;
  stderr: Writable;
  env: Env;
}

/** Runs the checker; resolves with the process's exit code. */
export async function main(argv: readonly string[], io: CheckPartnerIo): Promise<number> {
  const say = (text: string) => io.stderr.write(`check-partner: ${text}\n`);
  let settings;
  let manifest;
  try {
    settings = readCheckSettings(argv, io.env);
    if (settings === 'help') {
      io.stdout.write(`${USAGE}\n`);
      return EXIT_CODES.passed;
    }
    manifest = readFederationManifest();
  } catch (error) {
    if (!(error instanceof UsageError || error instanceof ConfigError)) throw error;
    say(`${error.message}\n\n${USAGE}`);
    return EXIT_CODES.usage;
  }
  const client = createPartnerClient({ url: settings.url, signingSecret: settings.signingSecret, timeoutMs: settings.timeoutMs });
  const { json } = settings;
  try {
    if (!json) io.stdout.write(textHeader(settings.url));
    // Loaded only now: Federation's composition takes seconds to load, and a usage error need not wait for it.
    const { runChecks } = await import('./run-checks.js');
    const report = await runChecks({
      client, partnerId: settings.partnerId, keySource: settings.keySource, pageSize: settings.pageSize, manifest,
      ...(json ? {} : { onResult: (result) => io.stdout.write(textResult(result)) }),
    });
    const failed = report.results.some((r) => r.status === 'failed');
    const exitCode = failed ? EXIT_CODES.failed : EXIT_CODES.passed;
    io.stdout.write(json ? jsonReport(report, exitCode) : textSummary(report, exitCode));
    return exitCode;
  } catch (error) {
    if (!(error instanceof PartnerUnreachableError)) throw error;
    say(error.message);
    if (json) io.stdout.write(jsonUnreachable(settings.url, error.message, EXIT_CODES.unreachable));
    return EXIT_CODES.unreachable;
  } finally {
    await client.close();
  }
}
