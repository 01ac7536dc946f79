import type { DatasetFilter, IndexedDataset } from './catalog-index.js';

/** The year of issue, the "year" facet and filter. */
export function issuedYear(dataset: IndexedDataset): number {
  return Number(dataset.issued.slice(0, 4));
}

// Values within one filter are alternatives (OR); filters together narrow (AND). An empty list is
// treated as absent rather than as "match nothing", which is what a UI sending [] means. Only
// public metadata can be filtered on: there is no restricted field here to ask about.
export function compileFilter(filter: DatasetFilter | null | undefined): (d: IndexedDataset) => boolean {
  const tests: ((d: IndexedDataset) => boolean)[] = [];
  const anyOf = <T>(values: readonly T[] | null | undefined, pick: (d: IndexedDataset) => readonly T[] | T) => {
    if (!values?.length) return;
    const wanted = new Set(values);
    tests.push((d) => {
      const picked = pick(d);
      return Array.isArray(picked) ? picked.some((v) => wanted.has(v)) : wanted.has(picked as T);
    });
  };
  anyOf(filter?.partners, (d) => d.partnerId);
  anyOf(filter?.licences, (d) => d.licenceId);
  anyOf(filter?.dataClasses, (d) => d.dataClass);
  anyOf(filter?.keywords?.map((k) => k.toLowerCase()), (d) => d.keywords.map((k) => k.toLowerCase()));
  anyOf(filter?.themes, (d) => d.themes);
  anyOf(filter?.useConditions, (d) => d.useConditions.map((c) => c.code));
  anyOf(filter?.years, (d) => issuedYear(d));
  return (d) => tests.every((test) => test(d));
}
