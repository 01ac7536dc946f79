import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';

// Two small subgraphs that have nothing to do with the catalog: a weather station registry and its
// readings. One field of each kind of security directive, plus a type-level one.

export const STATIONS_SDL = `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.9",
  import: ["@key", "@authenticated", "@requiresScopes", "@policy"])

type Query {
  stations: [Station!]!
  station(code: ID!): Station
  operators: [Operator!]! @authenticated
}

type Station @key(fields: "code") {
  code: ID!
  name: String!
  elevation: Float
  operatorNote: String @requiresScopes(scopes: [["stations:admin"], ["stations:ops", "stations:read"]])
  calibration: Calibration @policy(policies: [["station:calibration"]])
  operator: Operator
}

type Calibration {
  at: String!
  offset: Float!
}

type Operator @authenticated {
  name: String!
}
`;

export const READINGS_SDL = `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key"])

type Station @key(fields: "code") {
  code: ID!
  latest: Reading
}

type Reading {
  celsius: Float!
  at: String!
}
`;

export function composeToySupergraph(urls: { stations: string; readings: string }): string {
  const result = composeServices([
    { name: 'stations', url: urls.stations, typeDefs: parse(STATIONS_SDL) },
    { name: 'readings', url: urls.readings, typeDefs: parse(READINGS_SDL) },
  ]);
  if (result.errors) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result.supergraphSdl;
}

export const STATIONS = [
  { code: 'OSL', name: 'Oslo Blindern', elevation: 94, operatorNote: 'sensor 3 replaced', calibration: { at: '2024-01-02', offset: 0.1 }, operator: { name: 'MET' } },
  { code: 'BGO', name: 'Bergen Florida', elevation: 12, operatorNote: 'fence repaired', calibration: { at: '2024-02-03', offset: -0.2 }, operator: { name: 'MET' } },
];

export const READINGS: Record<string, { celsius: number; at: string }> = {
  OSL: { celsius: -3.5, at: '2024-12-01T12:00:00Z' },
  BGO: { celsius: 4.0, at: '2024-12-01T12:00:00Z' },
};
