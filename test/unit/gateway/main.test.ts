import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { packagesLoadedStatically, REPOSITORY_ROOT } from '../../harness/import-graph.js';

// The gateway answers /health within a second of starting because gateway/main.ts statically
// imports only light modules and loads the heavy packages after the port is bound
// (ARCHITECTURE.md, "Build and run"). One static import of a heavy package anywhere under main.ts
// would load it before listen() and no integration test would notice on a fast machine.

const MAIN = join(REPOSITORY_ROOT, 'gateway/main.ts');
const CREATE_GATEWAY = join(REPOSITORY_ROOT, 'gateway/create-gateway.ts');

/** HEAVY_PACKAGES as gateway/main.ts declares it, read from its syntax tree so the two never drift. */
function heavyPackagesDeclaredInMain(): string[] {
  const source = ts.createSourceFile(MAIN, readFileSync(MAIN, 'utf8'), ts.ScriptTarget.Latest, true);
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (ts.isIdentifier(declaration.name) && declaration.name.text === 'HEAVY_PACKAGES'
        && declaration.initializer && ts.isArrayLiteralExpression(declaration.initializer)) {
        return declaration.initializer.elements.filter(ts.isStringLiteral).map((element) => element.text);
      }
    }
  }
  throw new Error('gateway/main.ts declares no HEAVY_PACKAGES array');
}

describe('gateway start-up imports', () => {
  const heavy = heavyPackagesDeclaredInMain();

  it('reads the heavy packages from gateway/main.ts', () => {
    expect(heavy).toEqual(expect.arrayContaining(['@apollo/gateway', '@apollo/server', 'redis']));
  });

  it('reaches no heavy package through the static imports of gateway/main.ts', () => {
    const offending = packagesLoadedStatically(MAIN)
      .filter((reach) => heavy.includes(reach.packageName))
      .map((reach) => `${reach.packageName} via ${reach.chain.join(' -> ')}`);
    expect(offending).toEqual([]);
  });

  it('would see a heavy package if one were imported statically (the walk is not vacuous)', () => {
    // create-gateway.ts is what main.ts imports dynamically once listening; it must load them.
    const reached = new Set(packagesLoadedStatically(CREATE_GATEWAY).map((reach) => reach.packageName));
    expect(reached).toContain('@apollo/gateway');
    expect(reached).toContain('@apollo/server');
  });
});
