import { portOf, type FederationManifest } from './federation-manifest.js';

// docker-compose.yml, written by `npm run compose` from the federation manifest (schema/subgraphs.json)
// so that a partner added to the manifest gets its service, its signing key and its routes with no
// hand edit (ARCHITECTURE.md, "Build and run"; "Where to add things", "A partner"). The services run
// the same npm scripts as `npm start`, on the compiled build.

/** The gateway's own default port (gateway/config.ts), published to the host. */
export const GATEWAY_PORT = 4000;
const NODE_IMAGE = 'node:24-bookworm-slim';
const REDIS_IMAGE = 'redis:7-bookworm';
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
    # a volume, so a restart of the container loses nothing (ARCHITECTURE.md "Stores").
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
    depends_on:
${partnerIds.map((id) => `      ${id}:\n        condition: service_healthy\n`).join('')}    healthcheck: &ready-health
      test: ["CMD", "node", "-e", "fetch('http://127.0.0.1:' + process.env.PORT + '/ready').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
      interval: 5s
      timeout: 3s
      retries: 20
${governance ? governanceService(governance, secret(governance.name), keyList(partnerIds), partnerIds) : ''}
  gateway:
    <<: *node-service
    command: ["npm", "run", "gateway"]
    ports:
      - "${GATEWAY_PORT}:${GATEWAY_PORT}"
    environment:
      PORT: "${GATEWAY_PORT}"
      HOST: "0.0.0.0"
      LOG_LEVEL: info
      SUBGRAPH_SIGNING_SECRETS: *all-keys
      SUPERGRAPH_PATH: schema/supergraph.graphql
      SUBGRAPH_URLS: *subgraph-urls
      REDIS_URL: redis://redis:6379${governance ? `
      PRINCIPAL_SUBGRAPHS: "${services.map((s) => s.name).join(',')}"` : ''}
    depends_on:
      redis:
        condition: service_healthy
${services.map((s) => `      ${s.name}:\n        condition: service_healthy\n`).join('')}    healthcheck: *ready-health

volumes:
  node_modules:
  redis-data:
`;
}

function header(keyWords: readonly string[]): string {
  return `# Written by \`npm run compose\` from schema/subgraphs.json: edit the manifest, not this file.
# The demo federation in containers: Redis, the partners, the catalog index, the governance
# subgraph and the gateway, running the same npm scripts as \`npm start\`. Each subgraph verifies
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
    depends_on:
      install:
        condition: service_completed_successfully
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
