// The reference second pass: the gateway's former graphql-js execute pass, kept as it was so that
// test/unit/gateway/authz/second-pass-equivalence.test.ts can hold the walk of gateway/authz to its
// results. Not used by the gateway; change it only to keep it the reference.

import { buildASTSchema, isObjectType, parse, printSchema, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { applyMiddleware, type IMiddlewareGenerator, type IMiddlewareTypeMap } from 'graphql-middleware';
import { allow, rule, shield, type IRules } from 'graphql-shield';
import type { DatasetFacts } from '../../../schema/policy/facts.js';
import { decideAlternatives, type Alternatives } from '../../../schema/policy/policy-alternatives.js';
import type { AuthorizationPlan } from '../../../gateway/authz/authorization-plan.js';
import type { AuthorizationPolicies } from '../../../gateway/authz/authorization-policies.js';
import { perEntityAlternatives } from '../../../gateway/authz/field-decision.js';
import type { ShapingContext } from './shaping-context.js';
import { unauthorizedFieldAt } from './unauthorized-field.js';

/**
 * The schema the second pass executes against: the API schema's types, every field resolved by
 * response key from what the query plan fetched (so aliases work), wrapped by graphql-shield whose
 * rules are the named policies of each @policy field (ARCHITECTURE.md "Per-entity decisions").
 */
export function buildShapingSchema(apiSchema: GraphQLSchema, plan: AuthorizationPlan, policies: AuthorizationPolicies): GraphQLSchema {
  // A resolver-free copy: @apollo/gateway attaches resolvers of its own to the API schema.
  const schema = buildASTSchema(parse(printSchema(apiSchema)), { assumeValidSDL: true });
  const rules: Record<string, Record<string, ReturnType<ReturnType<typeof rule>>>> = {};
  const resolver = resolveByResponseKey();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      field.resolve = resolver;
      const alternatives = perEntityAlternatives(plan.requirementsFor(type.name, field.name) ?? [], policies.named);
      // None enforceable: every occurrence was denied before planning, and its resolver throws that
      // static denial (a rule here would run first and replace it with NO_GOVERNANCE_FACTS).
      if (alternatives && alternatives.length > 0) (rules[type.name] ??= {})[field.name] = entityPolicyRule(alternatives);
    }
  }
  const generator = shield(rules as IRules, {
    fallbackRule: allow,
    // Our resolvers throw only denials, which must reach the client as they are.
    allowExternalErrors: true,
    // A rule that throws denies the field and is logged; it never allows (ARCHITECTURE.md "Per-entity decisions").
    fallbackError: (thrown, _parent, _args, context, info) => {
      const ctx = context as unknown as ShapingContext;
      ctx.logger.error({ err: thrown, field: `${info.parentType.name}.${info.fieldName}`, policyVersion: ctx.policies.version }, 'policy rule failed; field denied');
      // Named after the field's first policy, as the gateway names every denial no rule made.
      const alternatives = perEntityAlternatives(plan.requirementsFor(info.parentType.name, info.fieldName) ?? [], policies.named) ?? [];
      return unauthorizedFieldAt(info, { policy: alternatives[0]?.[0] ?? 'policy', reason: 'POLICY_ERROR' });
    },
  });
  // graphql-shield wraps every field, the fallback (allow) ones too, in an async middleware; keeping
  // only the wrappers of fields with a rule gives the same decisions without an await per field
  // (measured on a page of 50 datasets with guarded fields: most of the second pass's time).
  const generated = (generator as IMiddlewareGenerator<unknown, unknown, unknown>).generate(schema) as Record<string, Record<string, unknown>>;
  const ruled: Record<string, Record<string, unknown>> = {};
  for (const [typeName, fields] of Object.entries(rules)) {
    for (const fieldName of Object.keys(fields)) {
      const wrapper = generated[typeName]?.[fieldName];
      if (!wrapper) throw new Error(`graphql-shield produced no middleware for ${typeName}.${fieldName}`);
      (ruled[typeName] ??= {})[fieldName] = wrapper;
    }
  }
  return applyMiddleware(schema, ruled as IMiddlewareTypeMap);
}

function resolveByResponseKey(): GraphQLFieldResolver<unknown, ShapingContext> {
  return (source, _args, context, info) => {
    for (const node of info.fieldNodes) {
      const denial = context.denials.get(node);
      if (denial) throw unauthorizedFieldAt(info, denial);
    }
    if (source === null || typeof source !== 'object') return undefined;
    const value = (source as Record<string, unknown>)[info.path.key as string];
    const facts = factsFor(source, context);
    if (facts) passDown(value, facts, context);
    return value;
  };
}

// An object's facts are its own when it is a governed entity, else those passed down to it.
// Fields of one object resolve concurrently, so whichever asks first records them.
function factsFor(object: object, context: ShapingContext): DatasetFacts | undefined {
  let facts = context.factsOf.get(object);
  if (!facts && !context.unreadable.has(object)) {
    facts = context.policies.facts?.read(object as Record<string, unknown>) ?? undefined;
    if (facts) context.factsOf.set(object, facts);
  }
  return facts;
}

// Children inherit the facts of their nearest governed ancestor (a Distribution those of its
// Dataset), refined by what they carry themselves (a Distribution's own licence). A child whose own
// facts cannot be read gets none, and every policy below it denies.
function passDown(value: unknown, facts: DatasetFacts, context: ShapingContext): void {
  if (Array.isArray(value)) {
    for (const item of value) passDown(item, facts, context);
  } else if (value !== null && typeof value === 'object' && !context.factsOf.has(value) && !context.unreadable.has(value)) {
    const record = value as Record<string, unknown>;
    // A governed entity below another (a dataset reached from a dataset) has facts of its own.
    const refined = context.policies.facts?.read(record) ?? context.policies.facts?.refine(facts, record) ?? facts;
    if (refined) context.factsOf.set(value, refined);
    else context.unreadable.add(value);
  }
}

function entityPolicyRule(alternatives: Alternatives) {
  return rule({ cache: 'no_cache' })(async (parent: unknown, _args, context: ShapingContext, info) => {
    const coordinate = `${info.parentType.name}.${info.fieldName}`;
    const facts = parent !== null && typeof parent === 'object' ? factsFor(parent, context) : undefined;
    if (!facts) {
      // No governed ancestor in the response: nothing to decide on, so deny (fail closed).
      context.decisions.push({ coordinate, datasetId: null, outcome: 'deny', reason: 'NO_GOVERNANCE_FACTS' });
      return unauthorizedFieldAt(info, { policy: alternatives[0]?.[0] ?? 'policy', reason: 'NO_GOVERNANCE_FACTS' });
    }
    const result = decideAlternatives(alternatives, {
      principal: context.principal, facts, grants: await context.grants(), now: context.now,
    }, context.policies.named);
    if (result.allow) {
      context.decisions.push({ coordinate, datasetId: facts.datasetId, outcome: 'allow' });
      return true;
    }
    const { policy, decision } = result;
    if (context.entityDenials === 'log-only') {
      context.decisions.push({ coordinate, datasetId: facts.datasetId, outcome: 'would-deny', reason: decision.reason, policy });
      return true;
    }
    context.decisions.push({ coordinate, datasetId: facts.datasetId, outcome: 'deny', reason: decision.reason, policy });
    return unauthorizedFieldAt(info, {
      policy, reason: decision.reason, ...(decision.obtainAccess ? { obtainAccess: decision.obtainAccess } : {}),
    });
  });
}
