import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { createGatewayRuntime, type GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { createInlineSigningKeyProvider, useJWT } from '@graphql-mesh/plugin-jwt-auth';
import { signRequestBody } from '../../../runtime/subgraph-protocol/request-signing.js';
import type { GatewayOptions, RunningGateway } from './gateway-messages.js';
import { callerPolicies } from './hive-policies.js';

/**
 * Hive Gateway (MIT) on the full supergraph, enforcing @authenticated, @requiresScopes and @policy
 * itself: its JWT plugin verifies the same HS256 tokens as Concord (same issuer, audience, algorithm
 * and clock tolerance), and generic auth in granular mode withholds fields the caller may not see,
 * answering null with an error, like Concord's filter mode. It serves with its own HTTP stack and
 * fetch, as a user would run it; only the signature the partners demand is added to each call.
 */
export async function startHiveGateway(options: GatewayOptions): Promise<RunningGateway> {
  const runtime = createGatewayRuntime({
    supergraph: readFileSync(options.supergraphPath, 'utf8'),
    logging: false,
    landingPage: false,
    graphiql: false,
    genericAuth: {
      mode: 'protect-granular',
      // Withhold fields rather than fail the operation: the same outcome as Concord's filter mode.
      rejectUnauthenticated: false,
      resolveUserFn: (context) => (context as { jwt?: { payload?: Record<string, unknown> } }).jwt?.payload ?? null,
      extractPolicies: (user) => callerPolicies(user),
    },
    plugins: () => [
      // The JWT plugin is typed against another copy of Hive's logger; the runtime objects agree.
      useJWT({
        signingKeyProviders: [createInlineSigningKeyProvider(options.jwt.secret)],
        tokenVerification: {
          algorithms: ['HS256'], issuer: options.jwt.issuer, audience: options.jwt.audience, clockTolerance: 30,
        },
        // No token is an anonymous caller; a bad token is refused (as Concord does).
        reject: { missingToken: false, invalidToken: true },
        // The partners do not read the caller's claims; forwarding them would only add bytes.
        forward: { payload: false, token: false },
      }) as unknown as GatewayPlugin,
      signSubgraphRequests(options.signingSecret),
    ],
  });
  const server = http.createServer(runtime);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await runtime.dispose();
    },
  };
}

/** Partners answer only signed requests (subgraphs/runtime/request-signing.ts). */
function signSubgraphRequests(secret: string): GatewayPlugin {
  return {
    onFetch({ options, setOptions }) {
      if (typeof options.body !== 'string') return;
      setOptions({ ...options, headers: { ...toRecord(options.headers), ...signRequestBody(secret, options.body) } });
    },
  };
}

function toRecord(headers: unknown): Record<string, string> {
  if (!headers) return {};
  if (typeof (headers as Headers).forEach === 'function' && !(headers instanceof Array)) {
    const record: Record<string, string> = {};
    (headers as Headers).forEach((value, key) => { record[key] = value; });
    return record;
  }
  return { ...(headers as Record<string, string>) };
}
