import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MemoryApqCache } from '../../../../gateway/persisted-queries/apq-cache.js';
import { InMemoryPersistedQueryRegistry, type PersistedQueryRegistry, type RegisteredOperation } from '../../../../gateway/persisted-queries/persisted-query-registry.js';
import { apqTexts, safelistTexts } from '../../../../gateway/persisted-queries/served-texts.js';

const hashOf = (text: string) => createHash('sha256').update(text).digest('hex');
const registered = (body: string): RegisteredOperation => ({ id: hashOf(body), name: 'Op', type: 'query', body });
const limits = { maxTokens: 50, maxNesting: 5 };
const SHORT = 'query Short { __typename }';
const DEEP = `query Deep { ${'a { '.repeat(6)}b${' }'.repeat(6)} }`;
const LONG = `query Long { ${'a '.repeat(60)}}`;
const failing: PersistedQueryRegistry = {
  kind: 'redis', location: 'test', close: async () => {}, register: async () => {},
  get: async () => { throw new Error('connection refused'); },
};

describe('the texts Apollo Server is given for a hash', () => {
  const EVIL = 'query Evil { __schema { types { name } } }';
  // [case, the text whose hash is asked for, what the APQ cache holds under that hash, what the registry holds, expected]
  it.each([
    ['a text in the APQ cache', SHORT, SHORT, undefined, SHORT],
    ['a text only in the registry', SHORT, undefined, SHORT, SHORT],
    ['a cached text that does not hash to its key (the registry\'s then)', SHORT, EVIL, SHORT, SHORT],
    ['a cached text that does not hash to its key, nothing registered', SHORT, EVIL, undefined, undefined],
    ['a text over the nesting limit', DEEP, DEEP, undefined, undefined],
    ['a text over the token limit', LONG, LONG, LONG, undefined],
    ['nothing', SHORT, undefined, undefined, undefined],
  ])('APQ mode: %s', async (_, asked, cached, inRegistry, expected) => {
    const key = `apq:${hashOf(asked)}`;
    const apq = new MemoryApqCache();
    if (cached !== undefined) await apq.set(key, cached);
    const registry = new InMemoryPersistedQueryRegistry(inRegistry ? [registered(inRegistry)] : []);
    const texts = apqTexts(apq, registry, { sourceLimits: limits, onStoreError: () => undefined });
    expect(await texts.get(key)).toBe(expected);
  });

  it('APQ mode: a store that fails is a miss, reported', async () => {
    const errors: string[] = [];
    const texts = apqTexts(new MemoryApqCache(), failing, { sourceLimits: limits, onStoreError: (_, store) => { errors.push(store); return undefined; } });
    expect(await texts.get(`apq:${hashOf(SHORT)}`)).toBeUndefined();
    expect(errors).toEqual(['registry']);
  });

  it.each([
    ['a registered text', [SHORT], SHORT, SHORT],
    ['a text not registered', [], SHORT, undefined],
    ['a registered text over the nesting limit', [DEEP], DEEP, undefined],
  ])('safelist mode: %s', async (_, bodies, asked, expected) => {
    const texts = safelistTexts(new InMemoryPersistedQueryRegistry(bodies.map(registered)), { sourceLimits: limits, onStoreError: () => undefined });
    expect(await texts.get(`apq:${hashOf(asked)}`)).toBe(expected);
  });

  it('safelist mode: nothing sent with its hash is added', async () => {
    const registry = new InMemoryPersistedQueryRegistry();
    const texts = safelistTexts(registry, { sourceLimits: limits, onStoreError: () => undefined });
    await texts.set(`apq:${hashOf(SHORT)}`, SHORT);
    expect(await texts.get(`apq:${hashOf(SHORT)}`)).toBeUndefined();
    expect(registry.all()).toEqual([]);
  });
});
