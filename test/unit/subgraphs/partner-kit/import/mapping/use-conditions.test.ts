import { describe, expect, it } from 'vitest';
import { Findings } from '../../../../../../subgraphs/partner-kit/import/findings.js';
import { completedUseConditions, duoTerm, ontologyId, statedUseConditions } from '../../../../../../subgraphs/partner-kit/import/mapping/use-conditions.js';

describe('DUO terms as sources state them', () => {
  it.each([
    ['DUO:0000007', 'DS'], ['DUO_0000042', 'GRU'], ['http://purl.obolibrary.org/obo/DUO_0000006', 'HMB'], ['obo:DUO_0000046', 'NCU'],
    ['NRES', 'NRES'], ['ds', 'DS'], ['general research use', 'GRU'],
  ])('%s is %s', (term, code) => {
    expect(duoTerm(term)?.shorthand).toBe(code);
  });

  it.each(['DUO:0000005', 'DUO:9999999', 'XYZ', 'http://purl.obolibrary.org/obo/MONDO_0005148'])('%s is not a term Concord knows', (term) => {
    expect(duoTerm(term)).toBeUndefined();
  });

  it.each([
    ['EFO:0001645', 'EFO:0001645'], ['http://purl.obolibrary.org/obo/MONDO_0005148', 'MONDO:0005148'],
    ['http://www.ebi.ac.uk/efo/EFO_0001645', 'EFO:0001645'], ['http://www.orpha.net/ORDO/Orphanet_558', 'Orphanet:558'],
  ])('modifier %s is %s', (iri, curie) => {
    expect(ontologyId(iri)).toBe(curie);
  });

  it.each([
    ['DS with its disease', [{ term: 'DUO:0000007', modifiers: ['EFO:0001645'] }], [{ code: 'DS', diseaseId: 'EFO:0001645' }], ['DS']],
    ['GS with countries', [{ term: 'GS', modifiers: ['NLD', 'BE'] }], [{ code: 'GS', regions: ['NL', 'BE'] }], ['GS']],
    ['IS with the institution', [{ term: 'DUO:0000028', modifiers: ['https://ror.org/02jz4aj89'] }], [{ code: 'IS', allowed: ['https://ror.org/02jz4aj89'] }], ['IS']],
    ['GS with EU country authority IRIs', [{ term: 'DUO:0000022', modifiers: ['http://publications.europa.eu/resource/authority/country/GBR'] }], [{ code: 'GS', regions: ['GB'] }], ['GS']],
    ['TS with its duration in months', [{ term: 'DUO:0000025', modifiers: ['P12M'] }], [{ code: 'TS', months: 12 }], ['TS']],
    ['TS with its duration in years and months', [{ term: 'TS', modifiers: ['P1Y6M'] }], [{ code: 'TS', months: 18 }], ['TS']],
    ['MOR with its end date', [{ term: 'DUO:0000024', modifiers: ['2026-12-31'] }], [{ code: 'MOR', until: '2026-12-31' }], ['MOR']],
    ['NRES restricts nothing', [{ term: 'DUO:0000004', modifiers: [] }], [{ code: 'NRES' }], []],
    ['a repeated term kept once', [{ term: 'GRU', modifiers: [] }, { term: 'DUO:0000042', modifiers: [] }], [{ code: 'GRU' }], ['GRU']],
  ])('%s', (_name, stated, conditions, restricting) => {
    expect(statedUseConditions(stated, new Findings())).toEqual({ conditions, restricting });
  });

  it.each([
    ['DS without a disease', [{ term: 'DUO:0000007', modifiers: [] }], 'useConditions[0].diseaseId'],
    ['DS with two diseases', [{ term: 'DS', modifiers: ['EFO:1', 'EFO:2'] }], 'useConditions[0].diseaseId'],
    ['GS with a region that is no country', [{ term: 'GS', modifiers: ['Europe'] }], 'useConditions[0].regions'],
    ['TS, whose months no source gives', [{ term: 'TS', modifiers: [] }], 'useConditions[0].months'],
    ['a term Concord does not know', [{ term: 'GRU', modifiers: [] }, { term: 'DUO:0000032', label: 'population research', modifiers: [] }], 'useConditions[1]'],
  ])('refuses %s rather than drop the restriction', (_name, stated, field) => {
    const findings = new Findings();
    expect(statedUseConditions(stated, findings)).toBeUndefined();
    expect(findings.refusals.map((r) => r.field)).toContain(field);
  });

  it('takes the defaults file\'s terms only for a dataset that is not public and states no permission', () => {
    const defaults = { useConditions: [{ code: 'HMB' }, { code: 'PUB' }] };
    expect(completedUseConditions([], 'PUBLIC', defaults, new Findings())).toEqual([]);
    expect(completedUseConditions([{ code: 'GRU' }], 'PARTNER_SHARED', defaults, new Findings())).toEqual([{ code: 'GRU' }]);
    const all = new Findings();
    expect(completedUseConditions([], 'PARTNER_SHARED', defaults, all)).toEqual(defaults.useConditions);
    expect(all.warnings[0]?.field).toBe('useConditions');
    expect(completedUseConditions([{ code: 'NCU' }], 'ANONYMIZED', defaults, new Findings())).toEqual([{ code: 'HMB' }, { code: 'NCU' }]);
    const none = new Findings();
    expect(completedUseConditions([], 'PROPRIETARY', undefined, none)).toBeUndefined();
    expect(none.refusals[0]).toMatchObject({ field: 'useConditions', message: expect.stringContaining('give useConditions in the defaults file') });
  });
});
