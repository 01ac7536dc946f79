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
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
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
