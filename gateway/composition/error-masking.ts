import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from '../../runtime/logger.js';
import { ErrorCode } from '../../schema/error-codes.js';
import { formatClientError } from '../errors.js';

export interface ErrorMasking {
  includeStacktraceInErrorResponses: false;
  /** "Did you mean ...?" could name a field the caller may not see. */
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
      const shaped = formatClientError(formatted);
      if (shaped.extensions.code === ErrorCode.InternalServerError) logger.error({ err: error, formatted }, 'internal error');
      return shaped;
    },
  };
}
