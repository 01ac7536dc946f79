import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { defaultFieldResolver, isListType, isNonNullType, type GraphQLFieldResolver } from 'graphql';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { createRequestVerifier, type RequestVerifier } from '../../runtime/subgraph-protocol/request-signing.js';
import type { NonceStore } from '../../runtime/subgraph-protocol/nonce-store.js';
import { foreignSchema, type ForeignSchemaDefect } from './foreign-partner-catalog.js';

// A partner subgraph on another stack, for the contract checker's tests: plain node:http in front of
// Apollo Server, checking signatures itself with the protocol's verifier
// (runtime/subgraph-protocol/request-signing.ts), on port 0 of the loopback. Each defect is one a
// partner writing its own server could plausibly make.

export type ForeignPartnerDefect =
  | ForeignSchemaDefect
  /** Serves every request, signed or not, by POST or GET. */
  | 'accepts-unsigned'
  /** Checks signatures but remembers no nonce, so a signed request can be sent again. */
  | 'accepts-replays';

export interface ForeignPartnerOptions {
  partnerId: string;
  signingSecret: string;
  defect?: ForeignPartnerDefect;
}

export interface ForeignPartner {
  url: string;
  close(): Promise<void>;
}

/** A replay memory that forgets at once: the 'accepts-replays' defect. */
const FORGETFUL_NONCES: NonceStore = {
  shared: false,
  claim: async () => true,
  ping: async () => true,
  close: async () => {},
};

/**
 * The records hold only what the contract had when they were written: a non-null list the contract
 * gained since (e.g. Distribution.checksums) is served empty, as a partner with nothing to list would.
 */
const listsDefaultToEmpty: GraphQLFieldResolver<unknown, unknown> = (source, args, context, info) => {
  const value: unknown = defaultFieldResolver(source, args, context, info);
  return value === undefined && isNonNullType(info.returnType) && isListType(info.returnType.ofType) ? [] : value;
};

export async function startForeignPartner(options: ForeignPartnerOptions): Promise<ForeignPartner> {
  const { defect } = options;
  const schemaDefect = defect === 'missing-policy' || defect === 'ignores-offset' ? defect : undefined;
  const apollo = new ApolloServer({
    schema: foreignSchema(options.partnerId, schemaDefect), fieldResolver: listsDefaultToEmpty, plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  await apollo.start();
  const verifier = defect === 'accepts-unsigned' ? null
    : createRequestVerifier({ secret: options.signingSecret, ...(defect === 'accepts-replays' ? { nonces: FORGETFUL_NONCES } : {}) });
  const server = http.createServer((req, res) => {
    answer(apollo, verifier, req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end('{"errors":[{"message":"internal error"}]}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await apollo.stop();
    },
  };
}

async function answer(apollo: ApolloServer, verifier: RequestVerifier | null, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  if (verifier) {
    const check = req.method === 'POST' ? await verifier.verify(raw, req.headers) : { ok: false as const, reason: 'only signed POST requests are accepted' };
    if (!check.ok) return send(res, 401, { errors: [{ message: 'not signed by the gateway', extensions: { reason: check.reason } }] });
  }
  let body: unknown;
  try {
    body = req.method === 'POST' ? JSON.parse(raw.toString('utf8')) : undefined;
  } catch {
    return send(res, 400, { errors: [{ message: 'body is not JSON' }] });
  }
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value);
  const url = new URL(req.url ?? '/', 'http://localhost');
  const response = await apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
    context: async () => ({}),
  });
  res.statusCode = response.status ?? 200;
  for (const [name, value] of response.headers) res.setHeader(name, value);
  if (response.body.kind === 'complete') {
    res.end(response.body.string);
    return;
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
