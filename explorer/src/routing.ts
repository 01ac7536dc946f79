// The explorer's pages live in the URL's fragment (#/dataset/<id>, #/requests, ...), so the gateway
// serves one page at / and a reload or a shared link opens the same view.

export type Route =
  | { page: 'search'; params: URLSearchParams }
  | { page: 'dataset'; id: string }
  | { page: 'requests' }
  | { page: 'access' }
  | { page: 'trust' }
  | { page: 'suspensions' }
  | { page: 'inbox' }
  | { page: 'board' }
  | { page: 'audit'; datasetId: string | null };

export function routeOf(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?', 2);
  const params = new URLSearchParams(query);
  const parts = path.split('/').filter(Boolean);
  switch (parts[0]) {
    case 'dataset':
      return parts[1] ? { page: 'dataset', id: decodeURIComponent(parts[1]) } : { page: 'search', params };
    case 'requests':
      return { page: 'requests' };
    case 'access':
      return { page: 'access' };
    case 'trust':
      return { page: 'trust' };
    case 'suspensions':
      return { page: 'suspensions' };
    case 'inbox':
      return { page: 'inbox' };
    case 'board':
      return { page: 'board' };
    case 'audit':
      return { page: 'audit', datasetId: params.get('dataset') };
    default:
      return { page: 'search', params };
  }
}

export function datasetHref(id: string): string {
  return `#/dataset/${encodeURIComponent(id)}`;
}

export function searchHref(params: URLSearchParams): string {
  const query = params.toString();
  return query ? `#/?${query}` : '#/';
}

export function auditHref(datasetId?: string): string {
  return datasetId ? `#/audit?dataset=${encodeURIComponent(datasetId)}` : '#/audit';
}
