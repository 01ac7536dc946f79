import type { Term } from 'n3';
import { localizedText } from '../../rdf/graph.js';
import { SCHEMA } from '../../rdf/namespaces.js';
import type { RdfReading } from '../../rdf/rdf-reading.js';
import { isAbsoluteIri, mailAddress } from '../../rdf/written-values.js';
import type { LocalizedText, SourceAgent } from '../../source-dataset.js';

// A schema:Person or schema:Organization (creator, author, publisher). Its "@id" identifies it when
// it is an absolute IRI (science-on-schema.org recommends an ORCID or ROR IRI there); otherwise a
// schema:identifier does (an IRI, a text, or a PropertyValue's value or url).

const ORGANIZATION_TYPES = ['Organization', 'ResearchOrganization', 'GovernmentOrganization', 'EducationalOrganization', 'CollegeOrUniversity', 'NGO', 'Corporation', 'Consortium', 'FundingScheme', 'Project', 'ResearchProject'].map(SCHEMA);

export function readAgent({ graph }: RdfReading, term: Term): SourceAgent {
  if (term.termType === 'Literal') return { names: [localizedText(term)] };
  const agent: SourceAgent = { names: names(graph, term) };
  if (graph.hasType(term, SCHEMA('Person'))) agent.kind = 'person';
  else if (ORGANIZATION_TYPES.some((type) => graph.hasType(term, type))) agent.kind = 'organization';
  const identifier = identifierOf(graph, term);
  if (identifier) agent.identifier = identifier;
  const email = graph.string(term, SCHEMA('email'));
  if (email) agent.email = mailAddress(email);
  const homepage = graph.string(term, SCHEMA('url'));
  if (homepage) agent.homepage = homepage;
  return agent;
}

function names(graph: RdfReading['graph'], node: Term): LocalizedText[] {
  const named = graph.texts(node, [SCHEMA('name'), SCHEMA('legalName'), SCHEMA('alternateName')]);
  if (named.length > 0) return named;
  const given = graph.string(node, SCHEMA('givenName'));
  const family = graph.string(node, SCHEMA('familyName'));
  const full = [given, family].filter(Boolean).join(' ');
  return full ? [{ value: full }] : [];
}

function identifierOf(graph: RdfReading['graph'], node: Term): string | undefined {
  const own = node.termType === 'NamedNode' ? graph.written(node) : undefined;
  if (own && isAbsoluteIri(own)) return own;
  for (const identifier of graph.objects(node, SCHEMA('identifier'))) {
    const value = identifier.termType === 'BlankNode' ? graph.string(identifier, [SCHEMA('url'), SCHEMA('value')]) : graph.written(identifier);
    if (value) return value;
  }
  return own;
}
