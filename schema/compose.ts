import { writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { composeServices } from '@apollo/composition';
import { datasetTypeNameFor, partnerTypeDefs } from './partner-contract.js';
import { catalogIndexTypeDefs } from './catalog-index-contract.js';
import { governanceTypeDefs } from './governance-contract.js';
import { dockerComposeFile } from './docker-compose-file.js';
import { readFederationManifest, type FederationManifest } from './federation-manifest.js';
import { repositoryPath } from './repository-files.js';

// `npm run compose`: everything that follows from the federation manifest (schema/subgraphs.json),
// the supergraph and docker-compose.yml, written together so they never disagree.

export const SUPERGRAPH_URL = pathToFileURL(repositoryPath('schema/supergraph.graphql'));
export const DOCKER_COMPOSE_URL = pathToFileURL(repositoryPath('docker-compose.yml'));

// The catalog index and the governance subgraph declare only `id` on the Dataset interface, by
// design (they return references and the partners resolve every other field), which composition
// reports as a hint, not an error.
const EXPECTED_HINTS = new Set(['INCONSISTENT_INTERFACE_VALUE_TYPE_FIELD']);

export interface Composition {
  supergraphSdl: string;
  hints: string[];
}

export function composeCatalog(manifest: FederationManifest): Composition {
  const partners = manifest.partners.map((p) => ({ id: p.id, datasetTypeName: datasetTypeNameFor(p.id) }));
  const result = composeServices([
    ...manifest.partners.map((p) => ({ name: p.id, url: p.url, typeDefs: partnerTypeDefs(p.id) })),
    { name: manifest.catalogIndex.name, url: manifest.catalogIndex.url, typeDefs: catalogIndexTypeDefs(partners) },
    ...(manifest.governance ? [{ name: manifest.governance.name, url: manifest.governance.url, typeDefs: governanceTypeDefs(partners) }] : []),
  ]);
  if (result.errors) {
    throw new Error(`composition failed:\n${result.errors.map((e) => `  - ${e.message}`).join('\n')}`);
  }
  const hints = (result.hints ?? [])
    .filter((h) => !EXPECTED_HINTS.has(h.definition.code))
    .map((h) => h.toString());
  return { supergraphSdl: result.supergraphSdl, hints };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const manifest = readFederationManifest();
    const { supergraphSdl, hints } = composeCatalog(manifest);
    for (const hint of hints) process.stderr.write(`hint: ${hint}\n`);
    writeFileSync(SUPERGRAPH_URL, supergraphSdl.endsWith('\n') ? supergraphSdl : `${supergraphSdl}\n`);
    process.stdout.write(`wrote schema/supergraph.graphql (${supergraphSdl.split('\n').length} lines)\n`);
    writeFileSync(DOCKER_COMPOSE_URL, dockerComposeFile(manifest));
    process.stdout.write(`wrote docker-compose.yml (${manifest.partners.length} partners)\n`);
  } catch (error) {
    process.stderr.write(`compose: ${(error as Error).message}\n`);
    process.exit(1);
  }
}
