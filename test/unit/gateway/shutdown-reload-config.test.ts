import { describe, expect, it } from 'vitest';
import { readGatewayConfig } from '../../../gateway/config.js';

// SHUTDOWN_GRACE_SECONDS and SUPERGRAPH_WATCH (issue 12, item 6): read once, a wrong value stops
// start-up with a message naming the variable.

describe('shutdown and reload settings', () => {
  it.each([
    [{}, { shutdownGraceSeconds: 10, supergraphWatch: true }],
    [{ SHUTDOWN_GRACE_SECONDS: '' }, { shutdownGraceSeconds: 10 }],
    [{ SHUTDOWN_GRACE_SECONDS: '1' }, { shutdownGraceSeconds: 1 }],
    [{ SHUTDOWN_GRACE_SECONDS: '3600' }, { shutdownGraceSeconds: 3600 }],
    [{ SUPERGRAPH_WATCH: 'false' }, { supergraphWatch: false }],
    [{ SUPERGRAPH_WATCH: 'true' }, { supergraphWatch: true }],
  ])('reads %j', (env, expected) => {
    expect(readGatewayConfig(env)).toMatchObject(expected);
  });

  it.each([
    [{ SHUTDOWN_GRACE_SECONDS: '0' }, /SHUTDOWN_GRACE_SECONDS must be a positive whole number, got "0"/],
    [{ SHUTDOWN_GRACE_SECONDS: '-5' }, /SHUTDOWN_GRACE_SECONDS must be a positive whole number/],
    [{ SHUTDOWN_GRACE_SECONDS: '2.5' }, /SHUTDOWN_GRACE_SECONDS must be a positive whole number/],
    [{ SHUTDOWN_GRACE_SECONDS: 'ten' }, /SHUTDOWN_GRACE_SECONDS must be a positive whole number/],
    [{ SHUTDOWN_GRACE_SECONDS: '10000' }, /SHUTDOWN_GRACE_SECONDS must be at most 3600 \(seconds, not milliseconds\), got "10000"/],
    [{ SUPERGRAPH_WATCH: 'yes' }, /SUPERGRAPH_WATCH/],
  ])('refuses %j naming the variable', (env, message) => {
    expect(() => readGatewayConfig(env)).toThrow(message);
  });
});
