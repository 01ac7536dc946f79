import type { Range, Weighted } from './partner-profile.js';

// Everything random in the demo catalogs comes from one seeded PRNG, so two runs give byte-identical
// files on any machine and on any day.

/** mulberry32: tiny, fast, and the same sequence on every platform, which is all demo data needs. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Each partner gets its own stream, so resizing one partner leaves the others' data unchanged. */
export function partnerSeed(seed: number, partnerId: string): number {
  let hash = (seed ^ 0x811c9dc5) >>> 0;
  for (let i = 0; i < partnerId.length; i++) hash = Math.imul(hash ^ partnerId.charCodeAt(i), 0x01000193) >>> 0;
  return hash;
}

export class Dice {
  private readonly next: () => number;

  constructor(seed: number) {
    this.next = mulberry32(seed);
  }

  int([min, max]: Range): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  decimal([min, max]: Range, digits: number): number {
    return roundTo(min + this.next() * (max - min), digits);
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('cannot pick from an empty list');
    return item;
  }

  weighted<T>(items: Weighted<T>): T {
    let total = 0;
    for (const [, weight] of items) total += weight;
    let ticket = this.next() * total;
    for (const [item, weight] of items) {
      ticket -= weight;
      if (ticket < 0) return item;
    }
    const last = items[items.length - 1];
    if (last === undefined) throw new Error('cannot draw from an empty weighted list');
    return last[0];
  }

  /** `count` distinct items, in their original order so columns and distributions read naturally. */
  some<T>(items: readonly T[], count: number): T[] {
    const indices = items.map((_, i) => i);
    const wanted = Math.min(count, items.length);
    for (let i = 0; i < wanted; i++) {
      const j = i + Math.floor(this.next() * (indices.length - i));
      [indices[i], indices[j]] = [indices[j]!, indices[i]!];
    }
    return indices.slice(0, wanted).sort((a, b) => a - b).map((i) => items[i]!);
  }

  /** Hex digits, two per byte; benchmark catalogs need millions of checksums, hence the table. */
  hex(length: number): string {
    let out = '';
    while (out.length < length) {
      const word = Math.floor(this.next() * 0x1_0000_0000);
      out += HEX_BYTES[word >>> 24]! + HEX_BYTES[(word >>> 16) & 0xff]! + HEX_BYTES[(word >>> 8) & 0xff]! + HEX_BYTES[word & 0xff]!;
    }
    return out.slice(0, length);
  }
}

const HEX_BYTES = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

export function roundTo(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
