import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApolloServer } from '@apollo/server';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { startGraphQLHttpServer, type RunningHttpServer } from '../../runtime/http-server.js';
import { silentLogger } from '../../runtime/logger.js';
import { RequestRecorder } from './request-recorder.js';
import { composeToySupergraph, READINGS, READINGS_SDL, STATIONS, STATIONS_SDL } from './toy-supergraph.js';

export interface ToySubgraphs {
  supergraphPath: string;
  stations: RunningHttpServer;
  readings: RunningHttpServer;
  recorder: RequestRecorder;
  close(): Promise<void>;
}

/** The two toy subgraphs on ephemeral ports, and their supergraph written to a temporary file. */
export async function startToySubgraphs(): Promise<ToySubgraphs> {
  const recorder = new RequestRecorder();
  const byCode = new Map(STATIONS.map((s) => [s.code, s]));
  const stationsSchema = buildSubgraphSchema({
    typeDefs: parse(STATIONS_SDL),
    resolvers: {
      Query: {
        stations: () => STATIONS,
        station: (_: unknown, { code }: { code: string }) => {
          // A subgraph failing with internal detail in its message, which must never reach a client.
          if (code === 'BOOM') throw new Error('connection to 10.1.2.3:5432 failed for user stations_rw');
          return byCode.get(code) ?? null;
        },
        operators: () => [{ name: 'MET' }],
      },
      Station: { __resolveReference: (ref: { code: string }) => byCode.get(ref.code) },
    },
  });
  const readingsSchema = buildSubgraphSchema({
    typeDefs: parse(READINGS_SDL),
    resolvers: { Station: { latest: (s: { code: string }) => READINGS[s.code] ?? null } },
  });
  const serve = (schema: typeof stationsSchema) => startGraphQLHttpServer({
    apollo: new ApolloServer({ schema, plugins: [recorder.plugin()] }),
    context: async () => ({}),
    port: 0,
    logger: silentLogger,
  });
  const stations = await serve(stationsSchema);
  const readings = await serve(readingsSchema);
  const dir = mkdtempSync(join(tmpdir(), 'concord-toy-'));
  const supergraphPath = join(dir, 'supergraph.graphql');
  writeFileSync(supergraphPath, composeToySupergraph({ stations: stations.url, readings: readings.url }));
  return {
    supergraphPath,
    stations,
    readings,
    recorder,
    async close() {
      await Promise.all([stations.close(), readings.close()]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
