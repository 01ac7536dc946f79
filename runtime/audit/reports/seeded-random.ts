// A small seeded pseudo-random generator for the compliance sample: the same seed gives the same
// sequence on every machine and Node version, which Math.random cannot. The seed text is folded to
// 32 bits with FNV-1a (Fowler, Noll and Vo), and the sequence is Tommy Ettinger's Mulberry32. Neither
// is cryptographic: the sample must be reproducible by anyone holding the seed, not unpredictable.

export function hashSeed(seed: string): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(seed)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** A function giving numbers in the open interval (0, 1), never 0, so their logarithm is finite. */
export function seededRandom(seed: string): () => number {
  let state = hashSeed(seed);
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const value = (t ^ (t >>> 14)) >>> 0;
    return (value + 0.5) / 4_294_967_296;
  };
}
