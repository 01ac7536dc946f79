import { describe, expect, it } from 'vitest';
import {
  EMPTY_SELECTION, INITIAL_SEARCH, isChecked, searchParamsOf, searchStateOf, selectedCount, toFilter, toggleFacetValue,
  type FacetName, type FacetSelection,
} from '../../../../explorer/src/search/facet-state.js';

const tick = (...steps: [FacetName, string][]): FacetSelection => steps.reduce((s, [facet, value]) => toggleFacetValue(s, facet, value), EMPTY_SELECTION);

describe('facet state', () => {
  it.each([
    { name: 'nothing ticked', selection: EMPTY_SELECTION, filter: null, count: 0 },
    { name: 'one value', selection: tick(['partners', 'helix-therapeutics']), filter: { partners: ['helix-therapeutics'] }, count: 1 },
    { name: 'two values of one facet (OR), kept sorted', selection: tick(['dataClasses', 'PROPRIETARY'], ['dataClasses', 'ANONYMIZED']), filter: { dataClasses: ['ANONYMIZED', 'PROPRIETARY'] }, count: 2 },
    { name: 'two facets (AND)', selection: tick(['themes', 'Health'], ['useConditions', 'GRU']), filter: { themes: ['Health'], useConditions: ['GRU'] }, count: 2 },
    { name: 'ticked twice is unticked', selection: tick(['licences', 'CC-BY-4.0'], ['licences', 'CC-BY-4.0']), filter: null, count: 0 },
    { name: 'years become numbers', selection: tick(['years', '2022'], ['years', '2021']), filter: { years: [2021, 2022] }, count: 2 },
    { name: 'a year that is not a number is dropped', selection: tick(['years', 'soon']), filter: null, count: 1 },
  ])('$name', ({ selection, filter, count }) => {
    expect(toFilter(selection)).toEqual(filter);
    expect(selectedCount(selection)).toBe(count);
  });

  it('does not change the selection it was given', () => {
    const before = tick(['partners', 'a']);
    const after = toggleFacetValue(before, 'partners', 'b');
    expect(before.partners).toEqual(['a']);
    expect(after.partners).toEqual(['a', 'b']);
    expect(isChecked(after, 'partners', 'b')).toBe(true);
    expect(isChecked(before, 'partners', 'b')).toBe(false);
  });

  it.each([
    { name: 'the initial search has an empty query string', state: INITIAL_SEARCH, query: '' },
    { name: 'query, sort, switch and facets', state: { query: 'temperture', facets: tick(['partners', 'boreal-climate-institute'], ['years', '2020']), sort: 'TITLE' as const, usableByMe: true },
      query: 'q=temperture&sort=TITLE&usable=me&partners=boreal-climate-institute&years=2020' },
  ])('round-trips through the URL: $name', ({ state, query }) => {
    const params = searchParamsOf(state);
    expect(params.toString()).toBe(query);
    expect(searchStateOf(new URLSearchParams(query))).toEqual(state);
  });

  it.each([
    { query: 'sort=LOUDEST', expected: INITIAL_SEARCH },
    { query: 'usable=you', expected: INITIAL_SEARCH },
    { query: 'partners=a&partners=a&colour=red', expected: { ...INITIAL_SEARCH, facets: tick(['partners', 'a']) } },
  ])('reads $query leniently', ({ query, expected }) => {
    expect(searchStateOf(new URLSearchParams(query))).toEqual(expected);
  });
});
