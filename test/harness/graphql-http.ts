import { signRequestBody } from '../../runtime/subgraph-protocol/request-signing.js';

export interface GraphQLResponse<TData = Record<string, unknown>> {
  status: number;
  body: {
    data?: TData | null;
    errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
  };
  text: string;
}

/** POSTs one GraphQL request the way an analytics tool would. */
export async function postGraphQL<TData = Record<string, any>>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<TData>> {
  const payload = JSON.stringify({ query, variables });
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: payload,
  });
  const text = await response.text();
  let body: GraphQLResponse<TData>['body'];
  try {
    body = JSON.parse(text) as GraphQLResponse<TData>['body'];
  } catch {
    body = {};
  }
  return { status: response.status, body, text };
}

/** As the gateway calls a subgraph: the body signed with the shared secret. */
export function postSignedGraphQL<TData = Record<string, any>>(
  url: string,
  secret: string,
  query: string,
  variables?: Record<string, unknown>,
): Promise<GraphQLResponse<TData>> {
  const signature = signRequestBody(secret, JSON.stringify({ query, variables }));
  return postGraphQL<TData>(url, query, variables, { ...signature });
}
