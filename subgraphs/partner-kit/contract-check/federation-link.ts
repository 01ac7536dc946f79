import { Kind, type ConstDirectiveNode, type ConstValueNode, type DocumentNode } from 'graphql';

// Which local name a subgraph gives each Federation directive. A Federation 2 subgraph links the
// federation spec with `@link(url: "https://specs.apollo.dev/federation/v2.x", import: [...])`
// (Apollo Federation docs, "The @link directive"): an imported directive is used under its own name
// or the `as` it was given, and any other directive of the spec as `@federation__<name>` (or
// `@<as>__<name>` when the link itself is renamed). Another stack may print any of these forms, so
// the checker compares directives by the federation name they resolve to, never by spelling.

const FEDERATION_URL = /^https:\/\/specs\.apollo\.dev\/federation\/v(\d+)\.(\d+)$/;

export interface FederationLink {
  /** The linked version, e.g. "2.9". */
  version: string;
  major: number;
  minor: number;
  /** The federation directive a local directive name stands for ("policy"), or null if none. */
  federationNameOf(localName: string): string | null;
  /** The name to write a federation directive under, if the link imports it; null otherwise. */
  importedNameOf(federationName: string): string | null;
}

/** The federation spec's link in an SDL, or null when it has none (a Federation 1 subgraph). */
export function readFederationLink(document: DocumentNode): FederationLink | null {
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.SCHEMA_DEFINITION && definition.kind !== Kind.SCHEMA_EXTENSION) continue;
    for (const directive of definition.directives ?? []) {
      const link = federationLinkFrom(directive);
      if (link) return link;
    }
  }
  return null;
}

function federationLinkFrom(directive: ConstDirectiveNode): FederationLink | null {
  if (directive.name.value !== 'link') return null;
  const url = stringArgument(directive, 'url');
  const version = url ? FEDERATION_URL.exec(url) : null;
  if (!version) return null;
  const prefix = (stringArgument(directive, 'as') ?? 'federation').replace(/^@/, '');
  const imports = new Map<string, string>();
  const importList = argument(directive, 'import');
  for (const item of importList?.kind === Kind.LIST ? importList.values : []) {
    const [name, as] = importOf(item);
    if (name?.startsWith('@')) imports.set((as ?? name).slice(1), name.slice(1));
  }
  const byFederationName = new Map([...imports].map(([local, federation]) => [federation, local]));
  return {
    version: `${version[1]}.${version[2]}`,
    major: Number(version[1]),
    minor: Number(version[2]),
    federationNameOf: (localName) => imports.get(localName)
      ?? (localName.startsWith(`${prefix}__`) ? localName.slice(prefix.length + 2) : null),
    importedNameOf: (federationName) => byFederationName.get(federationName) ?? null,
  };
}

/** An import is "@key" or { name: "@key", as: "@myKey" }. */
function importOf(value: ConstValueNode): [string | undefined, string | undefined] {
  if (value.kind === Kind.STRING) return [value.value, undefined];
  if (value.kind !== Kind.OBJECT) return [undefined, undefined];
  const field = (name: string) => {
    const found = value.fields.find((f) => f.name.value === name)?.value;
    return found?.kind === Kind.STRING ? found.value : undefined;
  };
  return [field('name'), field('as')];
}

function argument(directive: ConstDirectiveNode, name: string): ConstValueNode | undefined {
  return directive.arguments?.find((a) => a.name.value === name)?.value;
}

function stringArgument(directive: ConstDirectiveNode, name: string): string | undefined {
  const value = argument(directive, name);
  return value?.kind === Kind.STRING ? value.value : undefined;
}
