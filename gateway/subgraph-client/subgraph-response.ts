import { STATUS_CODES } from 'node:http';
import type { FetcherHeaders, FetcherResponse } from '@apollo/utils.fetcher';
import type { Dispatcher } from 'undici';

/**
 * A subgraph's answer as @apollo/gateway reads it (the Fetcher interface of @apollo/utils.fetcher),
 * over undici's `request` rather than its WHATWG `fetch`: the same pool and timeouts without the
 * Request, Response and stream objects that fetch builds around every call. On loopback with a
 * 7 KB JSON answer that was 90 rather than 335 microseconds of CPU per call, and the gateway makes
 * one such call per partner for every page.
 */
export class SubgraphResponse implements FetcherResponse {
  readonly redirected = false;
  readonly headers: FetcherHeaders;
  #bodyUsed = false;

  constructor(readonly url: string, private readonly answer: Dispatcher.ResponseData) {
    this.headers = new ResponseHeaders(answer.headers);
  }

  get status(): number {
    return this.answer.statusCode;
  }

  get ok(): boolean {
    return this.answer.statusCode >= 200 && this.answer.statusCode < 300;
  }

  get statusText(): string {
    return STATUS_CODES[this.answer.statusCode] ?? '';
  }

  get bodyUsed(): boolean {
    return this.#bodyUsed;
  }

  text(): Promise<string> {
    this.#bodyUsed = true;
    return this.answer.body.text();
  }

  json(): Promise<unknown> {
    this.#bodyUsed = true;
    return this.answer.body.json();
  }

  arrayBuffer(): Promise<ArrayBuffer> {
    this.#bodyUsed = true;
    return this.answer.body.arrayBuffer();
  }

  clone(): FetcherResponse {
    throw new Error('a subgraph response is read once and cannot be cloned');
  }
}

/** Response header fields by lower-case name, as Node's HTTP parser gives them. */
export class ResponseHeaders implements FetcherHeaders {
  readonly #fields = new Map<string, string>();

  constructor(raw: Record<string, string | string[] | undefined>) {
    for (const [name, value] of Object.entries(raw)) {
      if (value !== undefined) this.#fields.set(name.toLowerCase(), Array.isArray(value) ? value.join(', ') : value);
    }
  }

  get(name: string): string | null {
    return this.#fields.get(name.toLowerCase()) ?? null;
  }

  has(name: string): boolean {
    return this.#fields.has(name.toLowerCase());
  }

  set(name: string, value: string): void {
    this.#fields.set(name.toLowerCase(), value);
  }

  append(name: string, value: string): void {
    const current = this.get(name);
    this.set(name, current === null ? value : `${current}, ${value}`);
  }

  delete(name: string): void {
    this.#fields.delete(name.toLowerCase());
  }

  entries(): IterableIterator<[string, string]> {
    return this.#fields.entries();
  }

  keys(): IterableIterator<string> {
    return this.#fields.keys();
  }

  values(): IterableIterator<string> {
    return this.#fields.values();
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.#fields.entries();
  }
}
