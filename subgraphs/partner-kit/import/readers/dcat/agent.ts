import type { Term } from 'n3';
import { isNode } from '../../rdf/graph.js';
import { CV, DCT, FOAF, RDFS, SCHEMA, SKOS, VCARD } from '../../rdf/namespaces.js';
import type { RdfReading } from '../../rdf/rdf-reading.js';
import { mailAddress } from '../../rdf/written-values.js';
import type { SourceAgent } from '../../source-dataset.js';

// An agent as DCAT-AP writes one: a foaf:Agent (publisher, creator) or a vcard:Kind (contact point).
// DCAT-AP 3 and HealthDCAT-AP give agents a Core Vocabularies contact point (cv:contactPoint) that
// holds their e-mail and page; it is read when the agent has none of its own.

const NAMES = [FOAF('name'), VCARD('fn'), VCARD('organization-name'), SCHEMA('name'), SKOS('prefLabel'), RDFS('label'), DCT('title')];
const EMAILS = [VCARD('hasEmail'), FOAF('mbox'), CV('email'), SCHEMA('email')];
const PAGES = [FOAF('homepage'), VCARD('hasURL'), CV('contactPage'), SCHEMA('url'), FOAF('page')];
const PERSON_CLASSES = [FOAF('Person'), VCARD('Individual'), SCHEMA('Person')];
const ORGANIZATION_CLASSES = [FOAF('Organization'), VCARD('Organization'), SCHEMA('Organization')];

/** The agent a node (or a bare IRI) stands for; a literal is read as the agent's name. */
export function readAgent({ graph }: RdfReading, term: Term): SourceAgent {
  if (!isNode(term)) {
    const name = graph.written(term);
    return { names: name ? [{ value: name }] : [] };
  }
  const contacts = graph.nodes(term, CV('contactPoint'));
  const fromContacts = (properties: string[]) => contacts.flatMap((contact) => graph.strings(contact, properties));
  const email = graph.string(term, EMAILS) ?? fromContacts(EMAILS)[0];
  const homepage = graph.string(term, PAGES) ?? fromContacts(PAGES)[0];
  const agent: SourceAgent = { names: graph.texts(term, NAMES) };
  const kind = PERSON_CLASSES.some((c) => graph.hasType(term, c)) ? 'person'
    : ORGANIZATION_CLASSES.some((c) => graph.hasType(term, c)) ? 'organization' : undefined;
  if (kind) agent.kind = kind;
  const identifier = term.termType === 'NamedNode' ? graph.written(term) : graph.string(term, DCT('identifier'));
  if (identifier) agent.identifier = identifier;
  if (email) agent.email = mailAddress(email);
  if (homepage) agent.homepage = homepage;
  return agent;
}
