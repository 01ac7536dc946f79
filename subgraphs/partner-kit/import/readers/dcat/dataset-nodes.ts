import type { GraphNode } from '../../rdf/graph.js';
import { DCAT } from '../../rdf/namespaces.js';
import type { RdfReading } from '../../rdf/rdf-reading.js';

// Which nodes are datasets: those typed dcat:Dataset or dcat:DatasetSeries, and those a catalog
// lists with dcat:dataset and describes without a type (the property's range says what they are).
// A listed dataset the file does not describe, and a distribution no dataset points at, are
// reported rather than silently lost.

export function datasetNodes(reading: RdfReading): GraphNode[] {
  const { graph, problems } = reading;
  const typed = graph.nodesOfType(DCAT('Dataset'), DCAT('DatasetSeries'));
  const known = new Set(typed.map((node) => node.value));
  const untyped = graph.targets(DCAT('dataset')).filter((node) => !known.has(node.value));
  for (const node of untyped.filter((node) => !graph.isDescribed(node))) {
    problems.push({ where: graph.label(node), message: 'a catalog lists this dataset (dcat:dataset) but the file does not describe it; it is not read' });
  }
  for (const node of graph.nodesOfType(DCAT('Distribution')).filter((node) => !graph.isReferenced(node))) {
    problems.push({ where: graph.label(node), message: 'this dcat:Distribution belongs to no dataset in the file (no dcat:distribution points at it); it is not read' });
  }
  return [...typed, ...untyped.filter((node) => graph.isDescribed(node))];
}
