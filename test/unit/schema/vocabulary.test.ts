import { describe, expect, it } from 'vitest';
import { parse, type EnumTypeDefinitionNode } from 'graphql';
import { contractSource } from '../../../schema/partner-contract.js';
import {
  DATA_CLASSES, isCalendarDate, isDataClass, isPartnerId, startOfUtcDay,
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
