import { ApolloServer } from '@apollo/server';
import { afterEach, describe, expect, it } from 'vitest';
import { startGraphQLHttpServer, type RunningHttpServer } from '../../../runtime/http-server.js';
import { silentLogger } from '../../../runtime/logger.js';

// The search benchmark holds a dozen GraphQL servers in one process. Apollo Server adds a SIGINT and
// a SIGTERM listener per instance outside tests, which passed Node's limit of ten listeners; the
// servers started through runtime/http-server.ts leave the signals to the process (ARCHITECTURE.md,
// "Processes"). `nodeEnv: 'development'` makes Apollo behave as it does outside the test runner.

const servers: RunningHttpServer[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function startServers(count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const apollo = new ApolloServer({ typeDefs: 'type Query { ok: Boolean }', resolvers: { Query: { ok: () => true } }, nodeEnv: 'development' });
    servers.push(await startGraphQLHttpServer({ apollo, context: async () => ({}), port: 0, logger: silentLogger }));
  }
}

describe('GraphQL servers started in one process', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)('add no %s listener, however many start', async (signal) => {
    const before = process.listenerCount(signal);
    await startServers(12);
    expect(process.listenerCount(signal)).toBe(before);
  });

  it("keep the process's own handler", async () => {
    const own = () => undefined;
    process.on('SIGINT', own);
    try {
      await startServers(2);
      expect(process.listeners('SIGINT')).toContain(own);
    } finally {
      process.removeListener('SIGINT', own);
    }
  });
});
