import { readPositiveInt, type Env } from '../../runtime/env.js';

export interface FieldMergingLimits {
  /** Fields that share one response name at one place of the response (merged across fragments and repeated parents). */
  maxSameNameFields: number;
  /** Fields an operation selects, each fragment's counted wherever it is spread. */
  maxFields: number;
}

export const DEFAULT_FIELD_MERGING_LIMITS: FieldMergingLimits = { maxSameNameFields: 20, maxFields: 2_000 };

/**
 * The limits on fields that graphql-js's validation must merge (gateway/limits/
 * field-merging-limits.ts), from the environment; a bad value stops start-up naming its variable.
 */
export function readFieldMergingLimits(env: Env): FieldMergingLimits {
  return {
    maxSameNameFields: readPositiveInt(env, 'MAX_SAME_NAME_FIELDS', DEFAULT_FIELD_MERGING_LIMITS.maxSameNameFields),
    maxFields: readPositiveInt(env, 'MAX_FIELDS', DEFAULT_FIELD_MERGING_LIMITS.maxFields),
  };
}

/** The limits of a configuration, each one it leaves out at its default. */
export function fieldMergingLimits(config: Partial<FieldMergingLimits>): FieldMergingLimits {
  return {
    maxSameNameFields: config.maxSameNameFields ?? DEFAULT_FIELD_MERGING_LIMITS.maxSameNameFields,
    maxFields: config.maxFields ?? DEFAULT_FIELD_MERGING_LIMITS.maxFields,
  };
}
