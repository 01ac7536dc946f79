import {
  Kind, parse, print, GraphQLError,
  type ConstDirectiveNode, type ConstValueNode, type DefinitionNode, type DocumentNode, type FieldDefinitionNode, type InputValueDefinitionNode,
} from 'graphql';
import { readFederationLink, type FederationLink } from './federation-link.js';

// An SDL read into what the contract check compares: each named type with its kind, interfaces,
// fields, arguments, enum values and directives. Definitions and extensions of one type are merged
// (a stack may print `extend type Query`), descriptions are ignored, types are printed as written
// (`[String!]!`), and each directive carries the federation name it resolves to (federation-link.ts).

export type TypeKind = 'object' | 'interface' | 'enum' | 'scalar' | 'union' | 'input';

export interface DirectiveUse {
  /** As written in the SDL, e.g. "policy", "federation__policy", "myKey". */
  localName: string;
  /** The federation directive it is ("policy", "key"), or null for one outside federation. */
  federationName: string | null;
  args: ReadonlyMap<string, ConstValueNode>;
}

export interface ArgumentModel {
  name: string;
  type: string;
  /** Printed as GraphQL (`1000`, `"x"`), or null when there is none. */
  defaultValue: string | null;
  directives: DirectiveUse[];
}

export interface FieldModel {
  name: string;
  type: string;
  /** The named type below the list and non-null wrappers. */
  namedType: string;
  args: Map<string, ArgumentModel>;
  /** An input field's default, printed; null for output fields and input fields without one. */
  defaultValue: string | null;
  directives: DirectiveUse[];
}

export interface TypeModel {
  name: string;
  kind: TypeKind;
  interfaces: string[];
  directives: DirectiveUse[];
  /** Fields of objects and interfaces, and input fields of inputs (as fields without arguments). */
  fields: Map<string, FieldModel>;
  /** Enum values with their directives. */
  values: Map<string, DirectiveUse[]>;
  /** Union members. */
  members: string[];
}

export interface SdlModel {
  types: Map<string, TypeModel>;
  link: FederationLink | null;
}

/** An SDL that does not parse: the message says where. */
export class SdlSyntaxError extends Error {
  override name = 'SdlSyntaxError';
}

export function parseSdl(sdl: string): DocumentNode {
  try {
    return parse(sdl, { noLocation: false });
  } catch (error) {
    throw new SdlSyntaxError(error instanceof GraphQLError ? error.message : String(error));
  }
}

/** Federation's own definitions, which every stack prints in its own way and the contract leaves out. */
export function isFederationMachinery(typeName: string): boolean {
  return typeName.startsWith('_') || typeName.includes('__') || typeName === 'FieldSet';
}

/** The root fields every Federation subgraph serves for the router, outside the contract. */
export const FEDERATION_ROOT_FIELDS: ReadonlySet<string> = new Set(['_service', '_entities']);

export function sdlModel(document: DocumentNode): SdlModel {
  const link = readFederationLink(document);
  const types = new Map<string, TypeModel>();
  for (const definition of document.definitions) addDefinition(types, definition, link);
  return { types, link };
}

const KIND_OF: Partial<Record<Kind, TypeKind>> = {
  [Kind.OBJECT_TYPE_DEFINITION]: 'object', [Kind.OBJECT_TYPE_EXTENSION]: 'object',
  [Kind.INTERFACE_TYPE_DEFINITION]: 'interface', [Kind.INTERFACE_TYPE_EXTENSION]: 'interface',
  [Kind.ENUM_TYPE_DEFINITION]: 'enum', [Kind.ENUM_TYPE_EXTENSION]: 'enum',
  [Kind.SCALAR_TYPE_DEFINITION]: 'scalar', [Kind.SCALAR_TYPE_EXTENSION]: 'scalar',
  [Kind.UNION_TYPE_DEFINITION]: 'union', [Kind.UNION_TYPE_EXTENSION]: 'union',
  [Kind.INPUT_OBJECT_TYPE_DEFINITION]: 'input', [Kind.INPUT_OBJECT_TYPE_EXTENSION]: 'input',
};

function addDefinition(types: Map<string, TypeModel>, definition: DefinitionNode, link: FederationLink | null): void {
  const kind = KIND_OF[definition.kind];
  if (!kind || !('name' in definition) || !definition.name) return;
  const name = definition.name.value;
  const type: TypeModel = types.get(name) ?? {
    name, kind, interfaces: [], directives: [], fields: new Map(), values: new Map(), members: [],
  };
  types.set(name, type);
  const directives = 'directives' in definition ? (definition.directives ?? []) as readonly ConstDirectiveNode[] : [];
  type.directives.push(...directives.map((d) => directiveUse(d, link)));
  if ('interfaces' in definition) type.interfaces.push(...(definition.interfaces ?? []).map((i) => i.name.value));
  if ('types' in definition) type.members.push(...(definition.types ?? []).map((t) => t.name.value));
  if ('values' in definition) {
    for (const value of definition.values ?? []) type.values.set(value.name.value, (value.directives ?? []).map((d) => directiveUse(d, link)));
  }
  if ('fields' in definition) {
    for (const field of (definition.fields ?? []) as readonly (FieldDefinitionNode | InputValueDefinitionNode)[]) {
      type.fields.set(field.name.value, fieldModel(field, link));
    }
  }
}

function fieldModel(field: FieldDefinitionNode | InputValueDefinitionNode, link: FederationLink | null): FieldModel {
  const args = 'arguments' in field ? field.arguments ?? [] : [];
  return {
    name: field.name.value,
    type: print(field.type),
    namedType: print(field.type).replace(/[[\]!]/g, ''),
    args: new Map(args.map((a) => [a.name.value, {
      name: a.name.value,
      type: print(a.type),
      defaultValue: a.defaultValue ? print(a.defaultValue) : null,
      directives: (a.directives ?? []).map((d) => directiveUse(d, link)),
    }])),
    defaultValue: 'defaultValue' in field && field.defaultValue ? print(field.defaultValue) : null,
    directives: (field.directives ?? []).map((d) => directiveUse(d, link)),
  };
}

function directiveUse(directive: ConstDirectiveNode, link: FederationLink | null): DirectiveUse {
  const localName = directive.name.value;
  return {
    localName,
    federationName: link ? link.federationNameOf(localName) : null,
    args: new Map((directive.arguments ?? []).map((a) => [a.name.value, a.value])),
  };
}

/** `@name(arg: value, ...)` as the SDL would write it. */
export function printDirective(use: DirectiveUse, name = use.localName): string {
  const args = [...use.args].map(([arg, value]) => `${arg}: ${print(value)}`);
  return args.length > 0 ? `@${name}(${args.join(', ')})` : `@${name}`;
}

/** The directives of one federation name on an element. */
export function federationDirectives(directives: readonly DirectiveUse[], federationName: string): DirectiveUse[] {
  return directives.filter((d) => d.federationName === federationName);
}
