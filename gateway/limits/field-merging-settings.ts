import { readPositiveInt, type Env } from '../../runtime/env.js';
import { DEFAULT_FIELD_MERGING_LIMITS, type FieldMergingLimits } from './field-merging-limits.js';

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
