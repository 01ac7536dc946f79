import type { GraphNode } from '../../rdf/graph.js';
import { DCAT, DCT, FOAF } from '../../rdf/namespaces.js';
import type { RdfReading } from '../../rdf/rdf-reading.js';
import type { SourceCatalog } from '../../source-dataset.js';
import { readAgent } from './agent.js';
import { readLicences } from './licence.js';

// The dcat:Catalog node: what it says once for all its datasets (DCAT-AP-SE gives the licence only
// here). A file with sub-catalogs (dcat:catalog) is read from its top catalog.

// Not a DCAT class, but DCAT-AP 3 HVD's own example uses it for its catalog.
const MISSPELT_CATALOG = DCAT('Catalogue');

export function readCatalog(reading: RdfReading): SourceCatalog | undefined {
  const { graph, problems } = reading;
  for (const node of graph.nodesOfType(MISSPELT_CATALOG)) {
    if (!graph.hasType(node, DCAT('Catalog'))) {
      problems.push({ where: graph.label(node), message: 'typed dcat:Catalogue, which DCAT does not define; read as dcat:Catalog' });
    }
  }
  const catalogs = graph.nodesOfType(DCAT('Catalog'), MISSPELT_CATALOG);
  const tops = catalogs.filter((node) => graph.subjects(DCAT('catalog'), node).length === 0);
  const top = tops[0] ?? catalogs[0];
  if (!top) return undefined;
  if (tops.length > 1) {
    problems.push({ where: graph.label(top), message: `the file holds ${tops.length} catalogs; what a catalog says for all its datasets is read from this one` });
  }
  return catalogOf(reading, top);
}

function catalogOf(reading: RdfReading, node: GraphNode): SourceCatalog {
  const { graph } = reading;
  const catalog: SourceCatalog = {
    titles: graph.texts(node, DCT('title')),
    licences: readLicences(reading, node),
    languages: graph.strings(node, DCT('language')),
  };
  const publisher = graph.objects(node, DCT('publisher'))[0];
  if (publisher) catalog.publisher = readAgent(reading, publisher);
  const homepage = graph.string(node, FOAF('homepage'));
  if (homepage) catalog.homepage = homepage;
  return catalog;
}
