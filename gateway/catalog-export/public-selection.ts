import {
  getNamedType, parse, TypeInfo, validate, visit, visitWithTypeInfo, type DocumentNode, type GraphQLSchema,
} from 'graphql';
import type { AuthorizationPlan } from '../authz/authorization-plan.js';
import { requirementKey } from '../authz/requirements.js';

// "Public" is what the gateway's own authorization lets an anonymous caller see, not a list kept
// here: every field the export's operations select must carry no requirement in the authorization
// plan (ARCHITECTURE.md, "Authorization plan": a coordinate's requirements include its type's, its
// return type's and those of every implementation of an interface field).

export class CatalogExportSelectionError extends Error {
  override name = 'CatalogExportSelectionError';
}

/**
 * Whether the supergraph has the catalog index's listing (schema/catalog-index-contract.ts,
 * `datasets` returning a DatasetConnection) that the export reads. Without it (a supergraph of other
 * subgraphs) there is no catalog to export.
 */
export function hasCatalogListing(schema: GraphQLSchema): boolean {
  const listing = schema.getQueryType()?.getFields().datasets;
  return listing !== undefined && getNamedType(listing.type).name === 'DatasetConnection';
}

/** The schema coordinates (`Type.field`) an operation selects, in document order, each once. */
export function selectedCoordinates(schema: GraphQLSchema, operationText: string): string[] {
  const document = parseOperation(operationText);
  const errors = validate(schema, document);
  if (errors.length > 0) {
    throw new CatalogExportSelectionError(`the catalog export's operation does not fit the supergraph: ${errors.map((e) => e.message).join('; ')}`);
  }
  return coordinatesOf(schema, document);
}

/** The selected coordinates that the plan guards, each with what it requires; empty when all are public. */
export function guardedCoordinates(plan: AuthorizationPlan, coordinates: readonly string[]): string[] {
  return coordinates.flatMap((coordinate) => {
    const [type = '', field = ''] = coordinate.split('.');
    const requirements = plan.requirementsFor(type, field) ?? [];
    return requirements.length > 0 ? [`${coordinate} (${requirements.map(requirementKey).join(', ')})`] : [];
  });
}

/** Throws, naming each guarded field, unless every selected coordinate is public. */
export function assertPublicSelection(plan: AuthorizationPlan, coordinates: readonly string[]): void {
  const guarded = guardedCoordinates(plan, coordinates);
  if (guarded.length > 0) {
    throw new CatalogExportSelectionError(
      `the catalog export selects fields the supergraph guards, which it must never publish: ${guarded.join('; ')}`,
    );
  }
}

function parseOperation(text: string): DocumentNode {
  try {
    return parse(text);
  } catch (error) {
    throw new CatalogExportSelectionError(`the catalog export's operation does not parse: ${(error as Error).message}`);
  }
}

function coordinatesOf(schema: GraphQLSchema, document: DocumentNode): string[] {
  const typeInfo = new TypeInfo(schema);
  const seen = new Set<string>();
  visit(document, visitWithTypeInfo(typeInfo, {
    Field(node) {
      const parent = typeInfo.getParentType();
      if (!parent || node.name.value.startsWith('__')) return;
      seen.add(`${getNamedType(parent).name}.${node.name.value}`);
    },
  }));
  return [...seen];
}
