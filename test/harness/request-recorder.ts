import type { ApolloServerPlugin } from '@apollo/server';

export interface RecordedRequest {
  query: string;
  variables: Record<string, unknown>;
  /** HTTP headers as the subgraph received them, names in lower case (e.g. the forwarded principal). */
  headers: Record<string, string>;
}

/** Records every GraphQL request a subgraph receives, so tests can count and inspect them. */
export class RequestRecorder {
  readonly requests: RecordedRequest[] = [];

  plugin<T extends object>(): ApolloServerPlugin<T> {
    return {
      requestDidStart: async ({ request }) => {
        this.requests.push({
          query: request.query ?? '',
          variables: request.variables ?? {},
          headers: Object.fromEntries(request.http?.headers ?? []),
        });
      },
    };
  }

  entityRequests(): RecordedRequest[] {
    return this.requests.filter((r) => r.query.includes('_entities'));
  }

  clear(): void {
    this.requests.length = 0;
  }
}
