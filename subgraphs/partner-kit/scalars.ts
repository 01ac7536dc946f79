import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

// ISO 8601 text in and out: catalogs store dates as strings, and clients compare them as such.
function isoScalar(name: string, pattern: RegExp, example: string): GraphQLScalarType {
  const check = (value: unknown): string => {
    if (typeof value !== 'string' || !pattern.test(value) || Number.isNaN(Date.parse(value))) {
      throw new GraphQLError(`${name} must be an ISO 8601 string such as ${example}`, {
        extensions: { code: 'BAD_USER_INPUT' },
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
        throw new GraphQLError(`${name} must be a string such as ${example}`, { extensions: { code: 'BAD_USER_INPUT' } });
      }
      return check(ast.value);
    },
  });
}

export const DateScalar = isoScalar('Date', /^\d{4}-\d{2}-\d{2}$/, '2024-03-01');
export const DateTimeScalar = isoScalar(
  'DateTime',
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/,
  '2024-03-01T12:00:00Z',
);
