import { failure, type Finding } from '../finding.js';
import type { SdlModel } from '../sdl-model.js';
import type { SdlRule } from '../rule.js';

// The partner's SDL must be a Federation 2 subgraph: it links the federation spec, at a version
// that defines every federation directive the contract uses. Without the link, no directive of the
// SDL is read as Federation's, and every check of the directives fails after it.

/** The federation version that introduced each directive (Apollo Federation, "Federation versions"). */
const INTRODUCED_IN: Record<string, number> = {
  composeDirective: 1, interfaceObject: 3, authenticated: 5, requiresScopes: 5, policy: 6, context: 8, fromContext: 8, cost: 9, listSize: 9,
};

export const federationLink: SdlRule = {
  id: 'federation-link',
  title: 'a Federation 2 subgraph linking a federation version with every directive the contract uses',
  check({ contract, partner }) {
    const needed = neededMinor(contract);
    const contractVersion = contract.link?.version ?? `2.${needed.minor}`;
    const link = partner.link;
    const write = `extend schema @link(url: "https://specs.apollo.dev/federation/v${contractVersion}", import: [...])`;
    if (!link) {
      return [failure({
        where: 'schema',
        expected: `@link to https://specs.apollo.dev/federation/v2.${needed.minor} or later`,
        found: 'no federation @link (a Federation 1 subgraph, or no federation at all)',
        fix: `add \`${write}\` importing the directives schema/partner.graphql imports`,
      })];
    }
    const findings: Finding[] = [];
    if (link.major !== 2 || link.minor < needed.minor) {
      findings.push(failure({
        where: 'schema',
        expected: `federation v2.${needed.minor} or later${needed.directive ? ` (@${needed.directive} needs it)` : ''}`,
        found: `federation v${link.version}`,
        fix: `link federation v${contractVersion}: \`${write}\``,
      }));
    }
    return findings;
  },
};

/** The lowest federation 2 minor version defining every federation directive the contract uses. */
function neededMinor(contract: SdlModel): { minor: number; directive: string | null } {
  let needed = { minor: 0, directive: null as string | null };
  for (const type of contract.types.values()) {
    const uses = [...type.directives, ...[...type.fields.values()].flatMap((f) => f.directives)];
    for (const use of uses) {
      const minor = use.federationName ? INTRODUCED_IN[use.federationName] ?? 0 : 0;
      if (minor > needed.minor) needed = { minor, directive: use.federationName };
    }
  }
  return needed;
}
