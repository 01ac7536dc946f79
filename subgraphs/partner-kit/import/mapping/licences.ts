import type { LicenceRecord } from '../../catalog-file.js';
import type { PartnerDefaults } from '../defaults-file.js';
import type { Findings } from '../findings.js';
import { matchLicence, type LicenceMatch } from '../licence-mapping.js';
import type { SourceCatalog, SourceDataset, SourceLicence } from '../source-dataset.js';
import { knownLicence, type KnownLicence } from '../spdx-licence-table.js';

// The contract's LicenceRecord for a source licence: an SPDX licence whose terms spdx-licence-table.ts
// knows; or, for any other, the terms the partner's defaults file gives for it (keyed by the
// LicenseRef- id, the source's URI, id or name). A licence with no known terms refuses its dataset:
// the gateway decides commercial use and attribution from these terms, so none is guessed.

type LicenceResult = { record: LicenceRecord } | { unspecified: true } | undefined;

const LICENSE_REF = /^LicenseRef-[A-Za-z0-9.-]+$/;

export function licenceRecord(licence: SourceLicence, defaults: PartnerDefaults | undefined, field: string, findings: Findings): LicenceResult {
  const match = matchLicence(licence);
  if (match === undefined || match.kind === 'unspecified') return { unspecified: true };
  if (match.kind === 'spdx' && match.known) {
    if (match.note) findings.warn(field, match.note);
    return { record: fromKnown(match.known) };
  }
  // A source that names its licence by a LicenseRef- id of its own (dct:identifier, as Concord's DCAT
  // export writes it) keeps that id; otherwise one is made from the licence's URI or name.
  const ownId = match.kind === 'spdx' ? match.id : (licence.id !== undefined && LICENSE_REF.test(licence.id.trim()) ? licence.id.trim() : match.refId);
  const keys = [ownId, match.source, licence.uri, licence.id, licence.name, ...(licence.sameAs ?? [])].filter((k): k is string => k !== undefined);
  const key = keys.find((k) => defaults?.licenceTerms?.[k] !== undefined);
  const terms = key === undefined ? undefined : defaults!.licenceTerms![key]!;
  if (terms === undefined) {
    findings.refuse(field, `${describe(match)}, and its terms are unknown: give them in the defaults file under licenceTerms["${ownId}"] (commercialUse, attributionRequired), or map it to an SPDX licence there with "spdxId"`);
    return undefined;
  }
  if ('spdxId' in terms) {
    const known = knownLicence(terms.spdxId)!;
    findings.warn(field, `"${match.source}" taken as ${known.id}, as the defaults file's licenceTerms["${key}"] says`);
    return { record: fromKnown(known) };
  }
  findings.warn(field, `${describe(match)}; imported as ${terms.id ?? ownId} with the terms the defaults file gives under licenceTerms["${key}"] (review)`);
  const address = terms.url ?? [licence.uri, match.source].find((u) => u !== undefined && /^https?:\/\//i.test(u));
  return {
    record: {
      id: terms.id ?? ownId,
      name: terms.name ?? licence.name ?? match.source,
      ...(address ? { url: address } : {}),
      commercialUse: terms.commercialUse,
      attributionRequired: terms.attributionRequired,
      fieldsOfUse: terms.fieldsOfUse ?? [],
      ...(terms.maxDurationMonths !== undefined ? { maxDurationMonths: terms.maxDurationMonths } : {}),
      ...(terms.royalty !== undefined ? { royalty: terms.royalty } : {}),
    },
  };
}

function describe(match: Exclude<LicenceMatch, { kind: 'unspecified' }>): string {
  return match.kind === 'spdx'
    ? `"${match.source}" is SPDX licence ${match.id}, whose terms spdx-licence-table.ts does not hold`
    : `"${match.source}" maps to no SPDX licence`;
}

function fromKnown(known: KnownLicence): LicenceRecord {
  return { id: known.id, name: known.name, url: known.url, commercialUse: known.commercialUse, attributionRequired: known.attributionRequired, fieldsOfUse: [] };
}

/**
 * One licence for every licence the source lists (a list of several is one licence only when they
 * all map to the same one); undefined when it lists none, or a licence is refused.
 */
export function oneLicence(licences: readonly SourceLicence[], defaults: PartnerDefaults | undefined, field: string, findings: Findings): LicenceRecord | 'none' | undefined {
  const records: LicenceRecord[] = [];
  let refused = false;
  for (const licence of licences) {
    const result = licenceRecord(licence, defaults, field, findings);
    if (result === undefined) refused = true;
    else if ('record' in result && !records.some((r) => r.id === result.record.id)) records.push(result.record);
  }
  if (refused) return undefined;
  if (records.length > 1) {
    findings.refuse(field, `the source gives ${records.length} licences (${records.map((r) => r.id).join(', ')}); the contract holds one per dataset or distribution`);
    return undefined;
  }
  return records[0] ?? 'none';
}

/**
 * The dataset's licence: its own; else the one its distributions carry (the contract applies it to
 * those that name none, which is reported); else the catalog's
 * (DCAT-AP-SE states it once on the catalog); else the defaults file's.
 */
export function datasetLicence(
  source: SourceDataset, catalog: SourceCatalog | undefined, defaults: PartnerDefaults | undefined, findings: Findings,
): LicenceRecord | undefined {
  const own = oneLicence(source.licences, defaults, 'licence', findings);
  if (own !== 'none') return own;
  const licensed = source.distributions.filter((d) => d.licences.length > 0);
  if (licensed.length > 0) {
    const shared = oneLicence(licensed.flatMap((d) => d.licences), defaults, 'licence', findings);
    if (shared === undefined) return undefined;
    if (shared !== 'none') {
      const unlicensed = source.distributions.length - licensed.length;
      findings.warn('licence', unlicensed === 0
        ? `the dataset names no licence; ${shared.id}, the licence of all its distributions, is taken`
        : `the dataset names no licence; ${shared.id}, the licence of the distributions that name one, is taken, and applies to the ${unlicensed} that name none (review)`);
      return shared;
    }
  }
  if (catalog && catalog.licences.length > 0) {
    const catalogs = oneLicence(catalog.licences, defaults, 'licence', findings);
    if (catalogs === undefined) return undefined;
    if (catalogs !== 'none') {
      findings.warn('licence', `the dataset names no licence; the catalog's (${catalogs.id}) is taken`);
      return catalogs;
    }
  }
  if (defaults?.licence) {
    findings.warn('licence', `the source names no licence; the defaults file's (${defaults.licence.id}) is taken`);
    return defaults.licence;
  }
  findings.refuse('licence', 'the source names no licence; give one in the defaults file ("licence")');
  return undefined;
}
