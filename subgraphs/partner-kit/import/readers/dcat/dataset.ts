import type { Term } from 'n3';
import type { GraphNode } from '../../rdf/graph.js';
import { ADMS, DCAT, DCT, FOAF, OWL, PROV, RDFS, SKOS, XSD } from '../../rdf/namespaces.js';
import type { RdfReading } from '../../rdf/rdf-reading.js';
import { firstOf } from '../../rdf/written-values.js';
import type { LocalizedText, SourceDataset } from '../../source-dataset.js';
import { readAgent } from './agent.js';
import { readDistribution } from './distribution.js';
import { readAccessRights, readLicences, readRights } from './licence.js';
import { readSpatial } from './spatial.js';
import { readPeriods } from './temporal.js';
import { readUseConditions } from './use-conditions.js';
import { readDataClass } from './data-class.js';

// A dcat:Dataset or dcat:DatasetSeries (DCAT 3, "Class: Dataset") with the DCAT-AP 3 and
// HealthDCAT-AP properties the record has a place for. Where DCAT 3 renamed a property, the DCAT-AP
// 2 name is read too (dcat:version and owl:versionInfo; dcat:isVersionOf and dct:isVersionOf).
// Everything is kept as written; what it means is the mapping's business.

const VERSIONS = [DCAT('version'), OWL('versionInfo')];
const IS_VERSION_OF = [DCAT('isVersionOf'), DCT('isVersionOf')];
const HAS_VERSION = [DCAT('hasVersion'), DCT('hasVersion')];
const PROVENANCE_TEXT = [RDFS('label'), DCT('description')];

export function readDataset(reading: RdfReading, node: GraphNode, sourceId: string): SourceDataset {
  const { graph, problems } = reading;
  const where = graph.label(node);
  const single = (properties: string[], name: string) => firstOf(graph.strings(node, properties), where, name, problems);
  const dataset: SourceDataset = {
    sourceId,
    isSeries: graph.hasType(node, DCAT('DatasetSeries')),
    identifiers: readIdentifiers(reading, node),
    titles: graph.texts(node, DCT('title')),
    descriptions: graph.texts(node, DCT('description')),
    keywords: graph.texts(node, DCAT('keyword')),
    themes: readThemes(reading, node),
    languages: graph.strings(node, DCT('language')),
    landingPages: graph.strings(node, DCAT('landingPage')),
    contactPoints: graph.objects(node, DCAT('contactPoint')).map((agent) => readAgent(reading, agent)),
    creators: graph.objects(node, DCT('creator')).map((agent) => readAgent(reading, agent)),
    qualifiedAttributions: readAttributions(reading, node),
    versionNotes: graph.texts(node, ADMS('versionNotes')),
    temporal: readPeriods(reading, node),
    spatial: readSpatial(reading, node),
    conformsTo: readStandards(reading, node),
    provenance: readProvenance(reading, node),
    licences: readLicences(reading, node),
    rights: readRights(reading, node, DCT('rights')),
    // HealthDCAT-AP's dpv:hasPurpose is a processing purpose, not a DUO term, and is not read as one.
    useConditions: readUseConditions(reading, node),
    distributions: graph.nodes(node, DCAT('distribution')).map((distribution) => readDistribution(reading, distribution)),
    inSeries: graph.strings(node, DCAT('inSeries')),
    hasVersion: graph.strings(node, HAS_VERSION),
  };
  const publisher = graph.objects(node, DCT('publisher'))[0];
  if (publisher) dataset.publisher = readAgent(reading, publisher);
  const optional: Partial<SourceDataset> = {
    version: single(VERSIONS, 'dcat:version'),
    issued: single([DCT('issued')], 'dct:issued'),
    modified: single([DCT('modified')], 'dct:modified'),
    available: single([DCT('available')], 'dct:available'),
    accrualPeriodicity: single([DCT('accrualPeriodicity')], 'dct:accrualPeriodicity'),
    temporalResolution: single([DCAT('temporalResolution')], 'dcat:temporalResolution'),
    accessRights: readAccessRights(reading, node),
    dataClass: readDataClass(reading, node),
    isVersionOf: single(IS_VERSION_OF, 'dcat:isVersionOf'),
    previousVersion: single([DCAT('previousVersion')], 'dcat:previousVersion'),
  };
  for (const [key, value] of Object.entries(optional)) if (value !== undefined) Object.assign(dataset, { [key]: value });
  return dataset;
}

// dct:identifier is a literal; adms:identifier is an adms:Identifier node whose skos:notation is the
// identifier, and whose scheme is the notation's datatype, adms:schemaAgency or dct:creator.
function readIdentifiers(reading: RdfReading, node: Term): SourceDataset['identifiers'] {
  const { graph } = reading;
  const identifiers: SourceDataset['identifiers'] = graph.strings(node, DCT('identifier')).map((value) => ({ value }));
  for (const term of graph.objects(node, ADMS('identifier'))) {
    if (term.termType === 'Literal' || (term.termType === 'NamedNode' && !graph.isDescribed(term))) {
      const value = graph.written(term);
      if (value) identifiers.push({ value });
      continue;
    }
    const scheme = schemeOf(reading, term);
    for (const notation of graph.objects(term, SKOS('notation'))) {
      const value = graph.written(notation);
      if (!value) continue;
      const datatype = notation.termType === 'Literal' && !notation.language && notation.datatype.value !== XSD('string') ? notation.datatype.value : undefined;
      const identifierScheme = datatype ?? scheme;
      identifiers.push(identifierScheme ? { value, scheme: identifierScheme } : { value });
    }
  }
  return uniqueIdentifiers(identifiers);
}

// dct:identifier and adms:identifier often repeat one value; it is kept once, with its scheme.
function uniqueIdentifiers(identifiers: SourceDataset['identifiers']): SourceDataset['identifiers'] {
  const byValue = new Map<string, SourceDataset['identifiers'][number]>();
  for (const identifier of identifiers) {
    const known = byValue.get(identifier.value);
    if (!known || (!known.scheme && identifier.scheme)) byValue.set(identifier.value, identifier);
  }
  return [...byValue.values()];
}

function schemeOf({ graph }: RdfReading, identifier: Term): string | undefined {
  const agency = graph.string(identifier, ADMS('schemaAgency'));
  if (agency) return agency;
  const creator = graph.objects(identifier, DCT('creator'))[0];
  if (!creator) return undefined;
  return creator.termType === 'BlankNode' ? graph.texts(creator, FOAF('name'))[0]?.value : graph.written(creator);
}

// dct:conformsTo is a dct:Standard: its IRI, or, for a standard without one, a node whose title names it.
function readStandards(reading: RdfReading, node: Term): string[] {
  return reading.graph.objects(node, DCT('conformsTo'))
    .map((standard) => labelOrWritten(reading, standard, [DCT('title'), RDFS('label')]))
    .filter((standard): standard is string => standard !== undefined);
}

// A node without an IRI of its own (a blank node) stands for what its label says; any other term is kept as written.
function labelOrWritten({ graph }: RdfReading, term: Term | undefined, labels: string[]): string | undefined {
  if (term === undefined) return undefined;
  if (term.termType === 'BlankNode') return graph.texts(term, labels)[0]?.value;
  return graph.written(term);
}

// dcat:theme is a skos:Concept: its skos:prefLabel, when the file gives one, is the theme as a person
// reads it (DCAT-AP 3 export, EU data theme IRIs with their English label); else the IRI as written.
function readThemes({ graph }: RdfReading, node: Term): string[] {
  return graph.objects(node, DCAT('theme')).flatMap((theme) => {
    const label = theme.termType === 'Literal' ? undefined : graph.texts(theme, SKOS('prefLabel'))[0]?.value;
    if (label) return [label];
    const written = graph.written(theme);
    return written ? [written] : [];
  });
}

// prov:qualifiedAttribution (DCAT 3, "Property: qualified attribution"): a prov:Attribution with
// prov:agent and dcat:hadRole.
function readAttributions(reading: RdfReading, node: Term): SourceDataset['qualifiedAttributions'] {
  const { graph } = reading;
  return graph.nodes(node, PROV('qualifiedAttribution')).flatMap((attribution) => {
    const agent = graph.objects(attribution, PROV('agent'))[0];
    if (!agent) return [];
    const role = labelOrWritten(reading, graph.objects(attribution, DCAT('hadRole'))[0], [SKOS('prefLabel')]);
    return [role ? { agent: readAgent(reading, agent), role } : { agent: readAgent(reading, agent) }];
  });
}

// dct:provenance is a dct:ProvenanceStatement: a node whose label says it, or (against the
// profile) a literal.
function readProvenance({ graph }: RdfReading, node: Term): LocalizedText[] {
  const statements = graph.nodes(node, DCT('provenance')).flatMap((statement) => graph.texts(statement, PROVENANCE_TEXT));
  return [...graph.texts(node, DCT('provenance')), ...statements];
}
