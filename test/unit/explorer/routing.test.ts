import { describe, expect, it } from 'vitest';
import { auditHref, datasetHref, routeOf } from '../../../explorer/src/routing.js';

describe('the explorer\'s routes', () => {
  it.each([
    { hash: '', page: 'search' },
    { hash: '#/', page: 'search' },
    { hash: '#/dataset/northbridge-hospital%3Ads-022', page: 'dataset', id: 'northbridge-hospital:ds-022' },
    { hash: '#/dataset/', page: 'search' },
    { hash: '#/requests', page: 'requests' },
    { hash: '#/access', page: 'access' },
    { hash: '#/trust', page: 'trust' },
    { hash: '#/suspensions', page: 'suspensions' },
    { hash: '#/inbox', page: 'inbox' },
    { hash: '#/board', page: 'board' },
    { hash: '#/audit?dataset=a%3Ab', page: 'audit', datasetId: 'a:b' },
    { hash: '#/nowhere', page: 'search' },
  ])('$hash is $page', ({ hash, page, id, datasetId }) => {
    const route = routeOf(hash);
    expect(route.page).toBe(page);
    if (id !== undefined) expect(route).toMatchObject({ id });
    if (datasetId !== undefined) expect(route).toMatchObject({ datasetId });
  });

  it('writes the links it reads', () => {
    expect(routeOf(datasetHref('a:b/c'))).toMatchObject({ page: 'dataset', id: 'a:b/c' });
    expect(routeOf(auditHref('a:b'))).toEqual({ page: 'audit', datasetId: 'a:b' });
    expect(routeOf(auditHref())).toEqual({ page: 'audit', datasetId: null });
  });
});
