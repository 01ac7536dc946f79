import { spawn } from 'node:child_process';
import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../harness/demo-federation.js';
import { join } from 'node:path';

// `npm run token` as a person runs it (through tsx), for the steward of a partner of the manifest.
function mintToken(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'subgraphs/demo/mint-token.ts'), ...args], { cwd: REPO_ROOT });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => { stdout += chunk; });
  child.stderr.on('data', (chunk) => { stderr += chunk; });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

describe('npm run token -- --persona steward --partner ID', () => {
  it('mints a steward of that partner', async () => {
    const { code, stdout } = await mintToken(['--persona', 'steward', '--partner', 'helix-therapeutics']);
    expect(code).toBe(0);
    const claims = decodeJwt(stdout.trim());
    expect(claims.org).toBe('helix-therapeutics');
    expect(String(claims.scope).split(' ')).toContain('steward:helix-therapeutics');
  });

  it.each([
    { args: ['--persona', 'steward', '--partner', 'nobody-here'], message: '--partner "nobody-here" is not in schema/subgraphs.json' },
    { args: ['--persona', 'analyst', '--partner', 'helix-therapeutics'], message: '--partner applies to the steward persona only' },
  ])('refuses $args with a usage error', async ({ args, message }) => {
    const { code, stdout, stderr } = await mintToken(args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(message);
  });
});
