import type { ApolloServerPlugin } from '@apollo/server';

/** Records every GraphQL request a subgraph receives, so tests can count and inspect them. */
export class RequestRecorder {
  readonly requests: { query: string; variables: Record<string, unknown> }[] = [];

  plugin<T extends object>(): ApolloServerPlugin<T> {
    return {
      requestDidStart: async ({ request }) => {
        this.requests.push({ query: request.query ?? '', variables: request.variables ?? {} });
      },
    };
  }

  entityRequests(): { query: string; variables: Record<string, unknown> }[] {
    return this.requests.filter((r) => r.query.includes('_entities'));
  }

  clear(): void {
    this.requests.length = 0;
  }
}
