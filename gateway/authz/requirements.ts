// What a schema element demands of a request, as Federation's security directives state it
// (Apollo Federation directives reference: @authenticated, @requiresScopes, @policy).
// Each outer list is OR, each inner list AND: [["a", "b"], ["c"]] means (a and b) or c.

export type Requirement =
  | { kind: 'authenticated' }
  | { kind: 'requiresScopes'; anyOf: readonly (readonly string[])[] }
  | { kind: 'policy'; anyOf: readonly (readonly string[])[] };

/** A field's requirements, all of which must hold (authorization-plan.ts says where they come from). */
export type FieldRequirements = readonly Requirement[];

export function requirementKey(requirement: Requirement): string {
  return requirement.kind === 'authenticated'
    ? 'authenticated'
    : `${requirement.kind}:${JSON.stringify(requirement.anyOf)}`;
}

export function policyNames(requirements: FieldRequirements): string[] {
  return [...new Set(requirements.flatMap((r) => (r.kind === 'policy' ? r.anyOf.flat() : [])))];
}
