import { describe, expect, it } from 'vitest';
import { FACT_ALIAS_PREFIX, FACTS_SELECTION, readCatalogFacts, refineCatalogFacts } from '../../../../schema/policy/catalog-facts.js';

// The governance facts as the gateway fetches them under reserved aliases, and what it makes of them.
const fetched = (overrides: Record<string, unknown> = {}): Record<string, unknown> => {
  const facts: Record<string, unknown> = {
    id: 'p:ds-1', dataClass: 'PUBLIC', licence: { id: 'CC-BY-4.0' }, publisher: { id: 'p' },
    embargoUntil: null, retention: { deletionDue: '2025-06-30' }, useConditions: [{ code: 'NRES' }], ...overrides,
  };
  return Object.fromEntries(Object.entries(facts).filter(([, v]) => v !== undefined).map(([k, v]) => [`${FACT_ALIAS_PREFIX}${k}`, v]));
};

describe('readCatalogFacts', () => {
  it('reads every fact, the deletion date included', () => {
    expect(readCatalogFacts(fetched())).toEqual({
      datasetId: 'p:ds-1', partnerId: 'p', dataClass: 'PUBLIC', licenceId: 'CC-BY-4.0',
      useConditions: [{ code: 'NRES' }], embargoUntil: null, deletionDue: '2025-06-30',
    });
  });

  it.each([
    { name: 'no retention schedule', overrides: { retention: null }, deletionDue: null },
    { name: 'a schedule without a deletion date', overrides: { retention: { deletionDue: null } }, deletionDue: null },
    { name: 'an unreadable date is kept, and then counts as past', overrides: { retention: { deletionDue: 'soon' } }, deletionDue: 'soon' },
  ])('$name', ({ overrides, deletionDue }) => {
    expect(readCatalogFacts(fetched(overrides))?.deletionDue).toBe(deletionDue);
  });

  it.each([
    { name: 'a retention schedule the partner did not serve', overrides: { retention: undefined } },
    { name: 'a retention schedule that is not an object', overrides: { retention: '2025-06-30' } },
    { name: 'a deletion date that is not text', overrides: { retention: { deletionDue: 20250630 } } },
    { name: 'an embargo the partner did not serve', overrides: { embargoUntil: undefined } },
    { name: 'an unknown data class', overrides: { dataClass: 'RESTRICTED' } },
    { name: 'no publisher', overrides: { publisher: null } },
    { name: 'a use condition without a code', overrides: { useConditions: [{}] } },
  ])('cannot trust facts with $name (every policy then denies)', ({ overrides }) => {
    expect(readCatalogFacts(fetched(overrides))).toBeNull();
  });

  // A grant's length cap only (request-access.ts): a value that cannot be read is no cap, never a
  // reason to distrust the facts.
  it.each([
    { name: 'a licence of at most 36 months', licence: { id: 'LicenseRef-NUH-DUA-2.1', maxDurationMonths: 36 }, months: 36 },
    { name: 'a licence without a maximum', licence: { id: 'CC-BY-4.0', maxDurationMonths: null }, months: undefined },
    { name: 'a partner that does not serve the maximum', licence: { id: 'CC-BY-4.0' }, months: undefined },
    { name: 'a maximum that is not a number', licence: { id: 'CC-BY-4.0', maxDurationMonths: '36' }, months: undefined },
  ])('reads the licence\'s maximum duration: $name', ({ licence, months }) => {
    const read = readCatalogFacts(fetched({ licence }));
    expect(read).not.toBeNull();
    expect(read?.licenceMaxDurationMonths).toBe(months);
    expect(FACTS_SELECTION).toMatch(/licence \{ id maxDurationMonths \}/);
  });

  it('keeps the dataset\'s maximum duration below a distribution with a licence of its own', () => {
    const dataset = readCatalogFacts(fetched({ licence: { id: 'LicenseRef-A', maxDurationMonths: 12 } }))!;
    const refined = refineCatalogFacts(dataset, { [`${FACT_ALIAS_PREFIX}licence`]: { id: 'CC-BY-4.0' } });
    expect(refined).toMatchObject({ licenceId: 'CC-BY-4.0', licenceMaxDurationMonths: 12 });
  });

  it('asks for every fact it reads', () => {
    for (const key of Object.keys(fetched())) expect(FACTS_SELECTION).toContain(`${key}:`);
  });
});
