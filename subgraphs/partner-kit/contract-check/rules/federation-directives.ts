import { print } from 'graphql';
import { failure, warning, type Finding } from '../finding.js';
import { keysOf, sameKey } from '../federation-keys.js';
import { GUARD_KINDS } from '../guards.js';
import { printDirective, type DirectiveUse, type SdlModel, type TypeModel } from '../sdl-model.js';
import { coordinate, type SdlRule } from '../rule.js';

// Federation's own directives on the contract's elements, other than the guards (guard-directives)
// and the entity's key (entity-type): `@shareable` where every partner serves the same type,
// `@inaccessible` where the contract keeps an element out of the federated API, and any other the
// contract writes. The partner must write each of them; of those the contract does not write,
// `@inaccessible`, `@override` and `@external` change what the federation serves and are failures,
// the others warnings. A type's `@shareable` counts for each of its fields (Apollo Federation,
// "@shareable"), so it may be written on the type or on every field alike.

const NOT_HERE = new Set<string>([...GUARD_KINDS, 'link']);

const WHY_NEEDED: Record<string, string> = {
  shareable: 'every partner serves it, and composition refuses a field several subgraphs resolve unless each marks it shareable',
  inaccessible: 'the contract keeps it out of the federated API, for Concord\'s own signed calls only',
  key: 'the gateway fetches entities by their key',
};

const WHY_REFUSED: Record<string, string> = {
  inaccessible: 'it would take a contract element out of the federated API',
  override: 'it would take the element away from the subgraph that serves it',
  external: 'it says your subgraph does not resolve an element the contract asks you to serve',
};

interface Element {
  where: string;
  expected: readonly DirectiveUse[];
  found: readonly DirectiveUse[];
}

export const federationDirectives: SdlRule = {
  id: 'federation-directives',
  title: 'the contract\'s @shareable, @inaccessible and other Federation directives, and none that hide or take over its elements',
  check({ contract, partner, entityType }) {
    return [...elementsOf(contract, partner, entityType)].flatMap((element) => compareElement(element, partner));
  },
};

function* elementsOf(contract: SdlModel, partner: SdlModel, entityType: string): Generator<Element> {
  for (const expected of contract.types.values()) {
    const found = partner.types.get(expected.name);
    if (!found) continue;
    const typeLevel = (directives: readonly DirectiveUse[]) => directives.filter((d) => d.federationName !== 'shareable'
      && !(expected.name === entityType && d.federationName === 'key'));
    yield { where: expected.name, expected: typeLevel(expected.directives), found: typeLevel(found.directives) };
    for (const field of expected.fields.values()) {
      const foundField = found.fields.get(field.name);
      if (!foundField) continue;
      const where = coordinate(expected.name, field.name);
      yield { where, expected: withTypeShareable(expected, field.directives), found: withTypeShareable(found, foundField.directives) };
      for (const argument of field.args.values()) {
        const foundArgument = foundField.args.get(argument.name);
        if (foundArgument) yield { where: coordinate(expected.name, field.name, argument.name), expected: argument.directives, found: foundArgument.directives };
      }
    }
    for (const [value, directives] of expected.values) {
      const foundValue = found.values.get(value);
      if (foundValue) yield { where: `${expected.name}.${value}`, expected: directives, found: foundValue };
    }
  }
}

/** A field's directives, with its object type's @shareable counted as its own. */
function withTypeShareable(type: TypeModel, directives: readonly DirectiveUse[]): DirectiveUse[] {
  const shareable = type.directives.find((d) => d.federationName === 'shareable');
  const own = directives.some((d) => d.federationName === 'shareable');
  return shareable && !own && type.kind === 'object' ? [...directives, shareable] : [...directives];
}

function compareElement(element: Element, partner: SdlModel): Finding[] {
  const federation = (list: readonly DirectiveUse[]) => list.filter((d) => d.federationName !== null && !NOT_HERE.has(d.federationName));
  const expected = federation(element.expected);
  const found = federation(element.found);
  const findings: Finding[] = [];
  for (const directive of expected) {
    if (found.some((d) => sameDirective(d, directive))) continue;
    const name = directive.federationName!;
    const localName = partner.link?.importedNameOf(name) ?? name;
    const written = printDirective(directive, localName);
    const sameName = found.filter((d) => d.federationName === name);
    findings.push(failure({
      where: element.where,
      expected: printDirective(directive, name),
      found: sameName.length > 0 ? sameName.map((d) => printDirective(d, name)).join(' ') : `no @${name}`,
      fix: `write \`${written}\` on ${element.where}${partner.link?.importedNameOf(name) ? '' : ` (and add "@${name}" to the import list of your federation @link)`}${WHY_NEEDED[name] ? `: ${WHY_NEEDED[name]}` : ''}`,
    }));
  }
  for (const directive of found) {
    const name = directive.federationName!;
    if (expected.some((d) => d.federationName === name)) continue;
    const details = { where: element.where, expected: `no @${name}`, found: printDirective(directive, name) };
    findings.push(WHY_REFUSED[name]
      ? failure({ ...details, fix: `remove @${directive.localName} from ${element.where}: ${WHY_REFUSED[name]}` })
      : warning({ ...details, fix: `remove @${directive.localName} from ${element.where}: the contract does not write it there` }));
  }
  return findings;
}

function sameDirective(a: DirectiveUse, b: DirectiveUse): boolean {
  if (a.federationName !== b.federationName) return false;
  if (a.federationName === 'key') return sameKey(keysOf([a])[0]!, keysOf([b])[0]!);
  return argumentsText(a) === argumentsText(b);
}

function argumentsText(directive: DirectiveUse): string {
  return [...directive.args].sort(([x], [y]) => x.localeCompare(y)).map(([name, value]) => `${name}:${print(value)}`).join(',');
}
