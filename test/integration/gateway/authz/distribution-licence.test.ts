import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCatalog } from '../../../../subgraphs/partner-kit/load-catalog.js';
import { smallCatalog } from '../../../harness/catalog-fixtures.js';
import { startFederationOf, type DemoFederation } from '../../../harness/demo-federation.js';
import { postGraphQL } from '../../../harness/graphql-http.js';
import { bearer } from '../../../harness/tokens.js';

// A public, openly licensed dataset whose second distribution is under the partner's own premium
// licence: that distribution's URL and royalty terms are decided under its own licence.
describe('a distribution with a licence of its own', () => {
  let federation: DemoFederation;
  beforeAll(async () => {
    const file = smallCatalog('acme-labs');
    const open = file.datasets[1]!;
    open.distributions.push({
      id: 'acme-labs:ds-2/premium', mediaType: 'application/x-netcdf', accessUrl: 'https://data.example.org/premium',
      licence: {
        id: 'LicenseRef-Acme-Premium-1.0', name: 'Acme Premium', commercialUse: true, attributionRequired: false, fieldsOfUse: [],
        royalty: { ratePercent: 7.5, basis: 'net sales', currency: 'EUR' },
      },
    });
    open.useConditions = [{ code: 'NRES' }];
    federation = await startFederationOf([{ id: 'acme-labs', catalog: parseCatalog(file, 'acme.json') }]);
  });
  afterAll(async () => { await federation?.close(); });

  const QUERY = '{ dataset(id: "acme-labs:ds-2") { licence { id } distributions { id accessUrl licence { id royalty { ratePercent } } } } }';

  it('withholds the premium URL and royalty from someone who has not accepted the premium licence', async () => {
    const { body } = await postGraphQL(federation.gatewayUrl, QUERY);
    const [free, premium] = body.data!.dataset.distributions;
    expect(body.data!.dataset.licence.id).toBe('CC-BY-4.0');
    expect(free.accessUrl).toBe('https://data.example.org/2');
    expect(premium).toMatchObject({ accessUrl: null, licence: { id: 'LicenseRef-Acme-Premium-1.0', royalty: null } });
    const reasons = Object.fromEntries((body.errors ?? []).map((e) => [e.path!.join('.'), e.extensions?.reason]));
    expect(reasons).toMatchObject({ 'dataset.distributions.1.accessUrl': 'LICENCE_NOT_ACCEPTED' });
  });

  it('serves them to someone who accepted it', async () => {
    const headers = await bearer({ sub: 'ada', org: 'uni-x', scope: 'consortium:member', accepted_terms: ['LicenseRef-Acme-Premium-1.0'] });
    const { body } = await postGraphQL(federation.gatewayUrl, QUERY, undefined, headers);
    const premium = body.data!.dataset.distributions[1];
    expect(premium).toMatchObject({ accessUrl: 'https://data.example.org/premium', licence: { royalty: { ratePercent: 7.5 } } });
  });
});
