import { GraphQLError, type GraphQLErrorExtensions } from 'graphql';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ErrorCode } from '../../schema/error-codes.js';
import { estimateCost, type CostSettings } from '../limits/cost-estimate.js';

/**
 * Refuses an operation whose estimated cost (gateway/limits/cost-estimate.ts) is over `maxCost`,
 * once it is validated and before it is planned (ARCHITECTURE.md, "Request path", step 3). Not a
 * validation rule because the sizes of lists may come from the variables, which validation does not
 * see; the error is the validation error all the other limits give, with HTTP 400.
 */
export function createMaxCostPlugin<TContext extends BaseContext>(maxCost: number, settings: CostSettings): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          const cost = estimateCost(schema, document, operation, request.variables, settings);
          if (cost > maxCost) throw tooExpensive(cost, maxCost, operation.name?.value);
        },
      };
    },
  };
}

export function tooExpensive(cost: number, maxCost: number, operationName: string | undefined): GraphQLError {
  const name = operationName ? `Operation "${operationName}"` : 'The operation';
  const shown = Number.isSafeInteger(cost) ? String(cost) : `more than ${Number.MAX_SAFE_INTEGER}`;
  return new GraphQLError(
    `${name} has an estimated cost of ${shown}; at most ${maxCost} is allowed. Every alias counts, and a list counts the items its "first" argument asks for: ask for fewer items or fields, or split the operation.`,
    { extensions: { code: ErrorCode.GraphQLValidationFailed, http: { status: 400 } } as unknown as GraphQLErrorExtensions },
  );
}
