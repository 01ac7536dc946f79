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

type Partner = FederationManifest['partners'][number];

/**
 * The environment variable holding each subgraph's signing key: the first word of a partner's id
 * (NORTHBRIDGE_SIGNING_SECRET), or the whole id when another subgraph shares that word.
 */
export function signingSecretVariables(manifest: FederationManifest): Map<string, string> {
  const firstWord = (id: string) => id.split('-')[0]!.toUpperCase();
  const taken = [...manifest.partners.map((p) => firstWord(p.id)), INDEX_SECRET_VARIABLE.replace(/_SIGNING_SECRET$/, '')];
  const variables = new Map<string, string>();
  for (const { id } of manifest.partners) {
    const word = taken.filter((w) => w === firstWord(id)).length === 1 ? firstWord(id) : id.toUpperCase().replaceAll('-', '_');
    variables.set(id, `${word}_SIGNING_SECRET`);
  }
  variables.set(manifest.catalogIndex.name, INDEX_SECRET_VARIABLE);
  return variables;
}

export function dockerComposeFile(manifest: FederationManifest): string {
  const secrets = signingSecretVariables(manifest);
  const secret = (name: string) => `\${${secrets.get(name)}:?set ${secrets.get(name)}}`;
  const keyList = (names: readonly string[]) => names.map((name) => `${name}=${secret(name)}`).join(',');
  const subgraphUrl = (name: string, url: string) => `${name}=http://${name}:${portOf(url)}${new URL(url).pathname}`;
  const index = manifest.catalogIndex;
  const partnerIds = manifest.partners.map((p) => p.id);
  const subgraphUrls = [...manifest.partners.map((p) => subgraphUrl(p.id, p.url)), subgraphUrl(index.name, index.url)].join(',');
  const keyWords = [...manifest.partners.map((p) => secrets.get(p.id)!), secrets.get(index.name)!].map((v) => v.replace(/_SIGNING_SECRET$/, ''));

  return `${header(keyWords)}
name: concord

x-node-service: &node-service
  image: ${NODE_IMAGE}
  working_dir: /app
  volumes:
    - .:/app:ro
    - node_modules:/app/node_modules
  restart: unless-stopped

x-all-keys: &all-keys "${keyList([...partnerIds, index.name])}"

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
    command: ["redis-server", "--save", "", "--appendonly", "no"]
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
      REDIS_URL: redis://redis:6379
    depends_on:
      redis:
        condition: service_healthy
      ${index.name}:
        condition: service_healthy
    healthcheck: *ready-health

volumes:
  node_modules:
`;
}

function header(keyWords: readonly string[]): string {
  return `# Written by \`npm run compose\` from schema/subgraphs.json: edit the manifest, not this file.
# The demo federation in containers: Redis, the partners, the catalog index and the gateway,
# running the same npm scripts as \`npm start\`. Each subgraph verifies requests with a key of its
# own (the gateway holds them all); there are no defaults, so generate them first:
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
