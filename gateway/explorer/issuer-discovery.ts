import type { Logger } from '../../runtime/logger.js';
import { readDiscoveryOrigins } from './discovery-origins.js';

// The origins of the OpenID Connect issuer's token and userinfo endpoints, for the explorer page's
// connect-src (README "Explorer"): read from the issuer's discovery document (OpenID Connect
// Discovery 1.0 §4), which the gateway fetches itself and keeps.
//
// Fetched when the page is first asked for, not at start-up: a gateway whose explorer nobody opens
// (or whose issuer is slow) never waits for, nor calls, the issuer, and there is no timer to stop
// at shutdown. That first request waits for the answer (at most the fetch timeout), so the first
// page served already carries the endpoints; later refreshes happen behind the requests that
// start them, each page served with what is known then. Whatever goes wrong, the page is served,
// with the issuer's origin only, and a warning says why sign-in may be blocked.

export interface IssuerDiscoveryOptions {
  /** OIDC_ISSUER, without a trailing slash. */
  issuer: string;
  logger: Logger;
  /** Milliseconds since the epoch; Date.now unless a test sets the clock. */
  now?: () => number;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/** How long a document read is used before it is read again. */
export const REFRESH_MS = 60 * 60 * 1000;
/** How long to wait before trying again while no document could be read yet. */
export const RETRY_MS = 60 * 1000;
const TIMEOUT_MS = 5000;
/** Discovery documents are a few kilobytes; a larger answer is not one. */
const MAX_BYTES = 256 * 1024;

export class IssuerDiscovery {
  private readonly url: string;
  private readonly now: () => number;
  private readonly fetch: typeof fetch;
  private readonly timeoutMs: number;
  private known: { origins: readonly string[]; readAt: number } | null = null;
  private nextAttemptAt = 0;
  private attempted = false;
  private inFlight: Promise<void> | null = null;

  constructor(private readonly options: IssuerDiscoveryOptions) {
    this.url = `${options.issuer}/.well-known/openid-configuration`;
    this.now = options.now ?? Date.now;
    this.fetch = options.fetch ?? fetch;
    this.timeoutMs = options.timeoutMs ?? TIMEOUT_MS;
  }

  /** The origins to add to connect-src besides the issuer's; none until the document is known. Never rejects. */
  async origins(): Promise<readonly string[]> {
    if (!this.inFlight && this.now() >= this.nextAttemptAt) {
      this.inFlight = this.attempt().finally(() => {
        this.inFlight = null;
        this.attempted = true;
      });
    }
    if (!this.attempted && this.inFlight) await this.inFlight;
    return this.known?.origins ?? [];
  }

  /** Resolves once no read of the document is under way (for tests, which then look at what it left). */
  async idle(): Promise<void> {
    await this.inFlight;
  }

  private async attempt(): Promise<void> {
    const { logger, issuer } = this.options;
    let reason: string;
    try {
      reason = await this.read();
    } catch (error) {
      reason = `could not fetch ${this.url}: ${describe(error)}`;
    }
    if (!reason) return;
    if (this.known) {
      this.nextAttemptAt = this.now() + REFRESH_MS;
      logger.warn({ issuer, reason }, `could not refresh the OpenID Connect issuer's discovery document; the explorer's page keeps the endpoints read at ${new Date(this.known.readAt).toISOString()}`);
    } else {
      this.nextAttemptAt = this.now() + RETRY_MS;
      logger.warn({ issuer, reason }, 'the explorer\'s page lets the browser connect to the OpenID Connect issuer\'s origin only, as its discovery document could not be read: sign-in may be blocked if the issuer\'s token or userinfo endpoint is on another origin');
    }
  }

  /** Reads the document; returns why it could not be used, or '' once it is known. */
  private async read(): Promise<string> {
    // No redirect is followed: the document is read from OIDC_ISSUER's own origin, over the scheme it names.
    const response = await this.fetch(this.url, { headers: { accept: 'application/json' }, redirect: 'manual', signal: AbortSignal.timeout(this.timeoutMs) });
    if (!response.ok) {
      await response.body?.cancel();
      return `${this.url} answered HTTP ${response.status}${response.status >= 300 && response.status < 400 ? ' (a redirect, not followed)' : ''}`;
    }
    if (Number(response.headers.get('content-length') ?? 0) > MAX_BYTES) {
      await response.body?.cancel();
      return `${this.url} answered more than ${MAX_BYTES} bytes`;
    }
    const body = await readAtMost(response, MAX_BYTES);
    if (body === null) return `${this.url} answered more than ${MAX_BYTES} bytes`;
    const reading = readDiscoveryOrigins(body, this.options.issuer);
    if (!reading.ok) return `${this.url} was refused: ${reading.reason}`;
    for (const { field, reason } of reading.ignored) {
      this.options.logger.warn({ issuer: this.options.issuer, field }, `the OpenID Connect issuer's discovery document gives ${reason}: it is left out of the explorer page's connect-src, so sign-in may be blocked`);
    }
    this.known = { origins: reading.origins, readAt: this.now() };
    this.nextAttemptAt = this.now() + REFRESH_MS;
    return '';
  }
}

/** The body as text, or null as soon as it passes `limit` bytes (a body without a length is counted as it streams). */
async function readAtMost(response: Response, limit: number): Promise<string | null> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    if (bytes > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function describe(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError') return 'no answer in time';
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    return cause instanceof Error ? `${error.message} (${cause.message})` : error.message;
  }
  return String(error);
}
