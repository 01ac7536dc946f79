import { SCHEMA_ORG_CONTEXT } from './schema-org-context.js';

// jsonld's default document loader fetches every remote "@context" URL: in a server that is a
// request to any host a file names (SSRF) and a hang when the host does not answer, and an import
// must give the same result with or without a network. So the importer fetches nothing: the
// contexts the supported formats reference are served from this repository, and any other URL is
// refused, which the reader reports as a problem naming the URL. Croissant 1.0 and the DCAT examples
// carry their contexts inline, so schema.org's is the only one served.

/** A remote context the document loader would not fetch. */
export class RemoteContextRefused extends Error {
  constructor(readonly url: string) {
    super(`remote JSON-LD context ${url} is not fetched; the importer reads no URL: put the context inline in "@context" (only schema.org's is known offline)`);
  }
}

interface RemoteDocument {
  contextUrl: undefined;
  documentUrl: string;
  document: unknown;
}

const SCHEMA_ORG_HOSTS = new Set(['schema.org', 'www.schema.org']);
const SCHEMA_ORG_CONTEXT_PATHS = new Set(['', '/', '/docs/jsonldcontext.json', '/docs/jsonldcontext.jsonld']);

/** The context served for a URL, or undefined if it is not one Concord knows offline. */
export function offlineContext(url: string): unknown {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  const web = parsed.protocol === 'http:' || parsed.protocol === 'https:';
  if (web && SCHEMA_ORG_HOSTS.has(parsed.hostname) && SCHEMA_ORG_CONTEXT_PATHS.has(parsed.pathname) && !parsed.search) {
    return SCHEMA_ORG_CONTEXT;
  }
  return undefined;
}

/** A jsonld documentLoader that serves offlineContext and refuses anything else. */
export async function offlineDocumentLoader(url: string): Promise<RemoteDocument> {
  const document = offlineContext(url);
  if (document === undefined) throw new RemoteContextRefused(url);
  // A copy: jsonld may annotate what it is given, and the served context must stay as written.
  return { contextUrl: undefined, documentUrl: url, document: structuredClone(document) };
}
