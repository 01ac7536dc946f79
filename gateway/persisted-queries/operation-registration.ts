import {
  GraphQLError, Kind, parse, specifiedRules, validate, visit, type DocumentNode, type FragmentDefinitionNode, type GraphQLSchema,
  type OperationDefinitionNode, type ValidationRule,
} from 'graphql';
import { estimateCost } from '../limits/cost-estimate.js';
import type { RequestLimits } from '../limits/request-limits.js';
import { checkSourceLimits } from '../validation/source-limits.js';
import { tooExpensive } from '../validation/max-cost.js';
import { operationHash, type RegisteredOperation } from './persisted-query-registry.js';

// What `npm run persist` checks before it registers anything (issue 12, item 4): each operation of
// each file parses, validates against the supergraph's API schema with the gateway's own rules
// (gateway/composition/validation-rules.ts), and is within its limits (the raw text's tokens and
// nesting, and the estimated cost with the variables' defaults). A refusal names the file and the
// operation. At run time the same checks run again on every request, with its variables.

export interface RegistrationChecks {
  /** The API schema clients see. */
  schema: GraphQLSchema;
  limits: RequestLimits;
  /** The gateway's validation rules, after graphql's specified rules. */
  validationRules: readonly ValidationRule[];
}

export class RegistrationRefusal extends Error {
  override name = 'RegistrationRefusal';
  constructor(readonly file: string, readonly operation: string | undefined, reason: string) {
    super(`${file}${operation ? `, operation "${operation}"` : ''}: ${reason}`);
  }
}

/**
 * The operations of one file, each with the exact text a client sends and its SHA-256: the whole file
 * when it holds one operation (so its hash is the file's), else the operation's own text and that of
 * the fragments it uses, in the file's order, separated by a blank line. Throws a RegistrationRefusal.
 */
export function operationsOfFile(text: string, file: string, checks: RegistrationChecks): RegisteredOperation[] {
  // The parser recurses: the nesting limit first, so a hostile file cannot overflow the stack here either.
  const nesting = checkSourceLimits(text, { maxTokens: Number.MAX_SAFE_INTEGER, maxNesting: checks.limits.maxNesting });
  if (nesting) throw new RegistrationRefusal(file, undefined, located(nesting));
  let document: DocumentNode;
  try {
    document = parse(text);
  } catch (error) {
    throw new RegistrationRefusal(file, undefined, `does not parse: ${located(error as GraphQLError)}`);
  }
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (operations.length === 0) throw new RegistrationRefusal(file, undefined, 'holds no operation');
  const fragments = document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION);
  return operations.map((operation) => {
    const name = operation.name?.value;
    if (!name) throw new RegistrationRefusal(file, undefined, 'every operation must be named to be registered (the name shows in logs and metrics)');
    const body = operations.length === 1 ? text : ownText(text, operation, fragments);
    checkOperation(body, name, file, checks);
    return { id: operationHash(body), name, type: operation.operation, body };
  });
}

function checkOperation(body: string, name: string, file: string, { schema, limits, validationRules }: RegistrationChecks): void {
  const overLimit = checkSourceLimits(body, limits);
  if (overLimit) throw new RegistrationRefusal(file, name, located(overLimit));
  const document = parse(body, { maxTokens: limits.maxTokens });
  const errors = validate(schema, document, [...specifiedRules, ...validationRules]);
  if (errors.length > 0) throw new RegistrationRefusal(file, name, `does not validate against the supergraph: ${errors.map(located).join('; ')}`);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && d.name?.value === name);
  const cost = operation ? estimateCost(schema, document, operation, {}, limits) : 0;
  if (cost > limits.maxCost) throw new RegistrationRefusal(file, name, tooExpensive(cost, limits.maxCost, name).message);
}

/** The operation's text and that of every fragment it reaches, in the file's order. */
function ownText(text: string, operation: OperationDefinitionNode, fragments: readonly FragmentDefinitionNode[]): string {
  const byName = new Map(fragments.map((f) => [f.name.value, f]));
  const used = new Set<string>();
  const pending: (OperationDefinitionNode | FragmentDefinitionNode)[] = [operation];
  for (let node = pending.pop(); node; node = pending.pop()) {
    visit(node, {
      FragmentSpread(spread) {
        const fragment = byName.get(spread.name.value);
        if (fragment && !used.has(fragment.name.value)) {
          used.add(fragment.name.value);
          pending.push(fragment);
        }
      },
    });
  }
  const parts = [operation, ...fragments.filter((f) => used.has(f.name.value))].sort((a, b) => (a.loc?.start ?? 0) - (b.loc?.start ?? 0));
  return parts.map((p) => text.slice(p.loc?.start, p.loc?.end)).join('\n\n');
}

function located(error: GraphQLError): string {
  const at = error.locations?.[0];
  return at ? `${error.message} (line ${at.line}, column ${at.column})` : error.message;
}
