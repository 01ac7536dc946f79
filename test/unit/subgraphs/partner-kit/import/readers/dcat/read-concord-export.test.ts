import { describe, expect, it } from 'vitest';
import { readDcat } from '../../../../../../../subgraphs/partner-kit/import/readers/dcat/index.js';
import type { SourceDataset } from '../../../../../../../subgraphs/partner-kit/import/source-dataset.js';

// The shapes Concord's own DCAT-AP 3 export writes (gateway/catalog-export), read back as source fields.

const PREFIXES = `
@prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dct: <http://purl.org/dc/terms/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix obo: <http://purl.obolibrary.org/obo/> . @prefix prov: <http://www.w3.org/ns/prov#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
`;

async function readOne(body: string): Promise<SourceDataset> {
  const reading = await readDcat(`${PREFIXES}<https://concord.example.org/datasets/p%3Ads-1> a dcat:Dataset ; dct:title "T"@en ; ${body} .`, 'export.ttl');
  expect(reading.datasets).toHaveLength(1);
  return reading.datasets[0]!;
}

const EU = 'http://publications.europa.eu/resource/authority/';

const cases: { name: string; body: string; expected: Partial<SourceDataset> }[] = [
  {
    name: 'a DUO rights statement with its modifiers',
    body: `dct:rights [ a dct:RightsStatement, obo:DUO_0000012 ; dct:identifier "DUO:0000012" ; skos:notation "RS" ; rdfs:label "research specific restrictions"@en ] ,
      [ a obo:DUO_0000022 ; dct:identifier "DUO:0000022" ; dct:spatial <${EU}country/GBR> ] ,
      [ a obo:DUO_0000025 ; dct:identifier "DUO:0000025" ; dct:extent "P12M"^^xsd:duration ]`,
    expected: {
      useConditions: expect.arrayContaining([
        { term: 'DUO:0000012', label: 'research specific restrictions', modifiers: [] },
        { term: 'DUO:0000022', modifiers: [`${EU}country/GBR`] },
        { term: 'DUO:0000025', modifiers: ['P12M'] },
      ]) as SourceDataset['useConditions'],
    },
  },
  {
    name: 'the data class as a rights statement\'s notation',
    body: `dct:accessRights <${EU}access-right/RESTRICTED> ; dct:rights [ a dct:RightsStatement ; skos:notation "ANONYMIZED" ]`,
    expected: { dataClass: 'ANONYMIZED', accessRights: `${EU}access-right/RESTRICTED`, useConditions: [] },
  },
  {
    name: 'a notation that is no data class',
    body: 'dct:rights [ skos:notation "SECRET" ]',
    expected: { useConditions: [] },
  },
  {
    name: 'an EU theme with its label, and a theme of the partner\'s own',
    body: `dcat:theme <${EU}data-theme/HEAL> , [ a skos:Concept ; skos:prefLabel "Biobanks"@en ] . <${EU}data-theme/HEAL> skos:prefLabel "Health"@en`,
    expected: { themes: expect.arrayContaining(['Health', 'Biobanks']) as string[] },
  },
  {
    name: 'a standard without an IRI, by its title',
    body: 'dct:conformsTo [ a dct:Standard ; dct:title "ISO 19115-1:2014"@en ] , <https://cfconventions.org/>',
    expected: { conformsTo: expect.arrayContaining(['ISO 19115-1:2014', 'https://cfconventions.org/']) as string[] },
  },
  {
    name: 'a role named by a concept\'s label',
    body: 'prov:qualifiedAttribution [ prov:agent [ a <http://xmlns.com/foaf/0.1/Organization> ; <http://xmlns.com/foaf/0.1/name> "Network" ] ; dcat:hadRole [ a dcat:Role ; skos:prefLabel "originator" ] ]',
    expected: { qualifiedAttributions: [expect.objectContaining({ role: 'originator' }) as SourceDataset['qualifiedAttributions'][number]] },
  },
  {
    name: 'dct:available, the end of an embargo',
    body: 'dct:available "2027-09-30"^^xsd:date',
    expected: { available: '2027-09-30' },
  },
];

describe('the DCAT reader on the shapes of Concord\'s DCAT-AP 3 export', () => {
  it.each(cases)('$name', async ({ body, expected }) => {
    expect(await readOne(body)).toMatchObject(expected);
  });
});
