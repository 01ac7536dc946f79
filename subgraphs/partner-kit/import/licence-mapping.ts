import { createHash } from 'node:crypto';
import type { SourceLicence } from './source-dataset.js';
import { KNOWN_LICENCES, knownLicence, type KnownLicence } from './spdx-licence-table.js';

// A source's licence to an SPDX id. Each way a source names a licence is read: an spdx.org URL, a
// creativecommons.org URL (any version and port, legal code or deed), an IRI of the EU Publications
// Office's licence authority table, a CKAN licence id (CKAN's default licence register) or its
// opendefinition.org URL, the address of a licence in spdx-licence-table.ts, an SPDX id in any case
// ("mit", "afl-3.0") or an SPDX licence's full name; IRIs the source says are the same licence
// (skos:exactMatch, owl:sameAs) are tried too. Anything else becomes a LicenseRef- id made from what
// the source wrote, for the partner to review and give terms for.

export type LicenceMatch =
  | { kind: 'spdx'; id: string; known?: KnownLicence; source: string; note?: string }
  | { kind: 'unmapped'; refId: string; source: string }
  | { kind: 'unspecified'; source: string };

type Identified = { id: string; note?: string } | 'unspecified' | undefined;

export function matchLicence(licence: SourceLicence): LicenceMatch | undefined {
  const candidates = [licence.uri, ...(licence.sameAs ?? []), licence.id, licence.name]
    .map((c) => c?.trim())
    .filter((c): c is string => c !== undefined && c !== '');
  if (candidates.length === 0) return undefined;
  for (const candidate of candidates) {
    const found = identify(candidate);
    if (found === 'unspecified') return { kind: 'unspecified', source: candidate };
    if (found !== undefined) {
      const known = knownLicence(found.id);
      return { kind: 'spdx', id: known?.id ?? found.id, ...(known ? { known } : {}), source: candidate, ...(found.note ? { note: found.note } : {}) };
    }
  }
  const source = licence.uri ?? licence.id ?? licence.name ?? candidates[0]!;
  return { kind: 'unmapped', refId: licenceRefId(source), source };
}

function identify(candidate: string): Identified {
  if (/^https?:\/\//i.test(candidate)) return identifyUrl(candidate);
  const lower = candidate.toLowerCase();
  if (CKAN_IDS.has(lower)) return CKAN_IDS.get(lower);
  const spdx = knownLicence(candidate) ?? knownLicence(candidate.replace(/\s+/g, '-'));
  if (spdx) return { id: spdx.id };
  const named = KNOWN_LICENCES.find((known) => known.name.toLowerCase() === lower);
  return named ? { id: named.id } : undefined;
}

function identifyUrl(url: string): Identified {
  const spdx = /^https?:\/\/spdx\.org\/licenses\/([A-Za-z0-9.+-]+?)(?:\.html|\.json)?\/?$/i.exec(url);
  if (spdx) return { id: knownLicence(spdx[1]!)?.id ?? spdx[1]! };
  const creativeCommons = creativeCommonsId(url);
  if (creativeCommons) return { id: creativeCommons };
  const eu = /^https?:\/\/publications\.europa\.eu\/resource\/authority\/licence\/([A-Za-z0-9_]+)$/.exec(url);
  if (eu) return euLicence(eu[1]!);
  const openDefinition = /^https?:\/\/(?:www\.)?opendefinition\.org\/licenses\/([a-z0-9-]+)\/?$/i.exec(url);
  if (openDefinition && CKAN_IDS.has(openDefinition[1]!.toLowerCase())) return CKAN_IDS.get(openDefinition[1]!.toLowerCase());
  const openDataCommons = /^https?:\/\/(?:www\.)?opendatacommons\.org\/licenses\/(odbl|by|pddl)(?:\/1[.-]0)?(?:\/.*)?$/i.exec(url);
  if (openDataCommons) return { id: { odbl: 'ODbL-1.0', by: 'ODC-By-1.0', pddl: 'PDDL-1.0' }[openDataCommons[1]!.toLowerCase()]! };
  const address = normalisedAddress(url);
  const listed = KNOWN_LICENCES.find((known) => normalisedAddress(known.url) === address);
  return listed ? { id: listed.id } : undefined;
}

/**
 * creativecommons.org/licenses/<elements>/<version>[/<port>] and creativecommons.org/publicdomain/...,
 * whatever follows (legalcode, legalcode.de, deed.nl); undefined for a licence SPDX does not list.
 */
export function creativeCommonsId(url: string): string | undefined {
  const match = /^https?:\/\/(?:www\.)?creativecommons\.org\/(licenses|publicdomain)\/([a-z+-]+)(?:\/(\d\.\d))?(?:\/([a-z]{2,3})(?=\/|$))?/i.exec(url);
  if (!match) return undefined;
  const [, family, elements, version, port] = match as unknown as [string, string, string, string?, string?];
  if (family.toLowerCase() === 'publicdomain') {
    if (elements.toLowerCase() === 'zero' && version === '1.0') return 'CC0-1.0';
    if (elements.toLowerCase() === 'mark' && version === '1.0') return 'CC-PDM-1.0';
    return undefined;
  }
  if (elements.toLowerCase() === 'publicdomain') return 'CC-PDDC';
  if (version === undefined) return undefined;
  const code = elements.toLowerCase() === 'by-nd-nc' ? 'BY-NC-ND' : elements.toUpperCase();
  return knownLicence(`CC-${code}-${version}${port ? `-${port.toUpperCase()}` : ''}`)?.id;
}

/**
 * The EU licence authority table's codes: CC_BY_4_0, CC_BYSA_4_0, CC_BYNCND_4_0 ... follow one
 * pattern; the others are listed.
 */
function euLicence(code: string): Identified {
  const listed = EU_CODES[code];
  if (listed) return { id: listed };
  const cc = /^CC_((?:BY)(?:NC)?(?:ND)?(?:SA)?)_(\d)_(\d)(?:_([A-Z]{2,3}))?$/.exec(code);
  if (cc) {
    const elements = cc[1]!.match(/BY|NC|ND|SA/g)!.join('-');
    const id = knownLicence(`CC-${elements}-${cc[2]}.${cc[3]}${cc[4] ? `-${cc[4]}` : ''}`)?.id;
    if (id) return { id };
  }
  return undefined;
}

const EU_CODES: Record<string, string> = {
  CC0: 'CC0-1.0',
  CC_PDM_1_0: 'CC-PDM-1.0',
  ODC_BY: 'ODC-By-1.0',
  ODC_BL: 'ODbL-1.0',
  ODC_PDDL: 'PDDL-1.0',
  OGL_3_0: 'OGL-UK-3.0',
  DL_DE_BY_2_0: 'DL-DE-BY-2.0',
  DL_DE_ZERO_2_0: 'DL-DE-ZERO-2.0',
  NLOD_2_0: 'NLOD-2.0',
  EUPL_1_0: 'EUPL-1.0',
  EUPL_1_1: 'EUPL-1.1',
  EUPL_1_2: 'EUPL-1.2',
  APACHE_2_0: 'Apache-2.0',
  MIT: 'MIT',
  BSD_2_CLAUSE: 'BSD-2-Clause',
  BSD_3_CLAUSE: 'BSD-3-Clause',
  ISC: 'ISC',
};

// CKAN's default licence register (ckan/model/license.py). Ids that name one licence with one
// version map to it; "cc-by" and "cc-by-sa" name no version, and the Open Definition licence list
// CKAN links them to gives 4.0, which is taken with a note for review. The generic ids (other-open,
// other-pd, other-at, other-nc, other-closed, cc-nc "any version", gfdl, uk-ogl "any version") name
// no licence SPDX lists and become LicenseRef- ids; notspecified is no licence at all.
const VERSION_NOTE = (ckanId: string, id: string) => `CKAN's "${ckanId}" names no version; taken as ${id}, the version the Open Definition licence list gives for it (review)`;
const CKAN_IDS = new Map<string, Identified>([
  ['cc-zero', { id: 'CC0-1.0' }],
  ['odc-pddl', { id: 'PDDL-1.0' }],
  ['odc-odbl', { id: 'ODbL-1.0' }],
  ['odc-by', { id: 'ODC-By-1.0' }],
  ['cc-by', { id: 'CC-BY-4.0', note: VERSION_NOTE('cc-by', 'CC-BY-4.0') }],
  ['cc-by-sa', { id: 'CC-BY-SA-4.0', note: VERSION_NOTE('cc-by-sa', 'CC-BY-SA-4.0') }],
  ['notspecified', 'unspecified'],
]);

function normalisedAddress(url: string): string {
  return url.toLowerCase().replace(/^https?:\/\/(?:www\.)?/, '').replace(/\/(?:legalcode|deed)[^/]*$/, '').replace(/\/+$/, '');
}

/**
 * A LicenseRef- id (SPDX spec 2.3, Annex D: letters, digits, "." and "-") made from what the source
 * wrote: the same source always gives the same id, so a partner's defaults file can name it.
 */
export function licenceRefId(source: string): string {
  const slug = source.normalize('NFKD').replace(/[\u0300-\u036f]/g, '')
    .replace(/^[a-z][a-z0-9+.-]*:\/\/(?:www\.)?/i, '')
    .replace(/[^A-Za-z0-9.]+/g, '-').replace(/-{2,}/g, '-').replace(/^[-.]+|[-.]+$/g, '');
  if (slug === '') return `LicenseRef-${hash(source)}`;
  return slug.length <= 64 ? `LicenseRef-${slug}` : `LicenseRef-${slug.slice(0, 55).replace(/[-.]+$/, '')}-${hash(source)}`;
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 8);
}
