import { portOf, type FederationManifest } from './federation-manifest.js';

// docker-compose.yml, written by `npm run compose` from the federation manifest (schema/subgraphs.json)
// so that a partner added to the manifest gets its service, its signing key and its routes with no
// hand edit (ARCHITECTURE.md, "Build and run"; "Where to add things", "A partner"). The services run
// the same npm scripts as `npm start`, on the compiled build.

/** The gateway's own default port (gateway/config.ts), published to the host by the proxy. */
export const GATEWAY_PORT = 4000;
/**
 * The gateway replicas behind the proxy (issue 12, item 5, "Replicas"): they share Redis, so grants,
 * revocations and the audit trail hold on every replica from the next request.
 */
export const GATEWAY_REPLICAS = ['gateway-1', 'gateway-2'] as const;
/** The reverse proxy's service, and its configuration's name under `configs:`. */
export const PROXY_SERVICE = 'proxy';
export const PROXY_CONFIG = 'gateway-proxy';
/** 1.27.3 or later: upstream servers with `resolve` are open source from there. */
const PROXY_IMAGE = 'nginx:1.27-alpine';
const NODE_IMAGE = 'node:24-bookworm-slim';
const REDIS_IMAGE = 'redis:7-bookworm';
/** Larger than the gateway's MAX_REQUEST_BYTES (1,000,000), so a body too large gets the gateway's own 413. */
const PROXY_MAX_BODY = '2m';
/**
 * The gateways believe the X-Forwarded-For of any peer on Docker's private networks (whose subnet
 * Compose picks): only the proxy and the other services of this file can reach them, since no
 * gateway port is published, and the proxy writes the header afresh (gatewayProxyConfig), so a
 * client cannot choose its own rate-limit bucket.
 */
export const GATEWAY_TRUSTED_PROXIES = '10.0.0.0/8,172.16.0.0/12,192.168.0.0/16';
const INDEX_SECRET_VARIABLE = 'INDEX_SIGNING_SECRET';
const GOVERNANCE_SECRET_VARIABLE = 'GOVERNANCE_SIGNING_SECRET';

type Partner = FederationManifest['partners'][number];

/**
 * The environment variable holding each subgraph's signing key: the first word of a partner's id
 * (NORTHBRIDGE_SIGNING_SECRET), or the whole id when another subgraph shares that word.
 */
export function signingSecretVariables(manifest: FederationManifest): Map<string, string> {
  const firstWord = (id: string) => id.split('-')[0]!.toUpperCase();
  const services = [INDEX_SECRET_VARIABLE, ...(manifest.governance ? [GOVERNANCE_SECRET_VARIABLE] : [])];
  const taken = [...manifest.partners.map((p) => firstWord(p.id)), ...services.map((v) => v.replace(/_SIGNING_SECRET$/, ''))];
  const variables = new Map<string, string>();
  for (const { id } of manifest.partners) {
    const word = taken.filter((w) => w === firstWord(id)).length === 1 ? firstWord(id) : id.toUpperCase().replaceAll('-', '_');
    variables.set(id, `${word}_SIGNING_SECRET`);
  }
  variables.set(manifest.catalogIndex.name, INDEX_SECRET_VARIABLE);
  if (manifest.governance) variables.set(manifest.governance.name, GOVERNANCE_SECRET_VARIABLE);
  return variables;
}

export function dockerComposeFile(manifest: FederationManifest): string {
  const secrets = signingSecretVariables(manifest);
  const secret = (name: string) => `\${${secrets.get(name)}:?set ${secrets.get(name)}}`;
  const keyList = (names: readonly string[]) => names.map((name) => `${name}=${secret(name)}`).join(',');
  const subgraphUrl = (name: string, url: string) => `${name}=http://${name}:${portOf(url)}${new URL(url).pathname}`;
  const index = manifest.catalogIndex;
  const governance = manifest.governance;
  const partnerIds = manifest.partners.map((p) => p.id);
  // The services the gateway calls besides the partners: the index, and the governance subgraph when there is one.
  const services = [index, ...(governance ? [governance] : [])];
  const subgraphUrls = [...manifest.partners.map((p) => subgraphUrl(p.id, p.url)), ...services.map((s) => subgraphUrl(s.name, s.url))].join(',');
  const keyWords = [...partnerIds, ...services.map((s) => s.name)].map((name) => secrets.get(name)!.replace(/_SIGNING_SECRET$/, ''));

  return `${header(keyWords)}
name: concord

x-node-service: &node-service
  image: ${NODE_IMAGE}
  working_dir: /app
  volumes:
    - .:/app:ro
    - node_modules:/app/node_modules
  restart: unless-stopped

x-all-keys: &all-keys "${keyList([...partnerIds, ...services.map((s) => s.name)])}"

x-subgraph-urls: &subgraph-urls "${subgraphUrls}"

services:
  install:
    image: ${NODE_IMAGE}
    working_dir: /app
    volumes:
      - .:/app
      - node_modules:/app/node_modules
    command: ["sh", "-c", "npm ci --no-audit --no-fund && npm run build"]

  redis:
    image: ${REDIS_IMAGE}
    # Access requests, decisions and grants live here: every write goes to the append-only file on
    # a volume, so a restart of the container loses nothing (ARCHITECTURE.md "Stores"). Every
    # subgraph also keeps the nonces of signed requests here, so its replicas share them.
    command: ["redis-server", "--appendonly", "yes", "--appendfsync", "everysec"]
    volumes:
      - redis-data:/data
    healthcheck:
      test: ["CMD", "redis-cli", "ping"]
      interval: 5s
      timeout: 3s
      retries: 10
${manifest.partners.map((partner, i) => partnerService(partner, secret(partner.id), i === 0)).join('')}
  ${index.name}:
    <<: *node-service
    command: ["npm", "run", "catalog-index"]
    environment:
      PORT: "${portOf(index.url)}"
      HOST: "0.0.0.0"
      LOG_LEVEL: info
      SUBGRAPH_SIGNING_SECRET: "${secret(index.name)}"
      SUBGRAPH_SIGNING_SECRETS: "${keyList(partnerIds)}"
      SUPERGRAPH_PATH: schema/supergraph.graphql
      SUBGRAPH_URLS: *subgraph-urls
      HARVEST_INTERVAL_SECONDS: "60"
      REDIS_URL: redis://redis:6379
    depends_on:
      redis:
        condition: service_healthy
${partnerIds.map((id) => `      ${id}:\n        condition: service_healthy\n`).join('')}    healthcheck: &ready-health
      test: ["CMD", "node", "-e", "fetch('http://127.0.0.1:' + process.env.PORT + '/ready').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
      interval: 5s
      timeout: 3s
      retries: 20
${governance ? governanceService(governance, secret(governance.name), keyList(partnerIds), partnerIds) : ''}
  ${GATEWAY_REPLICAS[0]}: &gateway
    <<: *node-service
    command: ["npm", "run", "gateway"]
    environment:
      PORT: "${GATEWAY_PORT}"
      HOST: "0.0.0.0"
      LOG_LEVEL: info
      SUBGRAPH_SIGNING_SECRETS: *all-keys
      SUPERGRAPH_PATH: schema/supergraph.graphql
      SUBGRAPH_URLS: *subgraph-urls
      REDIS_URL: redis://redis:6379
      TRUSTED_PROXIES: "${GATEWAY_TRUSTED_PROXIES}"
      # The address users and harvesters reach the proxy at: the DCAT export names its IRIs under it.
      PUBLIC_BASE_URL: "http://localhost:${GATEWAY_PORT}"${governance ? `
      PRINCIPAL_SUBGRAPHS: "${services.map((s) => s.name).join(',')}"` : ''}
    depends_on:
      redis:
        condition: service_healthy
${services.map((s) => `      ${s.name}:\n        condition: service_healthy\n`).join('')}    healthcheck: *ready-health
    # Longer than SHUTDOWN_GRACE_SECONDS (10): requests in flight finish before the container is killed.
    stop_grace_period: 15s
${GATEWAY_REPLICAS.slice(1).map((name) => `
  ${name}:
    <<: *gateway
`).join('')}
  ${PROXY_SERVICE}:
    image: ${PROXY_IMAGE}
    # The one published port: requests go to whichever gateway replica is up (ARCHITECTURE.md "Processes").
    ports:
      - "${GATEWAY_PORT}:${GATEWAY_PORT}"
    configs:
      - source: ${PROXY_CONFIG}
        target: /etc/nginx/conf.d/default.conf
    depends_on:
${GATEWAY_REPLICAS.map((name) => `      ${name}:\n        condition: service_healthy\n`).join('')}    healthcheck:
      test: ["CMD", "wget", "-q", "-O", "/dev/null", "http://127.0.0.1:${GATEWAY_PORT}/ready"]
      interval: 5s
      timeout: 3s
      retries: 20
    restart: unless-stopped

configs:
  ${PROXY_CONFIG}:
    # Compose fills in $NAME in every value, this one included: nginx's own variables are written $$name.
    content: |
${indent(composeEscaped(gatewayProxyConfig()), 6)}
volumes:
  node_modules:
  redis-data:
`;
}

/**
 * The reverse proxy's nginx configuration (an http-level file, as /etc/nginx/conf.d/default.conf):
 * one upstream of every gateway replica, each request to the next one, a replica that refuses
 * connections skipped. Replicas are looked up again through Docker's DNS, so a restarted container
 * with a new address is found. Only failures to connect are retried on another replica: a request
 * already sent (a mutation, say) is never sent twice. The proxy is the edge: X-Forwarded-For is the
 * address it saw, replacing any the client sent, which the gateways' per-address rate limits read.
 */
export function gatewayProxyConfig(replicas: readonly string[] = GATEWAY_REPLICAS, port = GATEWAY_PORT): string {
  return `resolver 127.0.0.11 valid=10s ipv6=off;

upstream concord_gateways {
  zone concord_gateways 64k;
${replicas.map((name) => `  server ${name}:${port} resolve max_fails=1 fail_timeout=5s;`).join('\n')}
  keepalive 32;
}

server {
  listen ${port};
  client_max_body_size ${PROXY_MAX_BODY};

  # Metrics are for Prometheus on the compose network, scraping each replica directly.
  location = /metrics {
    return 404;
  }

  location / {
    proxy_pass http://concord_gateways;
    proxy_http_version 1.1;
    proxy_set_header Connection "";
    proxy_set_header Host $host;
    proxy_set_header X-Forwarded-For $remote_addr;
    proxy_set_header X-Forwarded-Proto $scheme;
    proxy_next_upstream error timeout;
    proxy_connect_timeout 2s;
  }
}
`;
}

/** Text as a Compose value keeps it: every $ doubled, so Compose does not read it as a variable. */
export function composeEscaped(text: string): string {
  return text.replaceAll('$', '$$$$');
}

function indent(text: string, spaces: number): string {
  return text.split('\n').map((line) => (line === '' ? '' : `${' '.repeat(spaces)}${line}`)).join('\n');
}

function header(keyWords: readonly string[]): string {
  return `# Written by \`npm run compose\` from schema/subgraphs.json: edit the manifest, not this file.
# The demo federation in containers: Redis, the partners, the catalog index, the governance
# subgraph and ${GATEWAY_REPLICAS.length} gateway replicas behind an nginx reverse proxy (the one published port),
# running the same npm scripts as \`npm start\`. Each subgraph verifies
# requests with a key of its own (the gateway holds them all); there are no defaults, so generate
# them first:
#   for k in ${keyWords.join(' ')}; do export \${k}_SIGNING_SECRET=$(openssl rand -base64 32); done
#   docker compose up
# then open http://localhost:${GATEWAY_PORT}/graphql. The install service installs and builds (dist/); the
# services mount the checkout read-only and run the compiled code; dependencies live in a volume.`;
}

/** The partner kit's default catalog path; the service names the manifest's only when it differs. */
const defaultCatalog = (id: string) => `subgraphs/partners/${id}/catalog.json`;

function partnerService(partner: Partner, secret: string, first: boolean): string {
  const catalog = partner.catalog === defaultCatalog(partner.id) ? '' : `, "--catalog", ${JSON.stringify(partner.catalog)}`;
  const health = first
    ? `&partner-health
      test: ["CMD", "node", "-e", "fetch('http://127.0.0.1:' + process.env.PORT + '/ready').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
      interval: 5s
      timeout: 3s
      retries: 20`
    : '*partner-health';
  return `
  ${partner.id}:
    <<: *node-service
    command: ["npm", "run", "partner", "--", "--partner", "${partner.id}"${catalog}]
    environment:
      PORT: "${portOf(partner.url)}"
      HOST: "0.0.0.0"
      LOG_LEVEL: info
      SUBGRAPH_SIGNING_SECRET: "${secret}"
      REDIS_URL: redis://redis:6379
    depends_on:
      install:
        condition: service_completed_successfully
      redis:
        condition: service_healthy
    healthcheck: ${health}
`;
}

/**
 * The governance subgraph: its store in the same Redis as the gateway, which reads the grants it
 * writes; it harvests the partners' public metadata with their keys, as the index does.
 */
function governanceService(governance: NonNullable<FederationManifest['governance']>, secret: string, partnerKeys: string, partnerIds: readonly string[]): string {
  return `
  ${governance.name}:
    <<: *node-service
    command: ["npm", "run", "governance"]
    environment:
      PORT: "${portOf(governance.url)}"
      HOST: "0.0.0.0"
      LOG_LEVEL: info
      SUBGRAPH_SIGNING_SECRET: "${secret}"
      SUBGRAPH_SIGNING_SECRETS: "${partnerKeys}"
      SUPERGRAPH_PATH: schema/supergraph.graphql
      SUBGRAPH_URLS: *subgraph-urls
      HARVEST_INTERVAL_SECONDS: "60"
      REDIS_URL: redis://redis:6379
      DECISION_DEADLINE_DAYS: "60"
    depends_on:
      redis:
        condition: service_healthy
${partnerIds.map((id) => `      ${id}:\n        condition: service_healthy\n`).join('')}    healthcheck: *ready-health
`;
}
