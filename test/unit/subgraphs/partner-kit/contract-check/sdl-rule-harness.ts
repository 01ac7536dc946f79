import { buildSubgraphSchema } from '@apollo/subgraph';
import {
  graphqlSync, parse, parseType, print, visit,
  type ConstDirectiveNode, type DefinitionNode, type DocumentNode, type EnumTypeDefinitionNode, type FieldDefinitionNode, type ScalarTypeDefinitionNode,
} from 'graphql';
import { readFederationManifest } from '../../../../../schema/federation-manifest.js';
import { datasetTypeNameFor, partnerTypeDefs } from '../../../../../schema/partner-contract.js';
import { isSkipped, type Finding } from '../../../../../subgraphs/partner-kit/contract-check/finding.js';
import type { SdlContext, SdlRule } from '../../../../../subgraphs/partner-kit/contract-check/rule.js';
import { sdlModel } from '../../../../../subgraphs/partner-kit/contract-check/sdl-model.js';

// The shared harness of the SDL rules' table tests, as graphql-js tests its validation rules: each
// row takes the real contract for one partner (schema/partner.graphql, renamed), makes one edit to
// the partner's copy, and lists what the rule must find. Edits work on the parsed SDL, so rows keep
// their meaning as the contract gains fields.

export const PARTNER = 'acme-labs';
export const ENTITY = datasetTypeNameFor(PARTNER);

export type Edit = (document: DocumentNode) => DocumentNode;

export const unchanged: Edit = (document) => document;

/** The contract as a Federation library serves it: `_service { sdl }` of @apollo/subgraph's schema. */
export const asServedByApolloSubgraph: Edit = (document) => {
  const result = graphqlSync({ schema: buildSubgraphSchema({ typeDefs: document }), source: '{ _service { sdl } }' });
  return parse((result.data as { _service: { sdl: string } })._service.sdl);
};

export function chain(...edits: Edit[]): Edit {
  return (document) => edits.reduce((current, edit) => edit(current), document);
}

/** A type definition, loosely typed so that rows can change any of its parts. */
export type TypeNode = DefinitionNode & { name: { value: string }; directives?: readonly ConstDirectiveNode[]; fields?: readonly FieldDefinitionNode[] };

/** `change` applied to the named type's definition; null removes it. */
export function onType(name: string, change: (node: TypeNode) => object | null): Edit {
  return (document) => ({
    ...document,
    definitions: document.definitions.flatMap((d) => {
      if (!('name' in d) || d.name?.value !== name) return [d];
      const changed = change(d as TypeNode);
      return changed === null ? [] : [changed as DefinitionNode];
    }),
  });
}

/** `change` applied to the field at `Type.field`; null removes it. */
export function onField(coordinate: string, change: (field: FieldDefinitionNode) => FieldDefinitionNode | null): Edit {
  const [typeName, fieldName] = coordinate.split('.') as [string, string];
  return onType(typeName, (node) => ({
    ...node,
    fields: (node.fields ?? []).flatMap((f) => (f.name.value === fieldName ? [change(f)].filter((n): n is FieldDefinitionNode => n !== null) : [f])),
  }));
}

export function dropEnumValue(typeName: string, value: string): Edit {
  return onType(typeName, (node) => ({ ...node, values: (node as EnumTypeDefinitionNode).values?.filter((v) => v.name.value !== value) }));
}

export function directive(text: string): ConstDirectiveNode {
  const [definition] = parse(`scalar Placeholder ${text}`).definitions as [ScalarTypeDefinitionNode];
  return definition.directives![0]!;
}

/** Drops the directives of that name (as written) from a type or a field (`Type` or `Type.field`). */
export function dropDirective(coordinate: string, name: string): Edit {
  const keep = (directives: readonly ConstDirectiveNode[] | undefined) => (directives ?? []).filter((d) => d.name.value !== name);
  return coordinate.includes('.')
    ? onField(coordinate, (f) => ({ ...f, directives: keep(f.directives) }))
    : onType(coordinate, (node) => ({ ...node, directives: keep(node.directives) }));
}

export function addDirective(coordinate: string, text: string): Edit {
  const add = (directives: readonly ConstDirectiveNode[] | undefined) => [...(directives ?? []), directive(text)];
  return coordinate.includes('.')
    ? onField(coordinate, (f) => ({ ...f, directives: add(f.directives) }))
    : onType(coordinate, (node) => ({ ...node, directives: add(node.directives) }));
}

export function setFieldType(coordinate: string, type: string): Edit {
  return onField(coordinate, (f) => ({ ...f, type: parseType(type) }));
}

/** Adds definitions written as SDL. */
export function addSdl(text: string): Edit {
  return (document) => ({ ...document, definitions: [...document.definitions, ...parse(text).definitions] });
}

export function renameType(from: string, to: string): Edit {
  return (document) => visit(document, { Name: (node) => (node.value === from ? { ...node, value: to } : undefined) });
}

/** Rewrites the federation @link: its url's version, its import list, or its `as`. */
export function relink(change: { version?: string; imports?: string; as?: string } | null): Edit {
  return (document) => visit(document, {
    SchemaExtension(node) {
      if (change === null) return null;
      const link = node.directives?.find((d) => d.name.value === 'link');
      if (!link) return undefined;
      const url = `https://specs.apollo.dev/federation/v${change.version ?? '2.9'}`;
      const imports = change.imports ?? print(link.arguments!.find((a) => a.name.value === 'import')!.value);
      return { ...node, directives: [directive(`@link(url: "${url}", import: ${imports}${change.as ? `, as: "${change.as}"` : ''})`)] };
    },
  });
}

export function contextFor(edit: Edit, partnerId = PARTNER): SdlContext {
  const contract = partnerTypeDefs(partnerId);
  // Printed and parsed again, as it travels: the rules must not depend on the edit's AST.
  const partnerDocument = parse(print(edit(contract)));
  return {
    partnerId, entityType: datasetTypeNameFor(partnerId), contract: sdlModel(contract), partner: sdlModel(partnerDocument),
    partnerDocument, manifest: readFederationManifest(),
  };
}

/** Each finding as [severity, where, expected, found]: what a row states; fixes are checked where they matter. */
export function findingsOf(rule: SdlRule, edit: Edit): [Finding['severity'], string, string, string][] {
  const outcome = rule.check(contextFor(edit));
  if (isSkipped(outcome)) throw new Error(`skipped: ${outcome.skipped}`);
  return outcome.map((f) => [f.severity, f.where, f.expected, f.found]);
}

export function fixesOf(rule: SdlRule, edit: Edit): string[] {
  const outcome = rule.check(contextFor(edit));
  return isSkipped(outcome) ? [] : outcome.map((f) => f.fix);
}
