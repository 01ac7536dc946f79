import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createGateway, type ConcordGateway } from '../../../gateway/create-gateway.js';
import type { RunningHttpServer } from '../../../runtime/http-server.js';
import { createLogger, type Logger } from '../../../runtime/logger.js';
import { gatewayConfig } from '../../harness/demo-federation.js';
import { startToySubgraphs, type ToySubgraphs } from '../../harness/toy-subgraphs.js';
import { READINGS_SDL, STATIONS_SDL } from '../../harness/toy-supergraph.js';

// Supergraph hot reload (issue 12, item 6): the gateway watches a temporary copy of the toy
// supergraph; each test rewrites it and polls for what the gateway then serves.

const NAME_DESCRIPTION = 'The station name as its operator writes it';

/** The toy supergraph with edits to the stations subgraph's SDL. */
function toySupergraph(toy: ToySubgraphs, edit: (sdl: string) => string = (sdl) => sdl): string {
  const result = composeServices([
    { name: 'stations', url: toy.stations.url, typeDefs: parse(edit(STATIONS_SDL)) },
    { name: 'readings', url: toy.readings.url, typeDefs: parse(READINGS_SDL) },
  ]);
  if (result.errors) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result.supergraphSdl;
}

const described = (sdl: string) => sdl.replace('  name: String!', `  "${NAME_DESCRIPTION}"\n  name: String!`);
const elevationGuarded = (sdl: string) => sdl.replace('  elevation: Float', '  elevation: Float @authenticated');

function capturedLog(): { logger: Logger; lines: Record<string, any>[] } {
  const lines: Record<string, any>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const text of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(text) as Record<string, any>);
      done();
    },
  });
  return { logger: createLogger('gateway', 'info', stream), lines };
}

async function post(server: RunningHttpServer, query: string): Promise<{ status: number; body: any }> {
  const response = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  return { status: response.status, body: await response.json() };
}

const NAME_DOC = '{ __type(name: "Station") { fields { name description } } }';
async function nameDescription(server: RunningHttpServer): Promise<string | null> {
  const { body } = await post(server, NAME_DOC);
  return body.data.__type.fields.find((f: { name: string }) => f.name === 'name').description;
}

describe('supergraph hot reload', () => {
  let toy: ToySubgraphs;
  let dir: string;
  let path: string;
  let gateway: ConcordGateway;
  let server: RunningHttpServer;
  const log = capturedLog();

  beforeAll(async () => {
    toy = await startToySubgraphs();
    dir = mkdtempSync(join(tmpdir(), 'concord-reload-'));
    path = join(dir, 'supergraph.graphql');
    writeFileSync(path, toySupergraph(toy));
    gateway = createGateway(gatewayConfig({ supergraphPath: path, supergraphWatch: true, subgraphSigningSecret: null }), { logger: log.logger });
    server = await gateway.listen();
  });

  afterAll(async () => {
    await server?.close();
    await toy?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('serves a changed file once written, its authorization plan with it, and a change of directives alone', async () => {
    expect(await nameDescription(server)).toBeNull();
    expect((await post(server, '{ station(code: "OSL") { elevation } }')).body).toEqual({ data: { station: { elevation: 94 } } });

    writeFileSync(path, toySupergraph(toy, (sdl) => elevationGuarded(described(sdl))));
    await vi.waitFor(async () => expect(await nameDescription(server)).toBe(NAME_DESCRIPTION), { timeout: 10_000, interval: 50 });
    // The schema that has the description is decided by the plan that guards elevation.
    const guarded = await post(server, '{ station(code: "OSL") { name elevation } }');
    expect(guarded.body.data).toEqual({ station: { name: 'Oslo Blindern', elevation: null } });
    expect(guarded.body.errors?.[0]?.extensions?.code).toBe('UNAUTHORIZED_FIELD_OR_TYPE');
    expect(gateway.plan.guardedFieldCount).toBeGreaterThan(0);

    // Only the directive differs: @apollo/gateway's executable text is the same, the plan is not.
    writeFileSync(path, toySupergraph(toy, described));
    await vi.waitFor(async () => {
      expect((await post(server, '{ station(code: "OSL") { elevation } }')).body).toEqual({ data: { station: { elevation: 94 } } });
    }, { timeout: 10_000, interval: 50 });
    expect(log.lines.filter((l) => l.msg === 'supergraph reloaded' && l.trigger === 'file changed').length).toBeGreaterThanOrEqual(2);
  });

  it('keeps serving the current supergraph when the file does not parse, and says why', async () => {
    writeFileSync(path, toySupergraph(toy));
    await vi.waitFor(async () => expect(await nameDescription(server)).toBeNull(), { timeout: 10_000, interval: 50 });
    const before = log.lines.length;

    writeFileSync(path, 'schema @link(url: "https://specs.apollo.dev/link/v1.0") { query: Query\n');
    await vi.waitFor(() => {
      expect(log.lines.slice(before).find((l) => l.msg?.startsWith('supergraph not reloaded'))?.reason).toMatch(/not valid SDL/);
    }, { timeout: 10_000, interval: 50 });
    expect((await post(server, '{ station(code: "BGO") { name } }')).body).toEqual({ data: { station: { name: 'Bergen Florida' } } });
  });

  it('refuses a supergraph whose authorization plan cannot be built or whose subgraphs moved (SIGHUP path)', async () => {
    const current = toySupergraph(toy);
    writeFileSync(path, current.replace('https://specs.apollo.dev/policy/v0.1', 'https://specs.apollo.dev/policy/v0.9'));
    const unknownFeature = gateway.reloadSupergraph('SIGHUP');
    expect(unknownFeature.status).toBe('refused');
    expect(unknownFeature.status === 'refused' && unknownFeature.reason).toMatch(/policy\/v0\.9/);

    writeFileSync(path, current.replace(toy.readings.url, 'http://127.0.0.1:9/graphql'));
    const moved = gateway.reloadSupergraph('SIGHUP');
    expect(moved.status === 'refused' && moved.reason).toMatch(/restart the gateway/);
    expect(log.lines.filter((l) => l.trigger === 'SIGHUP' && l.msg.startsWith('supergraph not reloaded'))).toHaveLength(2);
    expect((await post(server, '{ station(code: "BGO") { name } }')).body).toEqual({ data: { station: { name: 'Bergen Florida' } } });
    writeFileSync(path, current);
  });

  it('drops no request sent while the supergraph is swapped', async () => {
    const versions = [toySupergraph(toy, described), toySupergraph(toy)];
    let reloads = 0;
    let sending = true;
    const answers: { status: number; body: any }[] = [];
    const client = async () => {
      while (sending) answers.push(await post(server, '{ station(code: "OSL") { name latest { celsius } } }'));
    };
    const clients = Array.from({ length: 4 }, client);
    // Reload between answers, so every swap happens with requests on their way.
    while (reloads < 6) {
      const seen = answers.length;
      await vi.waitFor(() => expect(answers.length).toBeGreaterThan(seen + 3), { timeout: 10_000, interval: 5 });
      writeFileSync(path, versions[reloads % 2]!);
      expect(gateway.reloadSupergraph('test').status).toBe('reloaded');
      reloads += 1;
    }
    sending = false;
    await Promise.all(clients);
    expect(answers.length).toBeGreaterThan(24);
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({ data: { station: { name: 'Oslo Blindern', latest: { celsius: -3.5 } } } });
    }
  });
});
