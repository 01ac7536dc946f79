import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from '../../runtime/logger.js';
import { ErrorCode } from '../../schema/error-codes.js';
import { formatClientError } from '../errors.js';

export interface ErrorMasking {
  includeStacktraceInErrorResponses: false;
  /** "Did you mean ...?" could name a field the caller may not see (validation errors; the rest below). */
  hideSchemaDetailsFromClientErrors: true;
  formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError;
}

/**
 * Apollo Server's error options: every error leaves with a code from the one enum, unknown ones as
 * INTERNAL_SERVER_ERROR with a fixed message and the detail in the log (ARCHITECTURE.md, "Errors").
 */
export function createErrorMasking(logger: Logger): ErrorMasking {
  return {
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: true,
    formatError: (formatted, error) => {
      const shaped = formatClientError({ ...formatted, message: withoutSuggestions(formatted.message) });
      if (shaped.extensions.code === ErrorCode.InternalServerError) logger.error({ err: error, formatted }, 'internal error');
      return shaped;
    },
  };
}

/**
 * graphql-js suggests names in more places than Apollo Server's option strips: a variable's enum
 * value or input field ("Variable "$s" got invalid value ...; ... Did you mean the enum value
 * "RELEVANCE"?") is coerced after validation (issue 12). Names are letters, digits and underscores,
 * so a suggestion ends at the first question mark.
 */
export function withoutSuggestions(message: string): string {
  return message.replace(/ ?Did you mean [^?]*\?/g, '');
}
