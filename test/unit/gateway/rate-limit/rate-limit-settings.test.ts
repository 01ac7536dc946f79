import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RATE_LIMITS, readRateLimitSettings, readTrustedProxies, unitsForCost,
} from '../../../../gateway/rate-limit/rate-limit-settings.js';
import { readGatewayConfig } from '../../../../gateway/config.js';

describe('readRateLimitSettings', () => {
  it('defaults: on, 600 units a minute per anonymous address, a unit per 100 of estimated cost', () => {
    expect(readRateLimitSettings({})).toEqual({
      enabled: true, anonymousPerMinute: 600, principalPerMinute: 1_200, organisationPerMinute: 6_000, costPerUnit: 100,
    });
    expect(readGatewayConfig({}).rateLimits).toEqual(DEFAULT_RATE_LIMITS);
  });

  it('reads every variable', () => {
    expect(readRateLimitSettings({
      RATE_LIMITS: 'off', RATE_LIMIT_ANONYMOUS_PER_MINUTE: '60', RATE_LIMIT_PRINCIPAL_PER_MINUTE: '120',
      RATE_LIMIT_ORGANISATION_PER_MINUTE: '1000', RATE_LIMIT_COST_UNIT: '50',
    })).toEqual({ enabled: false, anonymousPerMinute: 60, principalPerMinute: 120, organisationPerMinute: 1000, costPerUnit: 50 });
  });

  it.each<[string, string, RegExp]>([
    ['RATE_LIMITS', 'maybe', /^RATE_LIMITS must be one of on, off, got "maybe"$/],
    ['RATE_LIMIT_ANONYMOUS_PER_MINUTE', '0', /^RATE_LIMIT_ANONYMOUS_PER_MINUTE must be a positive whole number, got "0"$/],
    ['RATE_LIMIT_PRINCIPAL_PER_MINUTE', '1.5', /^RATE_LIMIT_PRINCIPAL_PER_MINUTE must be a positive whole number/],
    ['RATE_LIMIT_ORGANISATION_PER_MINUTE', 'lots', /^RATE_LIMIT_ORGANISATION_PER_MINUTE must be a positive whole number/],
    ['RATE_LIMIT_COST_UNIT', '-1', /^RATE_LIMIT_COST_UNIT must be a positive whole number/],
    ['TRUSTED_PROXIES', '10.0.0.0/33', /^TRUSTED_PROXIES must be a comma-separated list of IP addresses or CIDR networks .*got "10.0.0.0\/33"$/],
  ])('%s=%s stops start-up naming the variable', (name, value, message) => {
    expect(() => readGatewayConfig({ [name]: value })).toThrow(message);
  });
});

describe('readTrustedProxies', () => {
  it.each<[string, string | undefined, string[] | RegExp]>([
    ['unset: none', undefined, []],
    ['addresses and networks of both families', '10.0.0.1, 10.0.0.0/8,fd00::/8, ::1', ['10.0.0.1', '10.0.0.0/8', 'fd00::/8', '::1']],
    ['a host name', 'proxy.internal', /got "proxy.internal"/],
    ['an IPv6 prefix too long', 'fd00::/129', /got "fd00::\/129"/],
    ['two slashes', '10.0.0.0/8/8', /got "10.0.0.0\/8\/8"/],
    ['a prefix that is not a number', '10.0.0.0/x', /got "10.0.0.0\/x"/],
    ['an address out of range', '10.0.0.256', /got "10.0.0.256"/],
  ])('%s', (_name, raw, expected) => {
    const read = () => readTrustedProxies({ TRUSTED_PROXIES: raw });
    if (expected instanceof RegExp) expect(read).toThrow(expected);
    else expect(read()).toEqual(expected);
  });
});

describe('unitsForCost: one unit per costPerUnit of estimated cost, at least one', () => {
  it.each<[string, number, number, number]>([
    ['__typename costs 0', 0, 100, 1],
    ['one dataset', 3, 100, 1],
    ['exactly one unit\'s worth', 100, 100, 1],
    ['just over', 101, 100, 2],
    ['a page of 50 datasets\' public fields', 1_552, 100, 16],
    ['an estimated cost of 60,000 takes a minute of an anonymous address\'s quota', 60_000, 100, 600],
    ['an estimate too large to count', Number.POSITIVE_INFINITY, 100, Number.MAX_SAFE_INTEGER],
  ])('%s', (_name, cost, unit, expected) => {
    expect(unitsForCost(cost, unit)).toBe(expected);
  });
});
