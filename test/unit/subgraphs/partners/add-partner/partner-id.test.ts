import { describe, expect, it } from 'vitest';
import type { FederationManifest } from '../../../../../schema/federation-manifest.js';
import { partnerIdProblems } from '../../../../../subgraphs/partners/add-partner/partner-id.js';

const MANIFEST: FederationManifest = {
  catalogIndex: { name: 'catalog-index', url: 'http://127.0.0.1:4100/graphql' },
  governance: { name: 'governance', url: 'http://127.0.0.1:4090/graphql' },
  partners: [
    { id: 'northbridge-hospital', url: 'http://127.0.0.1:4101/graphql', catalog: 'a.json' },
    { id: 'lab-1b', url: 'http://127.0.0.1:4102/graphql', catalog: 'b.json' },
  ],
};

describe('a new partner id', () => {
  it.each([
    ['aurora-marine-lab'],
    ['a'],
    ['lab2'],
    ['northbridge'],
    ['northbridge-hospital-2'],
  ])('"%s" may join', (id) => {
    expect(partnerIdProblems(id, MANIFEST)).toEqual([]);
  });

  it.each([
    ['', /^"" is not a partner id: lower-case letters/],
    ['Aurora', /^"Aurora" is not a partner id/],
    ['aurora_marine', /^"aurora_marine" is not a partner id/],
    ['aurora--marine', /^"aurora--marine" is not a partner id/],
    ['-aurora', /^"-aurora" is not a partner id/],
    ['aurora-', /^"aurora-" is not a partner id/],
    ['1aurora', /^"1aurora" is not a partner id/],
    ['aurora marine', /^"aurora marine" is not a partner id/],
    ['northbridge-hospital', /^partner "northbridge-hospital" is already in the federation manifest$/],
    ['catalog-index', /^"catalog-index" is the subgraph name of the catalog index$/],
    ['governance', /^"governance" is the subgraph name of the governance subgraph$/],
    ['lab1b', /^"lab1b" gives the dataset type Lab1bDataset, which partner "lab-1b" already has$/],
  ])('"%s" is refused', (id, problem) => {
    const problems = partnerIdProblems(id, MANIFEST);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(problem);
  });

  it('"governance" may join a federation without a governance subgraph', () => {
    const { governance: _, ...withoutGovernance } = MANIFEST;
    expect(partnerIdProblems('governance', withoutGovernance)).toEqual([]);
  });
});
