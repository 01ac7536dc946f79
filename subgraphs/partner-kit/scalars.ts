import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { ErrorCode } from '../../schema/error-codes.js';
import { isCalendarDate } from '../../schema/vocabulary.js';

// ISO 8601 text in and out: catalogs store dates as strings, and clients compare them as such.
function isoScalar(name: string, valid: (text: string) => boolean, example: string): GraphQLScalarType {
  const check = (value: unknown): string => {
    if (typeof value !== 'string' || !valid(value)) {
      throw new GraphQLError(`${name} must be an ISO 8601 string such as ${example}`, {
        extensions: { code: ErrorCode.BadUserInput },
      });
    }
    return value;
  };
  return new GraphQLScalarType({
    name,
    serialize: check,
    parseValue: check,
    parseLiteral(ast) {
      if (ast.kind !== Kind.STRING) {
        throw new GraphQLError(`${name} must be a string such as ${example}`, { extensions: { code: ErrorCode.BadUserInput } });
      }
      return check(ast.value);
    },
  });
}

const DATE_TIME_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** The contract's calendar date: a date that does not exist (2025-02-30) is refused, not rolled over. */
export const DateScalar = isoScalar('Date', isCalendarDate, '2024-03-01');
export const DateTimeScalar = isoScalar(
  'DateTime',
  (text) => DATE_TIME_PATTERN.test(text) && !Number.isNaN(Date.parse(text)),
  '2024-03-01T12:00:00Z',
);
