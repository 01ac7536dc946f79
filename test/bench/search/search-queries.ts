import type { CatalogFile } from '../../../subgraphs/partner-kit/catalog-file.js';

/** Whether the query at this place in sampleQueries has a typo: every fifth one. */
export function hasTypo(index: number): boolean {
  return index % 5 === 4;
}

/**
 * One- to three-word queries drawn from the catalogs' own titles and keywords, a fifth of them with
 * a typo (one letter dropped), the way people type. Deterministic: the same catalogs give the same queries.
 */
export function sampleQueries(catalogs: readonly CatalogFile[], count: number): string[] {
  const words = [...new Set(catalogs.flatMap((c) => c.datasets.slice(0, 200)).flatMap((d) => [...d.title.split(/\W+/), ...d.keywords])
    .map((w) => w.toLowerCase()).filter((w) => w.length >= 4 && /^[a-z]+$/.test(w)))].sort();
  let state = 12345;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
  const pick = () => words[Math.floor(next() * words.length)]!;
  return Array.from({ length: count }, (_, i) => {
    const size = 1 + (i % 3);
    const terms = Array.from({ length: size }, pick);
    if (hasTypo(i)) {
      const word = terms[0]!;
      const at = 1 + Math.floor(next() * (word.length - 2));
      terms[0] = word.slice(0, at) + word.slice(at + 1);
    }
    return terms.join(' ');
  });
}
