import { readFileSync } from 'node:fs';
import { Supergraph } from '@apollo/federation-internals';
import type { GraphQLSchema } from 'graphql';
import { ConfigError, readSupergraphFile, type Env } from '../../runtime/env.js';
import { prepareSupergraph } from '../authz/authorization-plan.js';
import { createRequestLimitChecks } from '../composition/validation-rules.js';
import { readGatewayConfig, type GatewayConfig } from '../config.js';
import { requestLimits } from '../limits/request-limits.js';
import { openRegistry } from './open-registry.js';
import { operationsOfFile, RegistrationRefusal, type RegistrationChecks } from './operation-registration.js';
import type { RegisteredOperation } from './persisted-query-registry.js';

// `npm run persist -- FILE.graphql...` (issue 12, item 4): registers every operation of every file,
// for safelist mode (PERSISTED_QUERIES=safelist) and so that analytics tools can send them by hash.
// It reads the gateway's own configuration from the environment, so it checks operations against the
// supergraph and limits the gateway serves, and registers where the gateway reads: the manifest file
// (PERSISTED_QUERIES_MANIFEST) or else Redis (REDIS_URL, REDIS_KEY_PREFIX). All or nothing: one
// refused operation and nothing is registered.

/** Exit codes, as the usage text says. */
export const PERSIST_EXIT = {
  /** Every operation registered (or registered already). */
  registered: 0,
  /** An operation or a file was refused; nothing was registered. */
  refused: 1,
  /** Usage, configuration, supergraph or store problem; nothing was registered. */
  failed: 2,
} as const;

export const PERSIST_USAGE = `usage: npm run persist -- FILE.graphql [FILE.graphql ...]

Registers every operation of each file under the SHA-256 of its exact text (the whole file when it
holds one operation), after checking that it parses, validates against the supergraph
(SUPERGRAPH_PATH) and is within the gateway's limits (MAX_COST, MAX_QUERY_DEPTH, ...). Operations go
to the manifest file PERSISTED_QUERIES_MANIFEST (Apollo's persisted query manifest format, created if
missing), or else to Redis (REDIS_URL, under REDIS_KEY_PREFIX). Prints each operation's name and hash.

exit codes: 0 registered; 1 an operation or file refused, nothing registered;
            2 usage, configuration, supergraph or store problem, nothing registered`;

export interface PersistOutput {
  out(line: string): void;
  err(line: string): void;
}

/** Runs the command in-process; resolves to its exit code. */
export async function runPersist(argv: readonly string[], env: Env, output: PersistOutput): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    output.out(PERSIST_USAGE);
    return PERSIST_EXIT.registered;
  }
  const files = argv.filter((a) => a !== '--');
  const option = files.find((f) => f.startsWith('-'));
  if (files.length === 0 || option) {
    output.err(option ? `persist: unknown option "${option}"\n${PERSIST_USAGE}` : PERSIST_USAGE);
    return PERSIST_EXIT.failed;
  }
  let config: GatewayConfig;
  let checks: RegistrationChecks;
  try {
    config = readGatewayConfig(env);
    checks = registrationChecks(config);
  } catch (error) {
    output.err(`persist: ${(error as Error).message}`);
    return PERSIST_EXIT.failed;
  }
  const place = { manifestPath: config.persistedQueries?.manifestPath ?? null, redisUrl: config.redisUrl, redisKeyPrefix: config.redisKeyPrefix };
  if (!place.manifestPath && !place.redisUrl) {
    output.err('persist: nowhere to register: set PERSISTED_QUERIES_MANIFEST to a manifest file, or REDIS_URL (with the gateway\'s REDIS_KEY_PREFIX)');
    return PERSIST_EXIT.failed;
  }

  const found = collectOperations(files, checks);
  if (found.refusals.length > 0) {
    for (const refusal of found.refusals) output.err(`persist: refused: ${refusal}`);
    output.err('persist: nothing registered');
    return PERSIST_EXIT.refused;
  }
  return register(found.operations, place, output);
}

function registrationChecks(config: GatewayConfig): RegistrationChecks {
  const { executableSupergraphSdl } = prepareSupergraph(readSupergraphFile(config.supergraphPath));
  const schema: GraphQLSchema = Supergraph.build(executableSupergraphSdl).apiSchema().toGraphQLJSSchema();
  return { schema, limits: requestLimits(config), validationRules: createRequestLimitChecks(config).validationRules };
}

interface Found {
  operations: { file: string; operation: RegisteredOperation }[];
  refusals: string[];
}

/** Every file's operations, or every refusal; one name may not stand for two different texts. */
function collectOperations(files: readonly string[], checks: RegistrationChecks): Found {
  const found: Found = { operations: [], refusals: [] };
  const byName = new Map<string, { file: string; id: string }>();
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      found.refusals.push(`${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
      continue;
    }
    try {
      for (const operation of operationsOfFile(text, file, checks)) {
        const other = byName.get(operation.name);
        if (other && other.id !== operation.id) {
          found.refusals.push(new RegistrationRefusal(file, operation.name, `another operation of this name, with another text, is in ${other.file}; rename one`).message);
          continue;
        }
        byName.set(operation.name, { file, id: operation.id });
        found.operations.push({ file, operation });
      }
    } catch (error) {
      if (!(error instanceof RegistrationRefusal)) throw error;
      found.refusals.push(error.message);
    }
  }
  return found;
}

async function register(
  operations: Found['operations'], place: { manifestPath: string | null; redisUrl: string | null; redisKeyPrefix?: string }, output: PersistOutput,
): Promise<number> {
  let registry;
  try {
    registry = openRegistry(place, { mustExist: false });
  } catch (error) {
    output.err(`persist: ${(error as Error).message}`);
    return PERSIST_EXIT.failed;
  }
  if (!registry) return PERSIST_EXIT.failed;
  try {
    await registry.register(operations.map((o) => o.operation));
  } catch (error) {
    const why = error instanceof ConfigError ? error.message : (error as Error).message;
    output.err(`persist: cannot register in ${registry.kind === 'redis' ? `Redis (${registry.location})` : registry.location}: ${why}; nothing registered`);
    return PERSIST_EXIT.failed;
  } finally {
    await registry.close();
  }
  for (const { file, operation } of operations) output.out(`${operation.name}\t${operation.id}\t${file}`);
  output.out(`registered ${operations.length} operation${operations.length === 1 ? '' : 's'} in ${registry.location}`);
  return PERSIST_EXIT.registered;
}
