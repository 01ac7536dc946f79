import { failure, warning, type Finding } from '../finding.js';
import { compareGuards, GUARD_KINDS, guardsOf, printGuard, type Guard, type GuardKind } from '../guards.js';
import type { DirectiveUse, SdlModel } from '../sdl-model.js';
import { coordinate, type SdlRule } from '../rule.js';

// The security directives are the contract's reason to exist: the gateway enforces exactly what the
// partner's SDL says (ARCHITECTURE.md, "Authorization"), so a guard the partner leaves out is a
// field served to everyone. Every @authenticated, @requiresScopes and @policy of the contract, on a
// type or a field, must be on the partner's too, with the same requirements. A missing or weaker
// guard is a failure; a stricter or added one a warning (the gateway then refuses callers the
// contract admits).

export const guardDirectives: SdlRule = {
  id: 'guard-directives',
  title: 'every @authenticated, @requiresScopes and @policy of the contract, with the same requirements',
  check({ contract, partner }) {
    const findings: Finding[] = [];
    for (const expected of contract.types.values()) {
      const found = partner.types.get(expected.name);
      if (!found) continue;
      findings.push(...compareElement(partner, expected.name, `every field of ${expected.name}`, expected.directives, found.directives));
      for (const field of expected.fields.values()) {
        const foundField = found.fields.get(field.name);
        if (!foundField) continue;
        const where = coordinate(expected.name, field.name);
        findings.push(...compareElement(partner, where, inWords(field.name), field.directives, foundField.directives));
      }
    }
    return findings;
  },
};

function compareElement(partner: SdlModel, where: string, thing: string, expected: readonly DirectiveUse[], found: readonly DirectiveUse[]): Finding[] {
  const expectedGuards = guardsOf(expected);
  const foundGuards = guardsOf(found);
  const findings: Finding[] = [];
  for (const kind of GUARD_KINDS) {
    const want = expectedGuards.get(kind);
    const have = foundGuards.get(kind);
    const comparison = compareGuards(want, have);
    const localName = partner.link?.importedNameOf(kind) ?? kind;
    const shown = { where, expected: want ? printGuard(want) : `no @${kind}`, found: have ? printGuard(have) : `no @${kind}` };
    if (comparison === 'missing') {
      findings.push(failure({
        ...shown,
        fix: `add \`${printGuard(want!, localName)}\` to ${where}${importHint(partner, kind)}: without it the gateway would serve ${thing} ${audience(want!, foundGuards.size === 0)}`,
      }));
    } else if (comparison === 'weaker') {
      findings.push(failure({
        ...shown,
        fix: `write \`${printGuard(want!, localName)}\` on ${where}: yours lets the gateway serve ${thing} to callers the contract refuses`,
      }));
    } else if (comparison === 'stricter' || comparison === 'added') {
      findings.push(warning({
        ...shown,
        fix: `${want ? `write \`${printGuard(want, localName)}\`` : `remove @${localName}`} on ${where}: yours makes the gateway refuse ${thing} to callers the contract admits`,
      }));
    }
  }
  return findings;
}

/** Who would be served the element if this guard were missing. */
function audience(guard: Guard, unguarded: boolean): string {
  if (unguarded) return 'to everyone';
  const requirements: Record<GuardKind, string> = {
    authenticated: 'to anonymous callers',
    requiresScopes: `to callers without the scopes ${guard.alternatives.map((a) => a.join(' and ')).join(' or ')}`,
    policy: `without deciding the ${guard.alternatives.flat().join(', ')} policies (schema/policies.ts)`,
  };
  return requirements[guard.kind];
}

function importHint(partner: SdlModel, kind: GuardKind): string {
  return partner.link?.importedNameOf(kind) ? '' : ` (and add "@${kind}" to the import list of your federation @link)`;
}

/** "sampleRecords" is "sample records", "accessUrl" "access URL". */
export function inWords(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(' ')
    .map((word) => (/^(Url|Id|Uri|Doi)$/.test(word) ? word.toUpperCase() : word.toLowerCase()))
    .join(' ');
}
