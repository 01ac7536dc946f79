// `npm run build`'s explorer step: type-check the explorer and build it with Vite into dist/explorer/,
// only when a source is newer than the last build, so `npm start` does not rebuild the bundles
// (a minute or more) when nothing changed. `--force` builds anyway.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const stamp = join(root, 'dist/explorer/.built');
const sources = ['explorer', 'package-lock.json', 'schema/duo-terms.csv'].map((p) => join(root, p));

function newest(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

// The stamp holds the newest source time the last build read, not the time it ended: a source
// saved while a build was running is then newer than the stamp, and the next build sees it.
const newestSource = Math.max(...sources.map(newest));
const builtFrom = existsSync(stamp) ? Number(readFileSync(stamp, 'utf8').trim()) : Number.NaN;
const upToDate = builtFrom >= newestSource;
if (upToDate && !process.argv.includes('--force')) process.exit(0);

const require = createRequire(import.meta.url);
const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(root, 'explorer/tsconfig.json')], { stdio: 'inherit' });
if (tsc.status !== 0) process.exit(tsc.status ?? 1);

const startedAt = Date.now();
const { build } = await import('vite');
await build({ configFile: join(root, 'explorer/vite.config.ts'), logLevel: 'warn' });
writeFileSync(stamp, `${newestSource}\n`);
process.stdout.write(`explorer built into dist/explorer/ in ${((Date.now() - startedAt) / 1000).toFixed(1)} s\n`);
