import { failure, type Finding } from '../finding.js';
import { keysOf, printKey, sameKey } from '../federation-keys.js';
import type { SdlModel, TypeModel } from '../sdl-model.js';
import type { SdlRule } from '../rule.js';

// Federation routes an entity to a subgraph by its type, never by its key value
// (schema/partner.graphql), so each partner serves the contract's PartnerDataset under its own name,
// datasetTypeNameFor(partner), implementing the shared interface with the contract's key. Any other
// type implementing that interface would claim datasets under a name that is not the partner's:
// a PartnerDataset left unrenamed, or another partner's type.

export const entityType: SdlRule = {
  id: 'entity-type',
  title: 'the dataset entity type under the partner\'s name, implementing Dataset, keyed by id',
  check({ contract, partner, entityType: name, partnerId }) {
    const expected = contract.types.get(name);
    if (!expected) return [];
    const found = partner.types.get(name);
    const impostors = impostorsOf(expected, partner, name);
    const findings: Finding[] = impostors.map((type) => impostor(type, name, partnerId));
    if (!found) {
      findings.unshift(failure({
        where: name,
        expected: `type ${name} implements ${expected.interfaces.join(' & ')} ${keysOf(expected.directives).map((k) => printKey(k)).join(' ')}`,
        found: 'no such type',
        fix: impostors.length === 1
          ? `rename ${impostors[0]!.name} to ${name}: it is datasetTypeNameFor("${partnerId}"), the name the gateway and the index route this partner's datasets by`
          : `serve the contract's PartnerDataset as ${name} (datasetTypeNameFor("${partnerId}"))`,
      }));
      return findings;
    }
    if (found.kind !== 'object') {
      findings.push(failure({ where: name, expected: `type ${name} (an object type)`, found: `${found.kind} ${name}`, fix: `declare ${name} as an object type` }));
      return findings;
    }
    for (const iface of expected.interfaces.filter((i) => !found.interfaces.includes(i))) {
      findings.push(failure({
        where: name,
        expected: `${name} implements ${iface}`,
        found: found.interfaces.length > 0 ? `implements ${found.interfaces.join(' & ')}` : 'implements no interface',
        fix: `declare \`type ${name} implements ${iface}\`: clients and the index query datasets through ${iface}`,
      }));
    }
    findings.push(...keyFindings(expected, found, partner));
    return findings;
  },
};

function impostorsOf(expected: TypeModel, partner: SdlModel, name: string): TypeModel[] {
  const interfaces = new Set(expected.interfaces);
  return [...partner.types.values()].filter((t) => t.name !== name && t.kind === 'object' && t.interfaces.some((i) => interfaces.has(i)));
}

function impostor(type: TypeModel, name: string, partnerId: string): Finding {
  return failure({
    where: type.name,
    expected: `only ${name} implements ${type.interfaces.join(' & ')}`,
    found: `type ${type.name} implements ${type.interfaces.join(' & ')}`,
    fix: `remove ${type.name} (or rename it to ${name}): the gateway would route datasets of type ${type.name} to partner "${partnerId}"`,
  });
}

function keyFindings(expected: TypeModel, found: TypeModel, partner: SdlModel): Finding[] {
  const localName = partner.link?.importedNameOf('key') ?? 'key';
  const foundKeys = keysOf(found.directives);
  return keysOf(expected.directives)
    .filter((key) => !foundKeys.some((k) => sameKey(k, key)))
    .map((key) => failure({
      where: found.name,
      expected: printKey(key),
      found: foundKeys.length > 0 ? foundKeys.map((k) => printKey(k)).join(' ') : 'no @key',
      fix: `write \`${printKey(key, localName)}\` on ${found.name}${partner.link?.importedNameOf('key') ? '' : ' (and import "@key" in your federation @link)'}: the gateway fetches your datasets by this key through _entities`,
    }));
}
