import { SCHEMA } from '../../rdf/namespaces.js';
import type { RdfReading } from '../../rdf/rdf-reading.js';
import type { SourceCatalog } from '../../source-dataset.js';
import { readAgent } from './agent.js';
import { readLicences } from './licence.js';
import { readText } from './text.js';

// A schema:DataCatalog holding the datasets, when the file has one (a repository's catalog page).

export function readCatalog(reading: RdfReading): SourceCatalog | undefined {
  const { graph } = reading;
  const node = graph.nodesOfType(SCHEMA('DataCatalog'))[0];
  if (!node) return undefined;
  const catalog: SourceCatalog = {
    titles: readText(reading, node, SCHEMA('name')),
    licences: readLicences(reading, node),
    languages: graph.strings(node, SCHEMA('inLanguage')),
  };
  const publisher = graph.objects(node, SCHEMA('publisher'))[0];
  if (publisher) catalog.publisher = readAgent(reading, publisher);
  const homepage = graph.string(node, SCHEMA('url'));
  if (homepage) catalog.homepage = homepage;
  return catalog;
}
