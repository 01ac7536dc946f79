import { DataFactory } from 'n3';
import { describe, expect, it } from 'vitest';
import { calendarDate, dateTime, duration, nonNegativeInteger, text, TripleSink } from '../../../../gateway/catalog-export/triple-sink.js';

const XSD = 'http://www.w3.org/2001/XMLSchema#';
const typed = (value: string, type: string) => DataFactory.literal(value, DataFactory.namedNode(XSD + type));

describe('literals from the contract\'s values', () => {
  it.each<[string, ReturnType<typeof text> | undefined, ReturnType<typeof text> | undefined]>([
    ['a text in English', text('Kidney', 'en'), DataFactory.literal('Kidney', 'en')],
    ['a regional tag (RDF compares tags in lower case)', text('Colour', 'en-GB'), DataFactory.literal('Colour', 'en-gb')],
    ['no language', text('Kidney', undefined), DataFactory.literal('Kidney')],
    ['a language that is no BCP 47 tag stays plain', text('Kidney', 'english please'), DataFactory.literal('Kidney')],
    ['a calendar date', calendarDate('2024-02-29'), typed('2024-02-29', 'date')],
    ['a date with a time is no xsd:date', calendarDate('2024-02-29T00:00:00Z'), undefined],
    ['no date', calendarDate(null), undefined],
    ['a date and time in UTC', dateTime('2024-05-06T07:08:09Z'), typed('2024-05-06T07:08:09Z', 'dateTime')],
    ['with an offset and fractions', dateTime('2024-05-06T07:08:09.5+02:00'), typed('2024-05-06T07:08:09.5+02:00', 'dateTime')],
    ['without an offset', dateTime('2024-05-06T07:08:09'), undefined],
    ['a duration', duration('P1D'), typed('P1D', 'duration')],
    ['a duration with a time', duration('PT1H30M'), typed('PT1H30M', 'duration')],
    ['a repeating interval is no xsd:duration', duration('R/P1Y'), DataFactory.literal('R/P1Y')],
    ['a word is no xsd:duration', duration('daily'), DataFactory.literal('daily')],
    ['a byte size', nonNegativeInteger(258_666), typed('258666', 'nonNegativeInteger')],
    ['a byte size beyond 2^53, without exponent', nonNegativeInteger(2 ** 60), typed('1152921504606846976', 'nonNegativeInteger')],
    ['zero', nonNegativeInteger(0), typed('0', 'nonNegativeInteger')],
    ['a negative size is left out', nonNegativeInteger(-1), undefined],
    ['a fraction is left out', nonNegativeInteger(1.5), undefined],
    ['no size', nonNegativeInteger(null), undefined],
  ])('%s', (_name, literal, expected) => {
    expect(literal?.id).toBe(expected?.id);
  });
});

describe('TripleSink', () => {
  it('keeps each triple once, in the order first added, and names blank nodes by their order', () => {
    const sink = new TripleSink();
    const s = DataFactory.namedNode('https://example.org/s');
    const p = DataFactory.namedNode('https://example.org/p');
    const first = sink.blank();
    sink.add(s, p, first);
    sink.add(s, p, DataFactory.literal('a'));
    sink.add(s, p, first);
    sink.add(s, p, undefined);
    expect(sink.quads().map((q) => q.object.id)).toEqual(['_:b1', '"a"']);
    expect(sink.blank().value).toBe('b2');
    expect(sink.describes(s)).toBe(true);
    expect(sink.describes(first)).toBe(false);
  });
});
