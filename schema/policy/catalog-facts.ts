import { isDataClass } from '../vocabulary.js';
import type { DatasetFacts, UseConditionFact } from './facts.js';

// Which fields of the catalog contract carry a dataset's governance facts, and how to read them
// back. The gateway adds this selection, under reserved aliases, to every selection set on a
// Dataset, so that @policy fields can be decided per dataset (ARCHITECTURE.md "Per-entity decisions").
// All of them are public fields: fetching them reveals nothing the caller could not ask for.

/** The interface whose implementations are governed entities. */
export const GOVERNED_INTERFACE = 'Dataset';

export const FACT_ALIAS_PREFIX = '__concord_fact_';

export const FACTS_SELECTION = `
  ${FACT_ALIAS_PREFIX}id: id
  ${FACT_ALIAS_PREFIX}dataClass: dataClass
  ${FACT_ALIAS_PREFIX}licence: licence { id maxDurationMonths }
  ${FACT_ALIAS_PREFIX}publisher: publisher { id }
  ${FACT_ALIAS_PREFIX}embargoUntil: embargoUntil
  ${FACT_ALIAS_PREFIX}retention: retention { deletionDue }
  ${FACT_ALIAS_PREFIX}useConditions: useConditions { code diseaseId regions allowed months until }
`;

/**
 * A distribution may carry a licence of its own (DCAT 3: dct:license on dcat:Distribution), and its
 * URLs and royalty terms must be decided under that licence, not the dataset's.
 */
export const NESTED_FACTS = [{ typeName: 'Distribution', selection: `${FACT_ALIAS_PREFIX}licence: licence { id }` }] as const;

/**
 * The facts that apply to an object below a dataset: the dataset's, with the object's own licence
 * where it has one (none, null, is the dataset's). Null when the object carries a licence that
 * cannot be read: everything below it is then denied.
 */
export function refineCatalogFacts(inherited: DatasetFacts, record: Record<string, unknown>): DatasetFacts | null {
  const key = `${FACT_ALIAS_PREFIX}licence`;
  if (!(key in record) || `${FACT_ALIAS_PREFIX}id` in record) return inherited;
  const licence = record[key] as { id?: unknown } | null;
  if (licence === null) return inherited;
  // The licence's maximum duration stays the dataset's: a grant is of the dataset, and its length
  // is capped by the dataset's licence (schema/policy/grant-length.ts).
  return typeof licence?.id === 'string' ? { ...inherited, licenceId: licence.id } : null;
}

// The licence's own cap on a grant's length; a value that is not a number is no cap rather than a
// reason to distrust the facts, since it never decides access (request-access.ts).
function maxDurationOf(licence: { maxDurationMonths?: unknown }): Pick<DatasetFacts, 'licenceMaxDurationMonths'> {
  return typeof licence.maxDurationMonths === 'number' ? { licenceMaxDurationMonths: licence.maxDurationMonths } : {};
}

/**
 * The facts of one fetched dataset, or null when they are missing or malformed (a policy then
 * denies: facts it cannot read are never taken as permissive).
 */
export function readCatalogFacts(record: Record<string, unknown>): DatasetFacts | null {
  const field = (name: string) => record[`${FACT_ALIAS_PREFIX}${name}`];
  const id = field('id');
  const dataClass = field('dataClass');
  const licence = field('licence') as { id?: unknown; maxDurationMonths?: unknown } | null | undefined;
  const publisher = field('publisher') as { id?: unknown } | null | undefined;
  const embargoUntil = field('embargoUntil');
  const deletionDue = deletionDateOf(field('retention'));
  const useConditions = field('useConditions');
  if (typeof id !== 'string' || !isDataClass(dataClass)) return null;
  if (typeof licence?.id !== 'string' || typeof publisher?.id !== 'string' || !Array.isArray(useConditions)) return null;
  if (!isOptionalDate(embargoUntil) || !isOptionalDate(deletionDue)) return null;
  if (!useConditions.every((c) => typeof (c as { code?: unknown })?.code === 'string')) return null;
  return {
    datasetId: id,
    partnerId: publisher.id,
    dataClass,
    licenceId: licence.id,
    ...maxDurationOf(licence),
    useConditions: useConditions as UseConditionFact[],
    embargoUntil,
    // Fetched from every partner and enforced here: the partner kit stops serving a dataset on its
    // deletion date, but a partner on another stack may not (retention rule, ARCHITECTURE.md
    // "Governance facts and retention"). An unreadable date is kept as it is, and then counts as past.
    deletionDue,
  };
}

// The deletion date sits in the retention schedule, which only stewards may read (@policy
// dataset:retention-schedule): the gateway fetches it under a reserved alias as a fact and never
// returns it. No schedule is no deletion date; a schedule that is absent (the partner did not serve
// the field) or malformed gives undefined, which isOptionalDate refuses.
function deletionDateOf(retention: unknown): unknown {
  if (retention === null) return null;
  if (typeof retention !== 'object' || retention === undefined) return undefined;
  return (retention as { deletionDue?: unknown }).deletionDue ?? null;
}

// A date fact is null (none) or a string; absent (a partner that does not serve the field) or of
// any other type, the facts cannot be trusted and every policy denies.
function isOptionalDate(value: unknown): value is string | null {
  return value === null || typeof value === 'string';
}
