import { GUARD_KINDS } from './guards.js';
import type { DirectiveUse, FieldModel, SdlModel, TypeModel } from './sdl-model.js';

// The contract's public fields of a type, as a GraphQL selection: what the harvest and `_entities`
// must agree on for one dataset. Derived from schema/partner.graphql at run time, so a field the
// contract gains is compared with no change here. A field is left out when it, its type, or the same
// field on an interface or implementation carries a guard (the gateway decides those per caller,
// ARCHITECTURE.md "Authorization plan"), when it is @inaccessible, or when it needs an argument.

const LEAF_KINDS = new Set(['scalar', 'enum']);

export function publicSelection(contract: SdlModel, typeName: string): string {
  return selectionOf(contract, typeName, new Set([typeName])) ?? '__typename';
}

function selectionOf(contract: SdlModel, typeName: string, path: ReadonlySet<string>): string | null {
  const type = contract.types.get(typeName);
  if (!type) return null;
  if (type.kind === 'union') return '__typename';
  if (type.kind !== 'object' && type.kind !== 'interface') return null;
  const parts: string[] = [];
  for (const field of type.fields.values()) {
    if (!isPublic(contract, type, field)) continue;
    const target = contract.types.get(field.namedType);
    if (!target || LEAF_KINDS.has(target.kind)) {
      parts.push(field.name);
    } else if (!path.has(target.name)) {
      const inner = selectionOf(contract, target.name, new Set([...path, target.name]));
      if (inner) parts.push(`${field.name} { ${inner} }`);
    }
  }
  return parts.length > 0 ? parts.join(' ') : null;
}

function isPublic(contract: SdlModel, owner: TypeModel, field: FieldModel): boolean {
  if ([...field.args.values()].some((a) => a.type.endsWith('!') && a.defaultValue === null)) return false;
  if (hidden(field.directives) || hidden(contract.types.get(field.namedType)?.directives ?? [])) return false;
  return relatives(contract, owner).every((other) => !hidden(other.fields.get(field.name)?.directives ?? []));
}

/** The interfaces a type implements, and the implementations of an interface. */
function relatives(contract: SdlModel, type: TypeModel): TypeModel[] {
  return [...contract.types.values()].filter((t) => type.interfaces.includes(t.name) || t.interfaces.includes(type.name));
}

const HIDING = new Set<string>([...GUARD_KINDS, 'inaccessible']);

function hidden(directives: readonly DirectiveUse[]): boolean {
  return directives.some((d) => d.federationName !== null && HIDING.has(d.federationName));
}
