import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApolloServer } from '@apollo/server';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { startGraphQLHttpServer, type RunningHttpServer } from '../../runtime/http-server.js';
import { silentLogger } from '../../runtime/logger.js';
import { RequestRecorder } from './request-recorder.js';
import { removeFolder } from './temporary-folder.js';
import { composeInterfaceToySupergraph, DATASETS, INSTRUMENTS_SDL, ITEMS, LOCKERS, SENSORS } from './toy-interface-supergraph.js';

export interface InterfaceToySubgraph {
  supergraphPath: string;
  /** The hand-written supergraph, as the gateway reads it. */
  supergraphSdl: string;
  instruments: RunningHttpServer;
  recorder: RequestRecorder;
  close(): Promise<void>;
}

/**
 * The instruments subgraph on an ephemeral port, and its supergraph (guards on interfaces only)
 * written to a temporary file. Abstract types resolve by each record's __typename.
 */
export async function startInterfaceToySubgraph(): Promise<InterfaceToySubgraph> {
  const recorder = new RequestRecorder();
  const schema = buildSubgraphSchema({
    typeDefs: parse(INSTRUMENTS_SDL),
    resolvers: {
      Query: {
        sensors: () => SENSORS,
        probe: (_: unknown, { id }: { id: string }) => SENSORS.find((s) => s.__typename === 'Probe' && s.id === id) ?? null,
        datasets: () => DATASETS,
        vaults: () => LOCKERS,
        items: () => ITEMS,
      },
    },
  });
  const instruments = await startGraphQLHttpServer({
    apollo: new ApolloServer({ schema, plugins: [recorder.plugin()] }),
    context: async () => ({}),
    port: 0,
    logger: silentLogger,
  });
  const dir = mkdtempSync(join(tmpdir(), 'concord-toy-interfaces-'));
  const supergraphPath = join(dir, 'supergraph.graphql');
  const supergraphSdl = composeInterfaceToySupergraph(instruments.url);
  writeFileSync(supergraphPath, supergraphSdl);
  return {
    supergraphPath,
    supergraphSdl,
    instruments,
    recorder,
    async close() {
      await instruments.close();
      removeFolder(dir);
    },
  };
}
