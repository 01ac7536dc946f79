import { composeServices } from '@apollo/composition';
import {
  Kind, parse, print, visit,
  type ConstDirectiveNode, type DefinitionNode, type ObjectTypeDefinitionNode,
} from 'graphql';

// One small subgraph of field instruments whose security directives stand on interfaces only.
// Composition refuses @authenticated, @requiresScopes and @policy on interfaces and their fields,
// so they are added to the composed supergraph by hand, as someone writing a supergraph could.
// Dataset carries the governance facts the gateway's named policies decide on (ARCHITECTURE.md
// "Per-entity decisions"), under the names the catalog contract gives them.

export const INSTRUMENTS_SDL = `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key"])

type Query {
  sensors: [Sensor!]!
  probe(id: ID!): Probe
  datasets: [Dataset!]!
  vaults: [Vault!]
  items: [Item!]!
}

interface Sensor {
  id: ID!
  label: String!
  reading: Float
}

type Probe implements Sensor {
  id: ID!
  label: String!
  reading: Float
  depth: Float
}

type Buoy implements Sensor {
  id: ID!
  label: String!
  reading: Float
}

enum DataClass { PUBLIC PARTNER_SHARED ANONYMIZED PROPRIETARY }
type Licence { id: ID! }
type Publisher { id: ID! }
type Retention { deletionDue: String }
type UseCondition { code: String! diseaseId: String regions: [String!] allowed: [String!] months: Int until: String }

interface Dataset {
  id: ID!
  title: String!
  dataClass: DataClass!
  licence: Licence!
  publisher: Publisher!
  embargoUntil: String
  retention: Retention
  useConditions: [UseCondition!]!
  preview: String
}

type Survey implements Dataset {
  id: ID!
  title: String!
  dataClass: DataClass!
  licence: Licence!
  publisher: Publisher!
  embargoUntil: String
  retention: Retention
  useConditions: [UseCondition!]!
  preview: String
}

interface Vault {
  id: ID!
}

type Locker implements Vault {
  id: ID!
  contents: String
}

union Item = Locker | Buoy
`;

/** What the hand-written supergraph guards, by type or schema coordinate: interfaces only. */
export const INTERFACE_GUARDS: Readonly<Record<string, string>> = {
  'Sensor.reading': '@requiresScopes(scopes: [["sensors:read"]])',
  // A policy the gateway enforces, decided per dataset from its facts.
  'Dataset.preview': '@policy(policies: [["dataset:access"]])',
  Vault: '@authenticated',
};

const SECURITY_FEATURES = `
directive @authenticated on FIELD_DEFINITION | OBJECT | INTERFACE | SCALAR | ENUM
directive @requiresScopes(scopes: [[requiresScopes__Scope!]!]!) on FIELD_DEFINITION | OBJECT | INTERFACE | SCALAR | ENUM
scalar requiresScopes__Scope
directive @policy(policies: [[policy__Policy!]!]!) on FIELD_DEFINITION | OBJECT | INTERFACE | SCALAR | ENUM
scalar policy__Policy
`;

const SECURITY_LINKS = ['authenticated', 'requiresScopes', 'policy']
  .map((name) => `@link(url: "https://specs.apollo.dev/${name}/v0.1", for: SECURITY)`)
  .join(' ');

function directives(text: string): readonly ConstDirectiveNode[] {
  return (parse(`type Carrier ${text}`).definitions[0] as ObjectTypeDefinitionNode).directives ?? [];
}

export function composeInterfaceToySupergraph(instrumentsUrl: string): string {
  const result = composeServices([{ name: 'instruments', url: instrumentsUrl, typeDefs: parse(INSTRUMENTS_SDL) }]);
  if (result.errors) throw new Error(result.errors.map((e) => e.message).join('\n'));
  const placed = new Set<string>();
  const guard = (key: string, existing: readonly ConstDirectiveNode[] | undefined): readonly ConstDirectiveNode[] | undefined => {
    const text = INTERFACE_GUARDS[key];
    if (!text) return existing;
    placed.add(key);
    return [...(existing ?? []), ...directives(text)];
  };
  const edited = visit(parse(result.supergraphSdl), {
    Document(node) {
      return { ...node, definitions: [...node.definitions, ...(parse(SECURITY_FEATURES).definitions as DefinitionNode[])] };
    },
    SchemaDefinition(node) {
      return { ...node, directives: [...(node.directives ?? []), ...directives(SECURITY_LINKS)] };
    },
    InterfaceTypeDefinition(node) {
      const typeName = node.name.value;
      return {
        ...node,
        directives: guard(typeName, node.directives),
        fields: node.fields?.map((field) => ({ ...field, directives: guard(`${typeName}.${field.name.value}`, field.directives) })),
      };
    },
  });
  const missing = Object.keys(INTERFACE_GUARDS).filter((key) => !placed.has(key));
  if (missing.length > 0) throw new Error(`the toy supergraph has no ${missing.join(', ')} to guard`);
  if (!edited.definitions.some((d) => d.kind === Kind.SCHEMA_DEFINITION)) throw new Error('the composed supergraph has no schema definition');
  return print(edited);
}

export const SENSORS = [
  { __typename: 'Probe', id: 'P1', label: 'Fjord probe', reading: 7.5, depth: 30 },
  { __typename: 'Buoy', id: 'B1', label: 'Harbour buoy', reading: 3.25 },
];

const dataset = (id: string, dataClass: string, preview: string, useConditions: { code: string }[]) => ({
  __typename: 'Survey', id, title: `Survey ${id}`, dataClass, licence: { id: 'CC-BY-4.0' }, publisher: { id: 'toy-lab' },
  embargoUntil: null, retention: null, useConditions, preview,
});

export const DATASETS = [
  dataset('survey-open', 'PUBLIC', 'open rows', []),
  dataset('survey-shared', 'PARTNER_SHARED', 'shared rows', [{ code: 'NRES' }]),
];

export const LOCKERS = [{ __typename: 'Locker', id: 'L1', contents: 'spare batteries' }];

export const ITEMS = [LOCKERS[0], SENSORS[1]];
