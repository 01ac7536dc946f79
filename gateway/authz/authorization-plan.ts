import {
  Kind, parse, print, visit,
  type ConstDirectiveNode, type ConstValueNode, type DocumentNode, type TypeNode,
} from 'graphql';
import {
  linkedSecurityFeatures, UnenforceableSupergraphError, type LinkedSecurityFeature,
} from '../supergraph/security-features.js';
import { requirementKey, type FieldRequirements, type Requirement } from './requirements.js';

/**
 * Which fields of the API demand what: built once per supergraph (ARCHITECTURE.md "Authorization plan").
 * Keys are schema coordinates, "Type.field" (GraphQL schema coordinates RFC).
 */
export class AuthorizationPlan {
  constructor(
    private readonly fields: ReadonlyMap<string, FieldRequirements>,
    readonly policyNames: ReadonlySet<string>,
  ) {}

  requirementsFor(typeName: string, fieldName: string): FieldRequirements | undefined {
    return this.fields.get(`${typeName}.${fieldName}`);
  }

  get guardedFieldCount(): number {
    return this.fields.size;
  }

  coordinates(): string[] {
    return [...this.fields.keys()].sort();
  }
}

export interface PreparedSupergraph {
  plan: AuthorizationPlan;
  /** The supergraph without the security features, for @apollo/gateway, which cannot enforce them. */
  executableSupergraphSdl: string;
}

/** Reads the security directives into a plan and strips them; throws if either is impossible. */
export function prepareSupergraph(supergraphSdl: string): PreparedSupergraph {
  let document: DocumentNode;
  try {
    document = parse(supergraphSdl);
  } catch (error) {
    throw new UnenforceableSupergraphError(`the supergraph is not valid SDL: ${(error as Error).message}`);
  }
  const features = linkedSecurityFeatures(document);
  const plan = buildPlan(document, features);
  return { plan, executableSupergraphSdl: print(stripFeatures(document, features)) };
}

function buildPlan(document: DocumentNode, features: readonly LinkedSecurityFeature[]): AuthorizationPlan {
  const byDirectiveName = new Map(features.map((f) => [f.directiveName, f]));
  const fieldDirectives = new Map<string, Requirement[]>();
  const typeDirectives = new Map<string, Requirement[]>();
  const fieldReturnTypes = new Map<string, string>();
  const fieldsOf = new Map<string, string[]>();
  const declaredInterfaces = new Map<string, string[]>();

  const read = (directives: readonly ConstDirectiveNode[] | undefined, where: string): Requirement[] =>
    (directives ?? []).flatMap((d) => {
      const feature = byDirectiveName.get(d.name.value);
      return feature ? [toRequirement(feature, d, where)] : [];
    });

  for (const definition of document.definitions) {
    switch (definition.kind) {
      case Kind.OBJECT_TYPE_DEFINITION:
      case Kind.INTERFACE_TYPE_DEFINITION: {
        const typeName = definition.name.value;
        declaredInterfaces.set(typeName, (definition.interfaces ?? []).map((i) => i.name.value));
        addAll(typeDirectives, typeName, read(definition.directives, typeName));
        const fieldNames: string[] = [];
        for (const field of definition.fields ?? []) {
          const coordinate = `${typeName}.${field.name.value}`;
          fieldNames.push(field.name.value);
          fieldReturnTypes.set(coordinate, namedType(field.type));
          addAll(fieldDirectives, coordinate, read(field.directives, coordinate));
        }
        fieldsOf.set(typeName, fieldNames);
        break;
      }
      case Kind.SCALAR_TYPE_DEFINITION:
      case Kind.ENUM_TYPE_DEFINITION:
      case Kind.UNION_TYPE_DEFINITION:
        addAll(typeDirectives, definition.name.value, read(definition.directives, definition.name.value));
        break;
      default:
        if ('directives' in definition && read(definition.directives as readonly ConstDirectiveNode[], definition.kind).length > 0) {
          throw new UnenforceableSupergraphError(`a security directive stands on a ${definition.kind}, where Concord cannot enforce it`);
        }
    }
  }

  // Every interface a type implements, directly or through another interface (GraphQL spec,
  // "Interfaces Implementing Interfaces"). A hand-written supergraph may leave the transitive ones
  // undeclared; they count all the same.
  const ancestors = new Map<string, string[]>();
  for (const typeName of declaredInterfaces.keys()) {
    const found = new Set<string>();
    const pending = [...(declaredInterfaces.get(typeName) ?? [])];
    for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
      if (next === typeName || found.has(next)) continue;
      found.add(next);
      pending.push(...(declaredInterfaces.get(next) ?? []));
    }
    ancestors.set(typeName, [...found]);
  }

  // A guarded type guards every value of it: its own fields (a union member or an entity can be
  // reached without passing through a field that returns it by name), every field that returns it,
  // and so a guarded interface guards each of its implementations.
  const guardsOf = (typeName: string): Requirement[] => [
    ...(typeDirectives.get(typeName) ?? []),
    ...(ancestors.get(typeName) ?? []).flatMap((i) => typeDirectives.get(i) ?? []),
  ];
  const declared = (coordinate: string, typeName: string): Requirement[] => [
    ...guardsOf(typeName),
    ...(fieldDirectives.get(coordinate) ?? []),
    ...guardsOf(fieldReturnTypes.get(coordinate) ?? ''),
  ];

  // A field demands what it declares and what the same field declares on every interface its type
  // implements: otherwise `... on Implementation { field }` would read what the interface guards,
  // and a per-entity decision, made for the runtime type, would skip the interface's @policy.
  const inherited = new Map<string, Requirement[]>();
  for (const [typeName, fieldNames] of fieldsOf) {
    for (const fieldName of fieldNames) {
      const coordinate = `${typeName}.${fieldName}`;
      inherited.set(coordinate, [
        ...declared(coordinate, typeName),
        ...(ancestors.get(typeName) ?? [])
          .filter((i) => fieldReturnTypes.has(`${i}.${fieldName}`))
          .flatMap((i) => declared(`${i}.${fieldName}`, i)),
      ]);
    }
  }

  // An interface field also demands what any implementation's field demands, since the runtime
  // type is not known before execution (ARCHITECTURE.md "Authorization plan"). All requirements
  // of one coordinate must hold.
  const effective = new Map<string, Requirement[]>();
  for (const [coordinate, requirements] of inherited) addAll(effective, coordinate, requirements);
  for (const [typeName, fieldNames] of fieldsOf) {
    for (const interfaceName of ancestors.get(typeName) ?? []) {
      for (const fieldName of fieldNames) {
        const interfaceField = `${interfaceName}.${fieldName}`;
        if (fieldReturnTypes.has(interfaceField)) addAll(effective, interfaceField, inherited.get(`${typeName}.${fieldName}`) ?? []);
      }
    }
  }
  const fields = new Map<string, FieldRequirements>();
  for (const [coordinate, requirements] of effective) fields.set(coordinate, dedupe(requirements));
  const policies = new Set([...fields.values()].flat().flatMap((r) => (r.kind === 'policy' ? r.anyOf.flat() : [])));
  return new AuthorizationPlan(fields, policies);
}

function toRequirement(feature: LinkedSecurityFeature, directive: ConstDirectiveNode, where: string): Requirement {
  if (feature.feature === 'authenticated') return { kind: 'authenticated' };
  const argumentName = feature.feature === 'requiresScopes' ? 'scopes' : 'policies';
  const value = directive.arguments?.find((a) => a.name.value === argumentName)?.value;
  const anyOf = value ? nestedStrings(value) : undefined;
  if (!anyOf || anyOf.length === 0 || anyOf.some((group) => group.length === 0)) {
    throw new UnenforceableSupergraphError(
      `cannot read @${directive.name.value}(${argumentName}: ...) on ${where}: expected a non-empty list of non-empty lists of strings`,
    );
  }
  return { kind: feature.feature, anyOf };
}

function nestedStrings(value: ConstValueNode): string[][] | undefined {
  if (value.kind !== Kind.LIST) return undefined;
  const groups: string[][] = [];
  for (const group of value.values) {
    if (group.kind !== Kind.LIST) return undefined;
    const names: string[] = [];
    for (const item of group.values) {
      if (item.kind !== Kind.STRING) return undefined;
      names.push(item.value);
    }
    groups.push(names);
  }
  return groups;
}

function namedType(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type);
}

function addAll(map: Map<string, Requirement[]>, key: string, values: Requirement[]): void {
  if (values.length > 0) map.set(key, [...(map.get(key) ?? []), ...values]);
}

function dedupe(requirements: Requirement[]): Requirement[] {
  const seen = new Map(requirements.map((r) => [requirementKey(r), r]));
  return [...seen.values()];
}

function stripFeatures(document: DocumentNode, features: readonly LinkedSecurityFeature[]): DocumentNode {
  const links = new Set<unknown>(features.map((f) => f.node));
  const directiveNames = new Set(features.map((f) => f.directiveName));
  const namespaces = features.map((f) => `${f.namespace}__`);
  const stripped = visit(document, {
    Directive(node) {
      if (links.has(node) || directiveNames.has(node.name.value)) return null;
      return undefined;
    },
    DirectiveDefinition(node) {
      return directiveNames.has(node.name.value) ? null : undefined;
    },
    ScalarTypeDefinition(node) {
      return namespaces.some((ns) => node.name.value.startsWith(ns)) ? null : undefined;
    },
  });
  // Fail closed: should any usage survive (it cannot, by the visitor above), refuse the supergraph
  // rather than hand @apollo/gateway a directive it would silently ignore.
  let survivor: string | undefined;
  visit(stripped, {
    Directive(node) {
      if (directiveNames.has(node.name.value)) survivor = node.name.value;
    },
  });
  if (survivor) throw new UnenforceableSupergraphError(`could not remove @${survivor} from the supergraph`);
  return stripped;
}
