import type { ResourceUsage } from './resource-sampler.js';

/** The gateways every phase compares. */
export const CONTENDER_KINDS = ['concord', 'apollo', 'hive'] as const;
/**
 * Concord with its audit trail switched off, the same code otherwise: measured on workload (b) only,
 * next to Concord, for what the trail costs (issue 11: at most 5% of (b)'s throughput).
 */
export const AUDIT_OFF_KIND = 'concord-audit-off';
export const GATEWAY_KINDS = [...CONTENDER_KINDS, AUDIT_OFF_KIND] as const;
export type GatewayKind = (typeof GATEWAY_KINDS)[number];

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
  /** What the gateway's audit trail holds in Redis now; absent for gateways without one. */
  auditStorage?(): Promise<AuditStorage | null>;
}

/** Redis memory of an audit trail's stream (ARCHITECTURE.md "Audit"), for bytes per record. */
export interface AuditStorage {
  records: number;
  /** MEMORY USAGE of the stream (every entry sampled). */
  streamBytes: number;
  /** The stored canonical form of the newest records, on average. */
  recordBytes: number;
}

export interface AuditStorageReport {
  type: 'audit-storage';
  storage: AuditStorage | null;
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
