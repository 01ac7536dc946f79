import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { CONTRACT_ENTITY_TYPE, contractSource } from '../../../../schema/partner-contract.js';
import type { DatasetRecord } from '../../../../subgraphs/partner-kit/catalog-file.js';
import { guardedFieldPaths, numbersIn, publicTextProblems } from '../../../../subgraphs/partner-kit/public-text-check.js';
import { smallCatalog } from '../../../harness/catalog-fixtures.js';

const CONTRACT_GUARDED = guardedFieldPaths(parse(contractSource()), CONTRACT_ENTITY_TYPE);

describe('guardedFieldPaths', () => {
  it('finds every field of the contract that @requiresScopes or @policy guards, below the dataset too', () => {
    expect([...CONTRACT_GUARDED].sort()).toEqual([
      'contactPoint', 'dataDictionary', 'distributions.accessService.endpointUrl', 'distributions.accessUrl', 'distributions.downloadUrl',
      'distributions.licence.royalty', 'licence.royalty', 'qualityReport', 'retention', 'sampleRecords',
    ]);
  });

  const sdl = (body: string) => parse(`directive @policy(policies: [[String!]!]!) on FIELD_DEFINITION | OBJECT
    directive @authenticated on FIELD_DEFINITION | OBJECT
    ${body}`);
  it.each([
    { name: 'a field directive', body: 'type E { a: String @policy(policies: [["p"]]) b: String }', expected: ['a'] },
    { name: 'a guarded type guards the fields of that type', body: 'type E { a: S b: [S!] } type S @authenticated { x: Int }', expected: ['a', 'b'] },
    { name: 'nested through lists', body: 'type E { d: [D!]! } type D { url: String @authenticated name: String }', expected: ['d.url'] },
    { name: 'a cycle is walked once', body: 'type E { next: E x: Int @authenticated }', expected: ['x'] },
    { name: 'nothing guarded', body: 'type E { a: String }', expected: [] },
  ])('$name', ({ body, expected }) => {
    expect(guardedFieldPaths(sdl(body), 'E')).toEqual(expected);
  });
});

describe('numbersIn', () => {
  it.each([
    ['12,345 rows', [12345]],
    ['12345 rows', [12345]],
    ['12 345 rows', [12345]],
    ['12\u00a0345 and 12\u202f345', [12345, 12345]],
    ['1,234,567 and 1 234 567', [1234567, 1234567]],
    ['2015–2020 and 10,000-12,345', [2015, 2020, 10000, 12345]],
    ['a 1536-well plate', [1536]],
    ['0.5 to 20 m, 1234.5 nM', [0.5, 20, 1234.5]],
    ['HX-3300, GRCh38, v4.2, 1.2.826.0.1, NBC-004711, A01', []],
    ['(-1234)', [-1234]],
    ['12,34 and 12,3456', []],
  ])('%s', (text, expected) => {
    expect(numbersIn(text as string).map((n) => n.value)).toEqual(expected);
  });

  it('tells a plain number from a grouped one', () => {
    expect(numbersIn('2019 and 2,019').map((n) => n.plain)).toEqual([true, false]);
  });
});

type Dataset = DatasetRecord;
const base = (): Dataset => ({
  ...smallCatalog().datasets[0]!,
  title: 'Cohort outcomes',
  description: 'Outcomes of a cohort.',
  keywords: ['cohort'],
  provenance: 'Collected at the clinic.',
  contactPoint: { name: 'Data Office', email: 'Data.Office@example.org' },
  distributions: [{ id: 'test-partner:ds-1/dist-1', mediaType: 'text/csv', byteSize: 734_512, accessUrl: 'https://data.example.org/ds-1' }],
  qualityReport: { completeness: 0.9, recordCount: 12_345 },
  sampleRecords: [{ participant_id: 'NBC-004711', sex: 'female', age: 42, position: 48_213_077 }],
  retention: { retainUntil: '2040-01-31', deletionDue: '2041-03-31', basis: 'consent v2' },
});

const WHO = 'dataset "test-partner:ds-1" (datasets[0])';
const problem = (publicField: string, guardedField: string) =>
  `${WHO}, field "${publicField}": repeats the value of guarded field "${guardedField}" in public text`;

// Each row changes the public text (and maybe a guarded value) of one dataset.
const cases: { name: string; change: Partial<Dataset> | ((d: Dataset) => void); expected: string[] }[] = [
  { name: 'public text that repeats nothing', change: {}, expected: [] },
  { name: 'the record count with a comma', change: { description: 'Outcomes of 12,345 patients.' }, expected: [problem('description', 'qualityReport.recordCount')] },
  { name: 'the record count plain', change: { title: '12345 cohort outcomes' }, expected: [problem('title', 'qualityReport.recordCount')] },
  { name: 'the record count grouped by spaces', change: { description: '12 345 visits.' }, expected: [problem('description', 'qualityReport.recordCount')] },
  { name: 'the record count as the end of a range', change: { description: '10,000-12,345 visits.' }, expected: [problem('description', 'qualityReport.recordCount')] },
  { name: 'the record count in a keyword', change: { keywords: ['cohort', 'n=12,345'] }, expected: [problem('keywords[1]', 'qualityReport.recordCount')] },
  { name: 'the record count in provenance', change: { provenance: 'Collected in 12,345 visits.' }, expected: [problem('provenance', 'qualityReport.recordCount')] },
  { name: 'a number that only contains the record count', change: { description: '123456 visits, code HX-12345, 12345.5 nM, 1.12345' }, expected: [] },
  {
    name: 'a one-digit record count against "7 months" (not distinctive)',
    change: (d) => { d.qualityReport = { completeness: 1, recordCount: 7 }; d.description = 'Follow-up at 7 months.'; },
    expected: [],
  },
  {
    name: 'a two-digit record count',
    change: (d) => { d.qualityReport = { completeness: 1, recordCount: 12 }; d.description = 'Follow-up of 12 patients.'; },
    expected: [problem('description', 'qualityReport.recordCount')],
  },
  {
    name: 'a record count below 1,000 (helix-therapeutics ds-007)',
    change: (d) => { d.qualityReport = { completeness: 1, recordCount: 495 }; d.description = 'Outcomes of a cohort. Contains 495 records.'; },
    expected: [problem('description', 'qualityReport.recordCount')],
  },
  {
    name: 'a record count between 1900 and 2100, written plain (helix-therapeutics ds-001)',
    change: (d) => { d.qualityReport = { completeness: 1, recordCount: 2049 }; d.description = 'Outcomes of a cohort. Contains 2049 records.'; },
    expected: [problem('description', 'qualityReport.recordCount')],
  },
  {
    name: 'a record count that reads as a year, written as a year (no year exemption for counts)',
    change: (d) => { d.qualityReport = { completeness: 1, recordCount: 2019 }; d.description = 'Recruited since 2019.'; },
    expected: [problem('description', 'qualityReport.recordCount')],
  },
  {
    name: 'a small record count inside an identifier or a larger number',
    change: (d) => { d.qualityReport = { completeness: 1, recordCount: 495 }; d.description = 'Code HX-495, 4950 visits, 495.5 nM, v1.495.'; },
    expected: [],
  },
  {
    name: 'any guarded integer field named "...Count"',
    change: (d) => { d.sampleRecords = [{ participant_id: 'P1', visitCount: 37 }]; d.description = 'Each had 37 visits.'; },
    expected: [problem('description', 'sampleRecords[0].visitCount')],
  },
  {
    name: 'a small value of a guarded field that is not a count',
    change: (d) => { d.sampleRecords = [{ participant_id: 'P1', age: 37 }]; d.description = 'Each had 37 visits.'; },
    expected: [],
  },
  {
    name: 'a sample value that reads as a year, written as a year',
    change: (d) => { d.sampleRecords = [{ participant_id: 'P1', position: 2019 }]; d.description = 'Recruited since 2019.'; },
    expected: [],
  },
  {
    name: 'a sample value that reads as a year, written as a number',
    change: (d) => { d.sampleRecords = [{ participant_id: 'P1', position: 2019 }]; d.description = '2,019 visits since 2019.'; },
    expected: [problem('description', 'sampleRecords[0].position')],
  },
  { name: 'the contact e-mail, in another case', change: { keywords: ['cohort', 'data.office@EXAMPLE.org'] }, expected: [problem('keywords[1]', 'contactPoint.email')] },
  { name: 'the contact name (no digits: ordinary prose)', change: { description: 'Curated by the Data Office.' }, expected: [] },
  { name: 'the access URL', change: { provenance: 'Served at https://data.example.org/ds-1.' }, expected: [problem('provenance', 'distributions[0].accessUrl')] },
  { name: 'a longer URL that starts like the access URL', change: { provenance: 'See https://data.example.org/ds-10.' }, expected: [] },
  { name: 'a sample record identifier', change: { title: 'Cohort of NBC-004711 and others' }, expected: [problem('title', 'sampleRecords[0].participant_id')] },
  { name: 'a large sample value', change: { description: 'Variant at 48,213,077.' }, expected: [problem('description', 'sampleRecords[0].position')] },
  { name: 'small or wordy sample values', change: { description: 'A female participant aged 42.' }, expected: [] },
  { name: 'the retention date', change: { description: 'Kept until 2040-01-31.' }, expected: [problem('description', 'retention.retainUntil')] },
  {
    name: 'the royalty minimum fee',
    change: (d) => { d.licence = { ...d.licence, royalty: { ratePercent: 4, basis: 'net sales', minimumAnnualFee: 25_000, currency: 'CHF' } }; d.description = 'Minimum fee CHF 25,000.'; },
    expected: [problem('description', 'licence.royalty.minimumAnnualFee')],
  },
  { name: 'the record count in a translated title', change: { translations: [{ language: 'nl', title: '12.345 bezoeken', description: 'Uitkomsten van 12,345 patiënten.' }] }, expected: [problem('translations[0].description', 'qualityReport.recordCount')] },
  { name: 'the contact e-mail in a translated keyword', change: { translations: [{ language: 'de', keywords: ['kohorte', 'data.office@example.org'] }] }, expected: [problem('translations[0].keywords[1]', 'contactPoint.email')] },
  { name: 'the record count in version notes', change: { versionNotes: 'Adds visits, now 12,345.' }, expected: [problem('versionNotes', 'qualityReport.recordCount')] },
  { name: 'the access URL as the landing page', change: { landingPage: 'https://data.example.org/ds-1' }, expected: [problem('landingPage', 'distributions[0].accessUrl')] },
  { name: 'a landing page of its own', change: { landingPage: 'https://example.org/studies/ds-1' }, expected: [] },
  { name: 'a sample identifier as an identifier', change: { identifiers: [{ value: 'NBC-004711', scheme: 'local' }] }, expected: [problem('identifiers[0].value', 'sampleRecords[0].participant_id')] },
  { name: 'the contact e-mail as a creator name', change: { creators: [{ name: 'Data.Office@example.org' }] }, expected: [problem('creators[0].name', 'contactPoint.email')] },
  { name: 'the contact e-mail as an attributed agent', change: { qualifiedAttributions: [{ agent: { name: 'data.office@example.org' }, role: 'custodian' }] }, expected: [problem('qualifiedAttributions[0].agent.name', 'contactPoint.email')] },
  {
    name: 'a distribution\'s rights statement that names the retention date',
    change: (d) => { d.distributions[0]!.rights = 'Copyright the partner; deleted on 2041-03-31.'; },
    expected: [problem('distributions[0].rights', 'retention.deletionDue')],
  },
  {
    name: 'a data service whose public description repeats its guarded endpoint',
    change: (d) => { d.distributions[0]!.accessService = { title: 'Cohort API', endpointUrl: 'https://api.example.org/v1', endpointDescription: 'https://api.example.org/v1/openapi.json' }; },
    expected: [problem('distributions[0].accessService.endpointDescription', 'distributions[0].accessService.endpointUrl')],
  },
  {
    name: 'a data service described elsewhere',
    change: (d) => { d.distributions[0]!.accessService = { title: 'Cohort API', endpointUrl: 'https://api.example.org/v1', endpointDescription: 'https://docs.example.org/cohort-api.json' }; },
    expected: [],
  },
  { name: 'a public value (the byte size) is no secret', change: { description: 'A 734,512-byte file.' }, expected: [] },
  {
    name: 'two guarded values in one text',
    change: { description: '12,345 visits; ask Data.Office@example.org.' },
    expected: [problem('description', 'qualityReport.recordCount'), problem('description', 'contactPoint.email')],
  },
];

describe('publicTextProblems', () => {
  it('checks the text of a series against each dataset in it, naming the series by its place in the file', () => {
    const dataset = { ...base(), inSeries: ['test-partner:waves'] };
    const other = { ...base(), id: 'test-partner:ds-2', qualityReport: { completeness: 1, recordCount: 99 } };
    const series = [
      { id: 'test-partner:unrelated', title: 'Other' },
      { id: 'test-partner:waves', title: 'Cohort waves', translations: [{ language: 'fr', description: 'Jusqu\'à 12 345 visites.' }] },
    ];
    const catalog = { ...smallCatalog(), series, datasets: [dataset, other] };
    expect(publicTextProblems(catalog, CONTRACT_GUARDED)).toEqual([problem('series[1].translations[0].description', 'qualityReport.recordCount')]);
  });


  it.each(cases)('$name', ({ change, expected }) => {
    const dataset = base();
    if (typeof change === 'function') change(dataset);
    else Object.assign(dataset, change);
    const catalog = { ...smallCatalog(), datasets: [dataset] };
    expect(publicTextProblems(catalog, CONTRACT_GUARDED)).toEqual(expected);
  });
});
