import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ManifestRegistry } from '../../../../gateway/persisted-queries/manifest-registry.js';
import { parseManifest, renderManifest } from '../../../../gateway/persisted-queries/persisted-query-manifest.js';
import type { RegisteredOperation } from '../../../../gateway/persisted-queries/persisted-query-registry.js';
import { temporaryFolder } from '../../../harness/temporary-folder.js';

const operation = (name: string, body: string): RegisteredOperation => ({ id: createHash('sha256').update(body).digest('hex'), name, type: 'query', body });
const TITLES = operation('Titles', 'query Titles { datasets { totalCount } }');
const POLICY = operation('Policy', 'query Policy { policy { version } }');
const manifest = (operations: unknown) => JSON.stringify({ format: 'apollo-persisted-query-manifest', version: 1, operations });

describe('the persisted query manifest', () => {
  it('reads what it writes, in Apollo\'s format, operations by name', () => {
    const text = renderManifest([TITLES, POLICY]);
    expect(JSON.parse(text)).toEqual({ format: 'apollo-persisted-query-manifest', version: 1, operations: [POLICY, TITLES] });
    expect(parseManifest(text, 'pq.json')).toEqual([POLICY, TITLES]);
  });

  it.each([
    ['not JSON', '{', /^pq\.json is not JSON/],
    ['another format', JSON.stringify({ format: 'concord', version: 1, operations: [] }), /^pq\.json is not a persisted query manifest/],
    ['another version', JSON.stringify({ format: 'apollo-persisted-query-manifest', version: 2, operations: [] }), /is not a persisted query manifest/],
    ['no list', JSON.stringify({ format: 'apollo-persisted-query-manifest', version: 1, operations: {} }), /"operations" must be a list/],
    ['a missing body', manifest([{ id: TITLES.id, name: 'Titles', type: 'query' }]), /^pq\.json, operation 1: "body" must be a string/],
    ['an unknown type', manifest([{ ...TITLES, type: 'fragment' }]), /operation 1: "type" must be one of query, mutation, subscription/],
    ['a body edited by hand', manifest([POLICY, { ...TITLES, body: `${TITLES.body} ` }]), /^pq\.json, operation 2 \("Titles"\): "id" is not the SHA-256 of "body"/],
  ])('refuses %s, naming the file and the entry', (_, text, message) => {
    expect(() => parseManifest(text, 'pq.json')).toThrow(message);
  });
});

describe('ManifestRegistry', () => {
  it('refuses to start on a file that is missing, naming it and the variable', () => {
    expect(() => new ManifestRegistry('/nonexistent/pq.json', { mustExist: true })).toThrow(/"\/nonexistent\/pq\.json" cannot be read \(ENOENT\).*PERSISTED_QUERIES_MANIFEST/);
  });

  it('finds an operation registered in the file after it was read, and keeps the old ones when the file breaks', async () => {
    const file = join(temporaryFolder('concord-manifest-'), 'pq.json');
    writeFileSync(file, renderManifest([TITLES]));
    const registry = new ManifestRegistry(file, { mustExist: true });
    expect(await registry.get(POLICY.id)).toBeUndefined();
    await new ManifestRegistry(file, { mustExist: false }).register([POLICY]);
    expect(await registry.get(POLICY.id)).toEqual(POLICY);
    writeFileSync(file, '{ not a manifest, and longer than before to change its size');
    expect(await registry.get(TITLES.id)).toEqual(TITLES);
    expect(await registry.get(operation('Other', '{ __typename }').id)).toBeUndefined();
  });
});
