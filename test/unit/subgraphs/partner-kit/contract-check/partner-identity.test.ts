import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { partnerTypeDefs } from '../../../../../schema/partner-contract.js';
import { partnersOfEntityTypes } from '../../../../../subgraphs/partner-kit/contract-check/partner-identity.js';
import { sdlModel } from '../../../../../subgraphs/partner-kit/contract-check/sdl-model.js';

describe('the partner named by its entity type', () => {
  it.each([
    ['acme-labs', ['acme-labs']],
    ['northbridge-hospital', ['northbridge-hospital']],
    ['lab42-biobank', ['lab42-biobank']],
  ])('%s', (partner, expected) => {
    expect(partnersOfEntityTypes(sdlModel(partnerTypeDefs(partner)), 'Dataset')).toEqual(expected);
  });

  it('is none when the contract\'s PartnerDataset was left unrenamed', () => {
    expect(partnersOfEntityTypes(sdlModel(parse('interface Dataset { id: ID! } type PartnerDataset implements Dataset { id: ID! }')), 'Dataset')).toEqual([]);
  });
});
