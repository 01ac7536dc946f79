import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importsOf, REPOSITORY_ROOT, typeScriptFilesUnder } from '../harness/import-graph.js';

// ARCHITECTURE.md, "Dependency direction": schema <- runtime <- (gateway, subgraphs), and gateway/
// and subgraphs/ never import each other. Type-only and dynamic imports count too: each is still a
// dependency of one side on the other.

type Layer = 'schema' | 'runtime' | 'gateway' | 'subgraphs';
const LAYERS: readonly Layer[] = ['schema', 'runtime', 'gateway', 'subgraphs'];

/** What each layer must never import. */
const FORBIDDEN: Record<Layer, readonly Layer[]> = {
  schema: ['runtime', 'gateway', 'subgraphs'],
  runtime: ['gateway', 'subgraphs'],
  gateway: ['subgraphs'],
  subgraphs: ['gateway'],
};

function layerOf(repositoryPath: string): Layer | null {
  const top = repositoryPath.split(/[\\/]/)[0];
  return LAYERS.find((layer) => layer === top) ?? null;
}

/** "file imports 'specifier'" for every import of a file that crosses the dependency direction. */
function violationsIn(file: string): string[] {
  const from = layerOf(file)!;
  return importsOf(join(REPOSITORY_ROOT, file))
    .filter(({ specifier }) => specifier.startsWith('.'))
    .filter(({ specifier }) => {
      const target = layerOf(relative(REPOSITORY_ROOT, resolve(dirname(join(REPOSITORY_ROOT, file)), specifier)));
      return target !== null && FORBIDDEN[from].includes(target);
    })
    .map(({ specifier, dynamic }) => `${file} imports ${dynamic ? 'import(' : ''}'${specifier}'${dynamic ? ')' : ''}`);
}

describe('dependency direction', () => {
  it.each(LAYERS)('%s/ imports none of the layers it must not depend on', (layer) => {
    const files = typeScriptFilesUnder(layer);
    expect(files.length).toBeGreaterThan(0);
    expect(files.flatMap(violationsIn)).toEqual([]);
  });
});
