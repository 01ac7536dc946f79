import { Kind, type ConstDirectiveNode, type ConstValueNode, type DocumentNode } from 'graphql';

// Reads the supergraph's @link directives (Core Schemas spec, https://specs.apollo.dev/link/v1.0):
// which security features it uses and under which local directive names.

export type SecurityFeature = 'authenticated' | 'requiresScopes' | 'policy';

/** The features Concord enforces, by exact spec URL: an unknown version is not assumed compatible. */
const ENFORCED: Record<string, SecurityFeature> = {
  'https://specs.apollo.dev/authenticated/v0.1': 'authenticated',
  'https://specs.apollo.dev/requiresScopes/v0.1': 'requiresScopes',
  'https://specs.apollo.dev/policy/v0.1': 'policy',
};

/** Security features that @apollo/gateway itself implements. */
const ENFORCED_BY_GATEWAY = /^https:\/\/specs\.apollo\.dev\/inaccessible\/v0\.[12]$/;

export interface LinkedSecurityFeature {
  feature: SecurityFeature;
  url: string;
  /** The directive's name in this document, without "@" (a link can rename it with `as`). */
  directiveName: string;
  /** The prefix of the feature's own types, e.g. "policy" for the scalar policy__Policy. */
  namespace: string;
  node: ConstDirectiveNode;
}

export class UnenforceableSupergraphError extends Error {
  override name = 'UnenforceableSupergraphError';
}

function stringArg(directive: ConstDirectiveNode, name: string): string | undefined {
  const value = directive.arguments?.find((a) => a.name.value === name)?.value;
  return value?.kind === Kind.STRING ? value.value : undefined;
}

function enumArg(directive: ConstDirectiveNode, name: string): string | undefined {
  const value = directive.arguments?.find((a) => a.name.value === name)?.value;
  return value?.kind === Kind.ENUM ? value.value : undefined;
}

// An import can rename the feature's own directive: import: [{ name: "@policy", as: "@pol" }].
function importedName(directive: ConstDirectiveNode, ownName: string): string | undefined {
  const imports = directive.arguments?.find((a) => a.name.value === 'import')?.value;
  if (imports?.kind !== Kind.LIST) return undefined;
  for (const item of imports.values as readonly ConstValueNode[]) {
    if (item.kind === Kind.STRING && item.value === `@${ownName}`) return ownName;
    if (item.kind === Kind.OBJECT) {
      const field = (n: string) => item.fields.find((f) => f.name.value === n)?.value;
      const name = field('name');
      const as = field('as');
      if (name?.kind === Kind.STRING && name.value === `@${ownName}`) {
        return as?.kind === Kind.STRING ? as.value.replace(/^@/, '') : ownName;
      }
    }
  }
  return undefined;
}

/**
 * The security features a supergraph links. Fails closed: a SECURITY feature that neither Concord
 * nor @apollo/gateway enforces stops the load, since serving it would ignore its restrictions.
 */
export function linkedSecurityFeatures(document: DocumentNode): LinkedSecurityFeature[] {
  const features: LinkedSecurityFeature[] = [];
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.SCHEMA_DEFINITION && definition.kind !== Kind.SCHEMA_EXTENSION) continue;
    for (const directive of definition.directives ?? []) {
      if (directive.name.value !== 'link') continue;
      const url = stringArg(directive, 'url') ?? '';
      const feature = ENFORCED[url];
      if (feature) {
        const namespace = stringArg(directive, 'as')?.replace(/^@/, '') ?? feature;
        const directiveName = importedName(directive, feature) ?? namespace;
        features.push({ feature, url, directiveName, namespace, node: directive });
      } else if (enumArg(directive, 'for') === 'SECURITY' && !ENFORCED_BY_GATEWAY.test(url)) {
        throw new UnenforceableSupergraphError(
          `the supergraph links the security feature ${url}, which Concord does not enforce; refusing to serve it`,
        );
      }
    }
  }
  return features;
}
