import type { ResourceUsage } from './resource-sampler.js';

export const CONTENDER_KINDS = ['concord', 'apollo', 'hive'] as const;
export type GatewayKind = (typeof CONTENDER_KINDS)[number];

/** The same for every gateway: the supergraph, the partners' signing secret and the identity provider. */
export interface GatewayOptions {
  supergraphPath: string;
  signingSecret: string;
  jwt: { secret: string; issuer: string; audience: string };
  /** Concord refuses longer tokens before decoding them (JWT_MAX_TOKEN_BYTES). */
  maxTokenBytes: number;
  /**
   * Grants partners issued, for Concord's grant store: grants on half of a 1,000-dataset page do not
   * fit in a token. The other gateways have no grant store (stock enforces nothing; Hive reads grants
   * from the token only, see hive-policies.ts).
   */
  storedGrants?: readonly StoredGrants[];
}

/** Grants to one person on these datasets. */
export interface StoredGrants {
  subject: string;
  datasetIds: readonly string[];
}

export interface RunningGateway {
  url: string;
  close(): Promise<void>;
}

export interface StartGateway {
  type: 'start-gateway';
  options: GatewayOptions;
}

export interface GatewayReady {
  type: 'gateway-ready';
  url: string;
}

export interface Measured {
  type: 'measured';
  usage: ResourceUsage;
}
