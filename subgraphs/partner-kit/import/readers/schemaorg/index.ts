import type { GraphNode } from '../../rdf/graph.js';
import { SCHEMA, SCHEMA_ORG_HTTP, SCHEMA_ORG_HTTPS } from '../../rdf/namespaces.js';
import type { RdfReading } from '../../rdf/rdf-reading.js';
import { readGraph } from '../../rdf/read-graph.js';
import type { SourceReading } from '../../source-dataset.js';
import { readCatalog } from './catalog.js';
import { readDataset } from './dataset.js';
import { readIdentifiers } from './identifiers.js';

// The schema.org reader: schema:Dataset as science-on-schema.org writes it and MLCommons Croissant
// 1.0 (schema.org plus the cr: vocabulary), in JSON-LD (or Turtle), read into the neutral record of
// source-dataset.ts. schema.org terms are read under http://schema.org/ whichever form the file
// used. It never throws on a file: what is wrong with it comes back as problems.

export async function readSchemaOrg(text: string, fileName: string): Promise<SourceReading> {
  try {
    const { graph, problems } = await readGraph(text, fileName, { aliases: { [SCHEMA_ORG_HTTPS]: SCHEMA_ORG_HTTP } });
    if (!graph) return { format: 'schemaorg', datasets: [], problems };
    const reading: RdfReading = { graph, problems };
    const catalog = readCatalog(reading);
    const datasets = graph.nodesOfType(SCHEMA('Dataset'))
      .map((node, index) => readDataset(reading, node, sourceIdOf(reading, node, fileName, index)));
    if (datasets.length === 0) problems.push({ where: fileName, message: 'no schema.org Dataset in the file ("@type": "Dataset")' });
    return { format: 'schemaorg', ...(catalog && { catalog }), datasets, problems };
  } catch (error) {
    // A defect of the reader, not of the file; still reported, not thrown at the partner.
    return { format: 'schemaorg', datasets: [], problems: [{ where: fileName, message: `the file could not be read: ${(error as Error).message}` }] };
  }
}

// A Croissant dataset is a blank node: its identifier or url names it, else its place in the file.
function sourceIdOf(reading: RdfReading, node: GraphNode, fileName: string, index: number): string {
  const { graph } = reading;
  if (node.termType === 'NamedNode') return graph.label(node);
  return readIdentifiers(reading, node)[0]?.value ?? graph.string(node, SCHEMA('url')) ?? `${fileName}#dataset-${index + 1}`;
}
