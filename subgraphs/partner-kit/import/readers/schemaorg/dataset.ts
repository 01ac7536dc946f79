import type { Term } from 'n3';
import { localizedText, type GraphNode } from '../../rdf/graph.js';
import { DCT, SCHEMA } from '../../rdf/namespaces.js';
import type { RdfReading } from '../../rdf/rdf-reading.js';
import { firstOf } from '../../rdf/written-values.js';
import type { LocalizedText, SourceDataset } from '../../source-dataset.js';
import { readAgent } from './agent.js';
import { readSpatial, readTemporal } from './coverage.js';
import { readDistribution } from './distribution.js';
import { readIdentifiers } from './identifiers.js';
import { readLicences } from './licence.js';
import { readText } from './text.js';

// A schema:Dataset as science-on-schema.org and MLCommons Croissant 1.0 write it. schema.org has no
// series, versions of a dataset, contact points of the dataset itself or data-use terms; those stay
// empty rather than guessed.

export function readDataset(reading: RdfReading, node: GraphNode, sourceId: string): SourceDataset {
  const { graph, problems } = reading;
  const where = graph.label(node);
  const single = (properties: string | string[], name: string) => firstOf(graph.strings(node, properties), where, name, problems);
  const dataset: SourceDataset = {
    sourceId,
    isSeries: false,
    identifiers: readIdentifiers(reading, node),
    titles: readText(reading, node, SCHEMA('name')),
    descriptions: readText(reading, node, SCHEMA('description')),
    keywords: readKeywords(reading, node),
    themes: [],
    languages: readLanguages(reading, node),
    landingPages: graph.strings(node, SCHEMA('url')),
    contactPoints: [],
    creators: graph.objects(node, [SCHEMA('creator'), SCHEMA('author')]).map((agent) => readAgent(reading, agent)),
    qualifiedAttributions: [],
    versionNotes: [],
    temporal: readTemporal(reading, node),
    spatial: readSpatial(reading, node),
    conformsTo: graph.strings(node, DCT('conformsTo')),
    provenance: [],
    licences: readLicences(reading, node),
    rights: readText(reading, node, SCHEMA('conditionsOfAccess')),
    useConditions: [],
    distributions: graph.objects(node, SCHEMA('distribution')).map((distribution) => readDistribution(reading, distribution)),
    inSeries: [],
    hasVersion: [],
  };
  const publisher = graph.objects(node, SCHEMA('publisher'))[0];
  if (publisher) dataset.publisher = readAgent(reading, publisher);
  const optional: Partial<SourceDataset> = {
    version: single(SCHEMA('version'), 'version'),
    // The record has no creation date; a dataset published without a datePublished was at the
    // latest published when it was created.
    issued: single(SCHEMA('datePublished'), 'datePublished') ?? single(SCHEMA('dateCreated'), 'dateCreated'),
    modified: single(SCHEMA('dateModified'), 'dateModified'),
    accessRights: freeOfCharge(single(SCHEMA('isAccessibleForFree'), 'isAccessibleForFree')),
  };
  for (const [key, value] of Object.entries(optional)) if (value !== undefined) Object.assign(dataset, { [key]: value });
  return dataset;
}

// Keywords are texts (one text may list several, comma-separated, as schema.org allows), DefinedTerms
// with a name, or IRIs.
function readKeywords({ graph }: RdfReading, node: Term): LocalizedText[] {
  const terms = graph.objects(node, SCHEMA('keywords'));
  const literals = terms.filter((term) => term.termType === 'Literal');
  const split = literals.length === 1;
  const keywords = terms.flatMap((term): LocalizedText[] => {
    if (term.termType === 'Literal') {
      const text = localizedText(term);
      if (!split) return [text];
      return text.value.split(',').map((part) => part.trim()).filter(Boolean).map((value) => ({ ...text, value }));
    }
    const named = graph.texts(term, SCHEMA('name'));
    if (named.length > 0) return named;
    return term.termType === 'NamedNode' ? [{ value: graph.label(term) }] : [];
  });
  const seen = new Set<string>();
  return keywords.filter(({ value, language }) => {
    const key = `${language ?? ''}\u0000${value}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// schema:inLanguage is a BCP 47 code or a schema:Language node.
function readLanguages({ graph }: RdfReading, node: Term): string[] {
  return [...new Set(graph.objects(node, SCHEMA('inLanguage')).flatMap((term) => {
    if (term.termType !== 'BlankNode') return [graph.written(term) ?? ''].filter(Boolean);
    return graph.strings(term, [SCHEMA('alternateName'), SCHEMA('name')]).slice(0, 1);
  }))];
}

// schema:isAccessibleForFree is a Boolean, written true, "true" or "True" in the wild.
function freeOfCharge(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const lower = value.trim().toLowerCase();
  return lower === 'true' || lower === 'false' ? lower : value;
}
