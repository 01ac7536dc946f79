import { describe, expect, it } from 'vitest';
import { parse, type EnumTypeDefinitionNode } from 'graphql';
import { contractSource } from '../../../schema/partner-contract.js';
import {
  AGENT_KINDS, CHECKSUM_ALGORITHMS, CHECKSUM_HEX_LENGTHS, DATA_CLASSES, isCalendarDate, isDataClass, isLanguageTag, isPartnerId,
  sameLanguageTag, startOfUtcDay,
} from '../../../schema/vocabulary.js';

describe('DATA_CLASSES', () => {
  it('lists exactly the values of the contract\'s enum DataClass, in its order', () => {
    const definition = parse(contractSource()).definitions
      .find((d): d is EnumTypeDefinitionNode => d.kind === 'EnumTypeDefinition' && d.name.value === 'DataClass');
    expect(definition?.values?.map((v) => v.name.value)).toEqual([...DATA_CLASSES]);
  });

  it.each([
    { value: 'PUBLIC', known: true },
    { value: 'PROPRIETARY', known: true },
    { value: 'public', known: false },
    { value: 'RESTRICTED', known: false },
    { value: null, known: false },
  ])('isDataClass($value) -> $known', ({ value, known }) => {
    expect(isDataClass(value)).toBe(known);
  });
});

describe('isPartnerId', () => {
  it.each([
    { id: 'northbridge-hospital', valid: true },
    { id: 'acme2', valid: true },
    { id: 'Northbridge', valid: false },
    { id: 'north--bridge', valid: false },
    { id: '-north', valid: false },
    { id: 'north-', valid: false },
    { id: '9lives', valid: false },
    { id: 'north bridge', valid: false },
  ])('$id -> $valid', ({ id, valid }) => {
    expect(isPartnerId(id)).toBe(valid);
  });
});

describe('calendar dates', () => {
  it.each([
    { date: '2024-02-29', ms: Date.UTC(2024, 1, 29) },
    { date: '2026-12-31', ms: Date.UTC(2026, 11, 31) },
    { date: '2025-02-29', ms: NaN },
    { date: '2025-04-31', ms: NaN },
    { date: '2025-13-01', ms: NaN },
    { date: '24-02-01', ms: NaN },
    { date: '2024-02-01T00:00:00Z', ms: NaN },
  ])('$date -> $ms', ({ date, ms }) => {
    expect(startOfUtcDay(date)).toBe(ms);
    expect(isCalendarDate(date)).toBe(!Number.isNaN(ms));
  });
});

describe('language tags (BCP 47)', () => {
  it.each([
    { tag: 'en', valid: true },
    { tag: 'nl-BE', valid: true },
    { tag: 'zh-Hant-TW', valid: true },
    { tag: 'sr-Latn-RS', valid: true },
    { tag: 'es-419', valid: true },
    { tag: 'de-CH-1996', valid: true },
    { tag: 'zh-yue-HK', valid: true },
    { tag: 'en-US-u-ca-gregory', valid: true },
    { tag: 'x-private', valid: true },
    { tag: 'EN-gb', valid: true },
    { tag: '', valid: false },
    { tag: 'english', valid: true }, // a registered-length (5-8) language subtag is well formed, if unassigned
    { tag: 'en_GB', valid: false },
    { tag: 'e', valid: false },
    { tag: 'en-', valid: false },
    { tag: 'en--GB', valid: false },
    { tag: 'en GB', valid: false },
    { tag: 'http://id.loc.gov/vocabulary/iso639-1/en', valid: false },
    { tag: 'en-GB-x', valid: false },
  ])('$tag -> $valid', ({ tag, valid }) => {
    expect(isLanguageTag(tag)).toBe(valid);
  });

  it('compares tags without regard to case', () => {
    expect(sameLanguageTag('en-GB', 'en-gb')).toBe(true);
    expect(sameLanguageTag('en', 'en-GB')).toBe(false);
  });
});

describe('checksum algorithms and agent kinds', () => {
  it('gives each SPDX algorithm the hex length of its digest', () => {
    expect(CHECKSUM_ALGORITHMS).toEqual(['md5', 'sha1', 'sha256', 'sha384', 'sha512']);
    expect(CHECKSUM_ALGORITHMS.map((a) => CHECKSUM_HEX_LENGTHS[a] * 4)).toEqual([128, 160, 256, 384, 512]);
  });

  it('lists exactly the values of the contract\'s enum AgentKind', () => {
    const definition = parse(contractSource()).definitions
      .find((d): d is EnumTypeDefinitionNode => d.kind === 'EnumTypeDefinition' && d.name.value === 'AgentKind');
    expect(definition?.values?.map((v) => v.name.value)).toEqual([...AGENT_KINDS]);
  });
});
