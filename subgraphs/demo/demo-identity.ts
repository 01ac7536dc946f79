import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { repositoryPath } from '../../schema/repository-files.js';

// The identity provider of the local demo: the gateway is started with these values and
// `npm run token` mints tokens with them. Nothing here is for a deployment, which uses a JWKS.

export const DEMO_ISSUER = 'https://concord.example/demo-issuer';
export const DEMO_AUDIENCE = 'concord-gateway';

const SECRET_DIR = pathToFileURL(repositoryPath('.concord-demo/'));
const SECRET_FILE = new URL('jwt-secret', SECRET_DIR);

/**
 * The demo's HS256 secret. It is generated per checkout on first use and kept in
 * `.concord-demo/jwt-secret`, which is git-ignored: a secret in the repository would let anyone mint
 * tokens for every demo gateway ever started from it.
 */
export function demoSecret(): string {
  return readSecret() ?? createSecret();
}

function readSecret(): string | null {
  try {
    return readFileSync(SECRET_FILE, 'utf8').trim() || null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** `wx` so that two processes starting at once agree on one secret: the loser reads the winner's. */
function createSecret(): string {
  mkdirSync(SECRET_DIR, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  try {
    writeFileSync(SECRET_FILE, `${secret}\n`, { flag: 'wx', mode: 0o600 });
    return secret;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const existing = readSecret();
    if (existing === null) throw new Error(`${fileURLToPath(SECRET_FILE)} is empty; delete it to generate a new secret`);
    return existing;
  }
}
