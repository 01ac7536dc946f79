import type { z } from 'zod';
import { CHECKSUM_HEX_LENGTHS, type ChecksumAlgorithm } from '../../../../schema/vocabulary.js';
import type { ChecksumRecord, DataServiceRecord, DistributionRecord, LicenceRecord } from '../../catalog-file.js';
import type { PartnerDefaults } from '../defaults-file.js';
import type { Findings } from '../findings.js';
import type { SourceChecksum, SourceDataService, SourceDistribution } from '../source-dataset.js';
import { inLanguage } from './agents.js';
import { oneLicence } from './licences.js';
import { slugOf } from './record-ids.js';

// Distributions. Media types are read from IANA IRIs (http://www.iana.org/assignments/media-types/
// text/csv) or as written; a value that is not a media type (Croissant's "git+https") becomes the
// format. A distribution with neither a media type nor a format, which the contract requires, is
// left out and reported; so are relative URLs, which name nothing outside the source file.

type DistributionInput = z.input<typeof DistributionRecord>;

const IANA_MEDIA_TYPE = /^https?:\/\/www\.iana\.org\/assignments\/media-types\/([\w.+-]+\/[\w.+-]+)\/?$/i;
const MEDIA_TYPE = /^[\w.+-]+\/[\w.+-]+$/;
const ABSOLUTE_URL = /^https?:\/\/[^\s/?#]+\S*$/i;

export interface DistributionContext {
  datasetId: string;
  language: string;
  datasetLicence: LicenceRecord;
  defaults: PartnerDefaults | undefined;
  /** The dataset's landing page, which is public. */
  landingPage: string | undefined;
}

export function distributionRecords(distributions: readonly SourceDistribution[], context: DistributionContext, findings: Findings): DistributionInput[] | undefined {
  const records: DistributionInput[] = [];
  const ids = new Set<string>();
  let refused = false;
  distributions.forEach((source, i) => {
    const at = findings.under(`distributions[${i}]`);
    const record = distributionRecord(source, i, context, at);
    if (record === 'refused') refused = true;
    else if (record !== undefined) {
      if (ids.has(record.id)) record.id = `${record.id}-${i + 1}`;
      ids.add(record.id);
      records.push(record);
    }
  });
  return refused ? undefined : records;
}

function distributionRecord(source: SourceDistribution, index: number, context: DistributionContext, findings: Findings): DistributionInput | 'refused' | undefined {
  const { mediaType, format } = mediaTypeAndFormat(source, findings);
  if (mediaType === undefined && format === undefined) {
    findings.warn('', 'has neither a media type nor a format, one of which the contract needs; left out');
    return undefined;
  }
  const licence = oneLicence(source.licences, context.defaults, 'licence', findings);
  if (licence === undefined) return 'refused';
  const slug = source.sourceId && !source.sourceId.startsWith('_:') ? slugOf(ownPart(lastPart(source.sourceId), context.datasetId)) : '';
  const title = inLanguage(source.titles, context.language);
  const rights = inLanguage(source.rights, context.language);
  const byteSize = source.byteSize === undefined ? undefined : byteSizeOf(source.byteSize, findings);
  const checksums = checksumRecords(source.checksums, findings);
  // An access URL that is the dataset's landing page is a web page anyone may open, not a guarded
  // endpoint; kept, the partner kit would refuse the dataset for stating a guarded value in public.
  const accessUrls = source.accessUrls.filter((url) => url.trim() !== context.landingPage);
  if (accessUrls.length < source.accessUrls.length) findings.warn('accessUrl', `is the dataset's landing page (${context.landingPage}), which is public; left out of the distribution`);
  const accessUrl = firstUrl(accessUrls, 'accessUrl', findings);
  const downloadUrl = firstUrl(source.downloadUrls, 'downloadUrl', findings);
  const service = serviceRecord(source.accessServices, context.language, findings);
  return {
    id: `${context.datasetId}/${slug || `distribution-${index + 1}`}`,
    ...(title ? { title } : {}),
    ...(mediaType ? { mediaType } : {}),
    ...(format ? { format } : {}),
    ...(byteSize !== undefined ? { byteSize } : {}),
    ...(checksums.length > 0 ? { checksums } : {}),
    ...(licence !== 'none' && licence.id !== context.datasetLicence.id ? { licence } : {}),
    ...(rights ? { rights } : {}),
    ...(accessUrl ? { accessUrl } : {}),
    ...(downloadUrl ? { downloadUrl } : {}),
    ...(service ? { accessService: service } : {}),
  };
}

function mediaTypeAndFormat(source: SourceDistribution, findings: Findings): { mediaType?: string; format?: string } {
  const written = source.mediaType?.trim();
  let format = source.format?.trim() || undefined;
  if (written === undefined || written === '') return format ? { format } : {};
  const candidate = (IANA_MEDIA_TYPE.exec(written)?.[1] ?? written.split(';')[0]!.trim()).toLowerCase();
  if (MEDIA_TYPE.test(candidate)) return { mediaType: candidate, ...(format ? { format } : {}) };
  if (format === undefined) {
    format = written;
    findings.warn('mediaType', `"${written}" is not a media type; kept as the format`);
  } else {
    findings.warn('mediaType', `"${written}" is not a media type; left out`);
  }
  return { format };
}

const UNITS: Record<string, number> = {
  'b': 1, 'byte': 1, 'bytes': 1,
  'kb': 1e3, 'mb': 1e6, 'gb': 1e9, 'tb': 1e12,
  'kib': 2 ** 10, 'mib': 2 ** 20, 'gib': 2 ** 30, 'tib': 2 ** 40,
};

/** dcat:byteSize as a number, "117743", "117743 B" or "1.2 MB" (SI units; KiB, MiB ... binary). */
export function byteSizeOf(size: number | string, findings: Findings): number | undefined {
  if (typeof size === 'number') {
    if (Number.isInteger(size) && size >= 0) return size;
    findings.warn('byteSize', `${size} is not a whole number of bytes; left out`);
    return undefined;
  }
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(size);
  const factor = match ? UNITS[(match[2] || 'b').toLowerCase()] : undefined;
  if (!match || factor === undefined) {
    findings.warn('byteSize', `"${size}" is not a size in bytes; left out`);
    return undefined;
  }
  const bytes = Math.round(Number(match[1]) * factor);
  if (factor !== 1 || !Number.isInteger(Number(match[1]))) findings.warn('byteSize', `"${size}" taken as ${bytes} bytes`);
  return Number.isSafeInteger(bytes) ? bytes : undefined;
}

/** spdx:checksumAlgorithm_sha256, "SHA-256", "sha256", "MD5" ... to the contract's names. */
export function checksumAlgorithm(written: string): ChecksumAlgorithm | undefined {
  const name = written.trim().replace(/^.*checksumAlgorithm_/i, '').replace(/[^a-z0-9]/gi, '').toLowerCase();
  return Object.hasOwn(CHECKSUM_HEX_LENGTHS, name) ? (name as ChecksumAlgorithm) : undefined;
}

function checksumRecords(checksums: readonly SourceChecksum[], findings: Findings): ChecksumRecord[] {
  const records: ChecksumRecord[] = [];
  checksums.forEach((checksum, i) => {
    const algorithm = checksumAlgorithm(checksum.algorithm);
    const value = checksum.value.trim().toLowerCase();
    if (algorithm === undefined) {
      findings.warn(`checksums[${i}]`, `algorithm "${checksum.algorithm}" is not one the contract holds (${Object.keys(CHECKSUM_HEX_LENGTHS).join(', ')}); left out`);
    } else if (!/^[0-9a-f]+$/.test(value) || value.length !== CHECKSUM_HEX_LENGTHS[algorithm]) {
      findings.warn(`checksums[${i}]`, `"${checksum.value}" is not a ${algorithm} value in hex; left out`);
    } else if (records.some((r) => r.algorithm === algorithm)) {
      findings.warn(`checksums[${i}]`, `a second ${algorithm} checksum; the first is kept`);
    } else {
      records.push({ algorithm, value });
    }
  });
  return records;
}

function firstUrl(urls: readonly string[], field: string, findings: Findings): string | undefined {
  const absolute = urls.filter((u) => ABSOLUTE_URL.test(u.trim()));
  const relative = urls.filter((u) => !ABSOLUTE_URL.test(u.trim()));
  if (relative.length > 0) findings.warn(field, `"${relative[0]}" is not an absolute http(s) URL; left out`);
  if (absolute.length > 1) findings.warn(field, `the source gives ${absolute.length} URLs; the first is kept`);
  return absolute[0]?.trim();
}

function serviceRecord(services: readonly SourceDataService[], language: string, findings: Findings): DataServiceRecord | undefined {
  if (services.length === 0) return undefined;
  if (services.length > 1) findings.warn('accessService', `the source gives ${services.length} data services; the first is kept`);
  const service = services[0]!;
  const title = inLanguage(service.titles, language);
  if (title === undefined) {
    findings.warn('accessService', 'a data service without a title, which the contract needs; left out');
    return undefined;
  }
  const endpointUrl = service.endpointUrls.find((u) => ABSOLUTE_URL.test(u));
  const endpointDescription = service.endpointDescriptions.find((u) => ABSOLUTE_URL.test(u));
  return {
    title,
    ...(endpointUrl ? { endpointUrl } : {}),
    ...(endpointDescription ? { endpointDescription } : {}),
    ...(service.conformsTo.length > 0 ? { conformsTo: service.conformsTo } : {}),
  };
}

// Concord's own DCAT export names a distribution <base>/datasets/<dataset id>/<slug>, escaped as one
// segment: the slug alone is kept, so that an export imported again keeps its distribution ids.
function ownPart(segment: string, datasetId: string): string {
  let decoded = segment;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    return segment;
  }
  return decoded.startsWith(`${datasetId}/`) ? decoded.slice(datasetId.length + 1) : segment;
}

function lastPart(sourceId: string): string {
  const parts = sourceId.split(/[/#]/).filter((p) => p !== '');
  return parts[parts.length - 1] ?? sourceId;
}
