import { DataFactory, type NamedNode } from 'n3';
import { alpha3 } from './country-codes.js';
import { EU_AUTHORITY, IANA_MEDIA_TYPES, PREFIXES, SPDX_LICENCES } from './rdf-vocabulary.js';

// The controlled vocabularies DCAT-AP 3 asks for, from the contract's values: EU data themes, access
// rights and countries (Publications Office authority tables), IANA media types, SPDX licences and
// GA4GH DUO terms (OBO PURLs).

/** The EU data theme authority's English labels (http://publications.europa.eu/resource/authority/data-theme). */
const DATA_THEMES: ReadonlyMap<string, string> = new Map([
  ['agriculture, fisheries, forestry and food', 'AGRI'],
  ['economy and finance', 'ECON'],
  ['education, culture and sport', 'EDUC'],
  ['energy', 'ENER'],
  ['environment', 'ENVI'],
  ['government and public sector', 'GOVE'],
  ['health', 'HEAL'],
  ['international issues', 'INTR'],
  ['justice, legal system and public safety', 'JUST'],
  ['regions and cities', 'REGI'],
  ['population and society', 'SOCI'],
  ['science and technology', 'TECH'],
  ['transport', 'TRAN'],
]);

/**
 * A theme label's IRI in the EU data theme authority when the label is one of its English labels
 * (case aside); undefined for any other label, which the export then keeps as a concept of its own
 * with the partner's exact text rather than guessing the nearest theme.
 */
export function dataThemeIri(label: string): NamedNode | undefined {
  const code = DATA_THEMES.get(label.trim().toLowerCase());
  return code ? DataFactory.namedNode(`${EU_AUTHORITY}data-theme/${code}`) : undefined;
}

/** The authority's own label of a theme IRI, as the export states it. */
export function dataThemeLabel(label: string): string {
  const lower = label.trim().toLowerCase();
  return lower.charAt(0).toUpperCase() + lower.slice(1);
}

/**
 * dct:accessRights from the data class (schema/partner.graphql, DataClass), on the EU access-right
 * authority's three terms:
 * - PUBLIC -> PUBLIC: "anyone may see and use it".
 * - PARTNER_SHARED and ANONYMIZED -> RESTRICTED ("available under certain conditions"): anyone who
 *   meets a stated condition may use them, consortium membership and, for ANONYMIZED, the accepted
 *   data use agreement.
 * - PROPRIETARY -> NON_PUBLIC ("not publicly accessible"): only the owning partner and those it
 *   chooses to grant access to, one by one, so no condition a requester can meet opens it.
 * The data class itself also goes out as a rights statement (dataset-triples.ts), which keeps
 * PARTNER_SHARED and ANONYMIZED apart for an importer.
 */
export function accessRightsIri(dataClass: string): NamedNode | undefined {
  const term = ({ PUBLIC: 'PUBLIC', PARTNER_SHARED: 'RESTRICTED', ANONYMIZED: 'RESTRICTED', PROPRIETARY: 'NON_PUBLIC' } as Record<string, string>)[dataClass];
  return term ? DataFactory.namedNode(`${EU_AUTHORITY}access-right/${term}`) : undefined;
}

/** An ISO 3166-1 alpha-2 code's IRI in the EU country authority; undefined for a code ISO does not assign. */
export function countryIri(alpha2: string): NamedNode | undefined {
  const code = alpha3(alpha2);
  return code ? DataFactory.namedNode(`${EU_AUTHORITY}country/${code}`) : undefined;
}

// RFC 6838, section 4.2: type "/" subtype, restricted names; parameters are not part of the IRI.
const MEDIA_TYPE = /^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}\/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}$/;

/** A media type's IANA IRI, e.g. http://www.iana.org/assignments/media-types/text/csv. */
export function mediaTypeIri(mediaType: string): NamedNode | undefined {
  return MEDIA_TYPE.test(mediaType) ? DataFactory.namedNode(IANA_MEDIA_TYPES + mediaType.toLowerCase()) : undefined;
}

/** An SPDX licence id's IRI on the SPDX licence list; undefined for a LicenseRef- id or anything that is no SPDX id. */
export function spdxLicenceIri(id: string): NamedNode | undefined {
  if (id.startsWith('LicenseRef-') || !/^[A-Za-z0-9][A-Za-z0-9.+-]*$/.test(id)) return undefined;
  return DataFactory.namedNode(SPDX_LICENCES + id);
}

/** A DUO term id (DUO:0000007) as its OBO PURL, http://purl.obolibrary.org/obo/DUO_0000007. */
export function duoTermIri(termId: string): NamedNode | undefined {
  return /^DUO:\d{7}$/.test(termId) ? DataFactory.namedNode(`${PREFIXES.obo}DUO_${termId.slice(4)}`) : undefined;
}

/** OBO Foundry ontologies a disease id may come from; others (ICD-10) stay text as the partner wrote them. */
const OBO_DISEASE_ONTOLOGIES = new Set(['MONDO', 'DOID', 'HP']);

/** A disease id as an OBO PURL when it is a CURIE of an OBO disease ontology (MONDO:0005148). */
export function diseaseIri(diseaseId: string): NamedNode | undefined {
  const match = /^([A-Za-z]+):(\d+)$/.exec(diseaseId);
  return match && OBO_DISEASE_ONTOLOGIES.has(match[1]!.toUpperCase())
    ? DataFactory.namedNode(`${PREFIXES.obo}${match[1]!.toUpperCase()}_${match[2]}`)
    : undefined;
}
