// The errors of one GraphQL answer as the soak counts them (timeline.ts RequestSample.errorCodes):
// each distinct extensions.code once, a subgraph's failure with the subgraph it names (and
// `/circuit-open` when the gateway did not even ask it), and a denial with its reason, so that "helix-therapeutics was down" and "the grants could not be read" show
// apart from a policy withholding a field.

interface GraphQLErrorShape {
  message?: unknown;
  extensions?: { code?: unknown; serviceName?: unknown; reason?: unknown };
}

export function answerErrorCodes(body: unknown): string[] {
  const errors = (body as { errors?: unknown } | null)?.errors;
  if (!Array.isArray(errors)) return [];
  const codes = new Set<string>();
  for (const error of errors as GraphQLErrorShape[]) {
    const extensions = error?.extensions ?? {};
    const code = typeof extensions.code === 'string' ? extensions.code : 'NO_CODE';
    // A subgraph refused by the gateway's open circuit (README "Subgraph resilience"), not asked at all.
    const circuit = typeof error?.message === 'string' && error.message.includes('(circuit open') ? '/circuit-open' : '';
    if (typeof extensions.serviceName === 'string') codes.add(`${code}@${extensions.serviceName}${circuit}`);
    else if (code === 'UNAUTHORIZED_FIELD_OR_TYPE' && typeof extensions.reason === 'string') codes.add(`${code}:${extensions.reason}`);
    else codes.add(code);
  }
  return [...codes].sort();
}

/** A request that got no answer, by the client library's error code (ECONNREFUSED, UND_ERR_HEADERS_TIMEOUT...). */
export function noAnswerCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return `NO_ANSWER:${typeof code === 'string' && /^[A-Z0-9_]+$/.test(code) ? code : 'OTHER'}`;
}
