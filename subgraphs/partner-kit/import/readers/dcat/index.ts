import type { GraphNode } from '../../rdf/graph.js';
import { DCAT, DCT } from '../../rdf/namespaces.js';
import type { RdfReading } from '../../rdf/rdf-reading.js';
import { readGraph } from '../../rdf/read-graph.js';
import type { SourceReading } from '../../source-dataset.js';
import { readCatalog } from './catalog.js';
import { datasetNodes } from './dataset-nodes.js';
import { readDataset } from './dataset.js';

// The DCAT reader: W3C DCAT 3, DCAT-AP 3, DCAT-AP-SE and HealthDCAT-AP files, in Turtle or JSON-LD
// (the syntax is decided from the content, rdf/rdf-syntax.ts), read into the neutral record of
// source-dataset.ts. It never throws on a file: what is wrong with it comes back as problems.

export async function readDcat(text: string, fileName: string): Promise<SourceReading> {
  try {
    const { graph, problems } = await readGraph(text, fileName);
    if (!graph) return { format: 'dcat', datasets: [], problems };
    const reading: RdfReading = { graph, problems };
    const catalog = readCatalog(reading);
    const nodes = datasetNodes(reading);
    const datasets = nodes.map((node, index) => readDataset(reading, node, sourceIdOf(reading, node, fileName, index)));
    if (datasets.length === 0) problems.push({ where: fileName, message: 'no dcat:Dataset or dcat:DatasetSeries in the file' });
    return { format: 'dcat', ...(catalog && { catalog }), datasets, problems };
  } catch (error) {
    // A defect of the reader, not of the file; still reported, not thrown at the partner.
    return { format: 'dcat', datasets: [], problems: [{ where: fileName, message: `the file could not be read: ${(error as Error).message}` }] };
  }
}

// A blank-node dataset has no IRI; its identifier or landing page names it, else its place.
function sourceIdOf({ graph }: RdfReading, node: GraphNode, fileName: string, index: number): string {
  if (node.termType === 'NamedNode') return graph.label(node);
  return graph.string(node, DCT('identifier')) ?? graph.string(node, DCAT('landingPage')) ?? `${fileName}#dataset-${index + 1}`;
}
