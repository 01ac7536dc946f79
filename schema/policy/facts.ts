// The governance facts of one dataset: the only inputs a policy has besides the principal, its
// grants and the time. They are public fields of the contract, fetched with every governed entity.

import type { DataClass } from '../vocabulary.js';

export interface UseConditionFact {
  /** DUO shorthand, e.g. HMB. */
  code: string;
  diseaseId?: string | null;
  regions?: readonly string[] | null;
  allowed?: readonly string[] | null;
  months?: number | null;
  until?: string | null;
}

export interface DatasetFacts {
  datasetId: string;
  /** The owning partner's id. */
  partnerId: string;
  dataClass: DataClass;
  /** SPDX id or LicenseRef- id. */
  licenceId: string;
  /**
   * The licence's maxDurationMonths: the longest a licensee may hold the data. Absent or null when
   * the licence sets none or it was not fetched; it caps a grant's length, never decides access.
   */
  licenceMaxDurationMonths?: number | null;
  useConditions: readonly UseConditionFact[];
  /** ISO date; null when there is no embargo. */
  embargoUntil: string | null;
  /** ISO date; null when no deletion is scheduled. */
  deletionDue: string | null;
}
