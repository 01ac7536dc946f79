import { Kind } from 'graphql';
import { federationDirectives, type DirectiveUse } from './sdl-model.js';

// An entity's `@key(fields: "...", resolvable: ...)`, read so that two spellings of one key compare
// equal: the field set with its white space collapsed, and `resolvable` true unless written false
// (Apollo Federation, "@key").

export interface EntityKey {
  fields: string;
  resolvable: boolean;
}

export function keysOf(directives: readonly DirectiveUse[]): EntityKey[] {
  return federationDirectives(directives, 'key').map((key) => {
    const fields = key.args.get('fields');
    const resolvable = key.args.get('resolvable');
    return {
      fields: fields?.kind === Kind.STRING ? normaliseFieldSet(fields.value) : '',
      resolvable: !(resolvable?.kind === Kind.BOOLEAN && !resolvable.value),
    };
  });
}

export function sameKey(a: EntityKey, b: EntityKey): boolean {
  return a.fields === b.fields && a.resolvable === b.resolvable;
}

export function printKey(key: EntityKey, localName = 'key'): string {
  return `@${localName}(fields: ${JSON.stringify(key.fields)}${key.resolvable ? '' : ', resolvable: false'})`;
}

function normaliseFieldSet(fields: string): string {
  return fields.replace(/\s*([{}])\s*/g, ' $1 ').replace(/\s+/g, ' ').trim();
}
