import { readGatewayConfig } from '../../../gateway/config.js';
import { createGateway } from '../../../gateway/create-gateway.js';
import { silentLogger } from '../../../runtime/logger.js';
import type { GatewayOptions, RunningGateway } from './gateway-messages.js';

/**
 * Concord as `npm run gateway` builds it, from the same environment variables (authorization on,
 * filter mode, in-memory grant store), with the test HS256 identity provider. Logging is off, as for
 * the other gateways, so that no contender pays for writing lines to a pipe nobody reads.
 */
export async function startConcord(options: GatewayOptions): Promise<RunningGateway> {
  const config = readGatewayConfig({
    PORT: '0',
    SUPERGRAPH_PATH: options.supergraphPath,
    AUTHZ_MODE: 'filter',
    JWT_HS256_SECRET: options.jwt.secret,
    JWT_ISSUER: options.jwt.issuer,
    JWT_AUDIENCE: options.jwt.audience,
    JWT_MAX_TOKEN_BYTES: String(options.maxTokenBytes),
    SUBGRAPH_SIGNING_SECRET: options.signingSecret,
    LOG_LEVEL: 'silent',
  });
  const server = await createGateway(config, { logger: silentLogger }).listen();
  return { url: server.url, close: () => server.close() };
}
