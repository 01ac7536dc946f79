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
