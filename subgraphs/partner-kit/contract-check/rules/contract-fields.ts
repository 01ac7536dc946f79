import { failure, warning, type Finding } from '../finding.js';
import { FEDERATION_ROOT_FIELDS, type ArgumentModel, type FieldModel, type TypeModel } from '../sdl-model.js';
import { coordinate, type SdlRule } from '../rule.js';

// Every field of every contract type (the entity type included), with the same type, nullability
// and list wrapping, and the same arguments with the same defaults. Clients, the index and the
// gateway's fact selection are written against these types; a field the partner types differently
// breaks them, or breaks composition with the other partners. Fields the partner adds are warnings.

const WITH_FIELDS = new Set(['object', 'interface', 'input']);

export const contractFields: SdlRule = {
  id: 'contract-fields',
  title: 'every field of the contract, with the same type, arguments and defaults',
  check({ contract, partner }) {
    const findings: Finding[] = [];
    for (const expected of contract.types.values()) {
      const found = partner.types.get(expected.name);
      if (!found || found.kind !== expected.kind || !WITH_FIELDS.has(expected.kind)) continue;
      for (const field of expected.fields.values()) findings.push(...compareField(expected, field, found.fields.get(field.name)));
      findings.push(...extraFields(expected, found));
    }
    return findings;
  },
};

function compareField(type: TypeModel, expected: FieldModel, found: FieldModel | undefined): Finding[] {
  const where = coordinate(type.name, expected.name);
  if (!found) {
    return [failure({
      where,
      expected: `${expected.name}${printArgs(expected)}: ${expected.type}`,
      found: 'no such field',
      fix: `add \`${expected.name}${printArgs(expected)}: ${expected.type}\` to ${type.name}, with the directives schema/partner.graphql gives it`,
    })];
  }
  const findings: Finding[] = [];
  if (found.type !== expected.type || found.defaultValue !== expected.defaultValue) {
    findings.push(failure({
      where,
      expected: `${expected.name}: ${expected.type}${withDefault(expected.defaultValue)}`,
      found: `${found.name}: ${found.type}${withDefault(found.defaultValue)}`,
      fix: `declare ${where} as \`${expected.type}${withDefault(expected.defaultValue)}\`${nullabilityNote(expected.type, found.type)}`,
    }));
  }
  for (const argument of expected.args.values()) findings.push(...compareArgument(type, expected, argument, found.args.get(argument.name)));
  for (const argument of found.args.values()) {
    if (expected.args.has(argument.name)) continue;
    const required = argument.type.endsWith('!') && argument.defaultValue === null;
    const details = {
      where: coordinate(type.name, expected.name, argument.name),
      expected: `only the arguments of the contract${printArgs(expected)}`,
      found: `${argument.name}: ${argument.type}`,
    };
    findings.push(required
      ? failure({ ...details, fix: `make ${argument.name} optional or remove it: the gateway and the index never send it, so every call would fail` })
      : warning({ ...details, fix: `remove ${argument.name}: it is not in the contract, so no Concord service sends it` }));
  }
  return findings;
}

function compareArgument(type: TypeModel, field: FieldModel, expected: ArgumentModel, found: ArgumentModel | undefined): Finding[] {
  const where = coordinate(type.name, field.name, expected.name);
  const written = `${expected.name}: ${expected.type}${withDefault(expected.defaultValue)}`;
  if (!found) {
    return [failure({ where, expected: written, found: 'no such argument', fix: `add \`${written}\` to ${coordinate(type.name, field.name)}` })];
  }
  if (found.type === expected.type && found.defaultValue === expected.defaultValue) return [];
  return [failure({
    where,
    expected: written,
    found: `${found.name}: ${found.type}${withDefault(found.defaultValue)}`,
    fix: `declare the argument as \`${written}\`: the index and the gateway call it as the contract declares it`,
  })];
}

function extraFields(expected: TypeModel, found: TypeModel): Finding[] {
  return [...found.fields.values()]
    .filter((f) => !expected.fields.has(f.name) && !(expected.name === 'Query' && FEDERATION_ROOT_FIELDS.has(f.name)))
    .map((f) => warning({
      where: coordinate(found.name, f.name),
      expected: `only the fields of ${expected.name} in schema/partner.graphql`,
      found: `${f.name}: ${f.type}`,
      fix: `remove ${f.name} or propose it for the contract: the gateway serves it to every caller with only the guards you give it, and clients of the other partners cannot rely on it`,
    }));
}

function withDefault(value: string | null): string {
  return value === null ? '' : ` = ${value}`;
}

function printArgs(field: FieldModel): string {
  if (field.args.size === 0) return '';
  const args = [...field.args.values()].map((a) => `${a.name}: ${a.type}${withDefault(a.defaultValue)}`);
  return `(${args.join(', ')})`;
}

function nullabilityNote(expected: string, found: string): string {
  if (expected === found || expected.replace(/!/g, '') !== found.replace(/!/g, '')) return '';
  return ': only nullability differs, but the other partners, the index and the gateway read the field as the contract types it';
}
