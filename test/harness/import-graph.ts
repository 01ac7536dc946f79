import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/** The repository root, so that findings name files as the repository does. */
export const REPOSITORY_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface ModuleImport {
  /** The specifier as written: './config.js', '@apollo/gateway', 'node:fs'. */
  specifier: string;
  /** `import('x')` with a string literal, as opposed to an import or export declaration. */
  dynamic: boolean;
  /** `import type` / `export type`: erased by the compiler (verbatimModuleSyntax), so never loaded. */
  typeOnly: boolean;
}

/** Every import of one TypeScript file: declarations, re-exports and literal dynamic imports. */
export function importsOf(file: string): ModuleImport[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: ModuleImport[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push({ specifier: node.moduleSpecifier.text, dynamic: false, typeOnly: node.importClause?.isTypeOnly ?? false });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push({ specifier: node.moduleSpecifier.text, dynamic: false, typeOnly: node.isTypeOnly });
    } else if (isLiteralDynamicImport(node)) {
      found.push({ specifier: node.arguments[0].text, dynamic: true, typeOnly: false });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function isLiteralDynamicImport(node: ts.Node): node is ts.CallExpression & { arguments: [ts.StringLiteralLike] } {
  return ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword
    && node.arguments.length > 0 && ts.isStringLiteralLike(node.arguments[0]!);
}

/** The repository .ts file a relative specifier names ('./x.js' is compiled from './x.ts'), or null for data files. */
export function resolveRelative(fromFile: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  const target = resolve(dirname(fromFile), specifier);
  if (target.endsWith('.js')) return target.slice(0, -'.js'.length) + '.ts';
  if (target.endsWith('.ts')) return target;
  return null;
}

/** The package a bare specifier loads: '@apollo/server/express4' -> '@apollo/server'; null for relative and node: ones. */
export function packageOf(specifier: string): string | null {
  if (specifier.startsWith('.') || specifier.startsWith('node:')) return null;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

export interface PackageReach {
  packageName: string;
  /** The chain of repository files from the entry to the file that imports the package. */
  chain: string[];
}

/**
 * The packages a file loads when it is evaluated: its static, value-level imports followed through
 * the repository's own files (type-only imports are erased; dynamic import() runs later, if at all).
 */
export function packagesLoadedStatically(entry: string): PackageReach[] {
  const reached: PackageReach[] = [];
  const seen = new Set<string>();
  const walk = (file: string, chain: string[]): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const here = [...chain, relative(REPOSITORY_ROOT, file)];
    for (const { specifier, dynamic, typeOnly } of importsOf(file)) {
      if (dynamic || typeOnly) continue;
      const local = resolveRelative(file, specifier);
      if (local) walk(local, here);
      const packageName = packageOf(specifier);
      if (packageName) reached.push({ packageName, chain: here });
    }
  };
  walk(entry, []);
  return reached;
}

/** Every .ts file under a repository folder, as paths relative to the repository root. */
export function typeScriptFilesUnder(folder: string): string[] {
  const absolute = join(REPOSITORY_ROOT, folder);
  return readdirSync(absolute, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts') && !name.split(/[\\/]/).includes('node_modules'))
    .filter((name) => statSync(join(absolute, name)).isFile())
    .map((name) => join(folder, name))
    .sort();
}
