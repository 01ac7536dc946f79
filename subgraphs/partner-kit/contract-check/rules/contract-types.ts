import { failure, warning, type Finding } from '../finding.js';
import { isFederationMachinery, type SdlModel, type TypeModel } from '../sdl-model.js';
import type { SdlRule } from '../rule.js';

// Every named type of the contract is served under its name and of its kind, with the same enum
// values, union members and interfaces. The partner's entity type is the entity-type rule's concern;
// fields are the contract-fields rule's.

export const contractTypes: SdlRule = {
  id: 'contract-types',
  title: 'every type of the contract, of the same kind, with the same values and interfaces',
  check({ contract, partner, entityType }) {
    const findings: Finding[] = [];
    for (const expected of contract.types.values()) {
      if (expected.name === entityType) continue;
      const found = partner.types.get(expected.name);
      if (!found) findings.push(missingType(expected));
      else if (found.kind !== expected.kind) findings.push(otherKind(expected, found));
      else findings.push(...enumValues(expected, found), ...unionMembers(expected, found), ...interfaces(expected, found));
    }
    findings.push(...extraTypes(contract, partner, entityType));
    return findings;
  },
};

function declaration(type: TypeModel): string {
  return `${type.kind === 'object' ? 'type' : type.kind} ${type.name}`;
}

function missingType(expected: TypeModel): Finding {
  return failure({
    where: expected.name,
    expected: declaration(expected),
    found: 'no such type',
    fix: `add \`${declaration(expected)}\` as schema/partner.graphql defines it`,
  });
}

function otherKind(expected: TypeModel, found: TypeModel): Finding {
  return failure({
    where: expected.name,
    expected: declaration(expected),
    found: declaration(found),
    fix: `declare ${expected.name} as \`${declaration(expected)}\`, as schema/partner.graphql does`,
  });
}

function enumValues(expected: TypeModel, found: TypeModel): Finding[] {
  if (expected.kind !== 'enum') return [];
  const missing = [...expected.values.keys()].filter((v) => !found.values.has(v));
  const extra = [...found.values.keys()].filter((v) => !expected.values.has(v));
  return [
    ...missing.map((value) => failure({
      where: `${expected.name}.${value}`,
      expected: `enum value ${value}`,
      found: 'no such value',
      fix: `add ${value} to enum ${expected.name}`,
    })),
    // The gateway's policies and the catalog index know the contract's values only.
    ...extra.map((value) => failure({
      where: `${expected.name}.${value}`,
      expected: `only the values ${[...expected.values.keys()].join(', ')}`,
      found: `enum value ${value}`,
      fix: `remove ${value} from enum ${expected.name}: the gateway's policies and the catalog index know only the contract's values`,
    })),
  ];
}

function unionMembers(expected: TypeModel, found: TypeModel): Finding[] {
  if (expected.kind !== 'union') return [];
  const same = [...expected.members].sort().join(' | ') === [...found.members].sort().join(' | ');
  return same ? [] : [failure({
    where: expected.name,
    expected: `union ${expected.name} = ${expected.members.join(' | ')}`,
    found: `union ${found.name} = ${found.members.join(' | ')}`,
    fix: `declare union ${expected.name} with exactly the members of schema/partner.graphql`,
  })];
}

function interfaces(expected: TypeModel, found: TypeModel): Finding[] {
  const missing = expected.interfaces.filter((i) => !found.interfaces.includes(i));
  const extra = found.interfaces.filter((i) => !expected.interfaces.includes(i));
  return [
    ...missing.map((name) => failure({
      where: expected.name,
      expected: `${expected.name} implements ${name}`,
      found: found.interfaces.length > 0 ? `implements ${found.interfaces.join(' & ')}` : 'implements no interface',
      fix: `declare \`${declaration(expected)} implements ${name}\``,
    })),
    ...extra.map((name) => warning({
      where: expected.name,
      expected: expected.interfaces.length > 0 ? `implements ${expected.interfaces.join(' & ')}` : 'implements no interface',
      found: `${found.name} implements ${name}`,
      fix: `remove \`implements ${name}\`: it is not in the contract`,
    })),
  ];
}

/** Types of the partner's own: tolerated, but nothing in the federation reads them. */
function extraTypes(contract: SdlModel, partner: SdlModel, entityType: string): Finding[] {
  const datasetInterfaces = new Set(contract.types.get(entityType)?.interfaces ?? []);
  return [...partner.types.values()]
    .filter((t) => !contract.types.has(t.name) && t.name !== entityType && !isFederationMachinery(t.name))
    // A second type implementing Dataset is the entity-type rule's failure, not a harmless extra.
    .filter((t) => !t.interfaces.some((i) => datasetInterfaces.has(i)))
    .map((t) => warning({
      where: t.name,
      expected: 'only the types of schema/partner.graphql',
      found: declaration(t),
      fix: `remove ${t.name}, or propose it for the contract: no other partner, the index or the gateway's policies know it`,
    }));
}
