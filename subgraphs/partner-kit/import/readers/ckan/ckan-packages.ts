import { asRecord, asText, type JsonRecord } from '../json-fields.js';

// Where the packages are in what the CKAN action API returns: package_show's `result`,
// package_search's `result.results`, or a package (or a list of them) saved on its own.

export interface LocatedPackage {
  record: JsonRecord;
  /** A JSON path, for the report. */
  where: string;
}

export function ckanPackages(json: unknown): { packages: LocatedPackage[]; error?: string } | undefined {
  if (Array.isArray(json)) {
    const packages = json.map((item, i) => ({ record: asRecord(item), where: `$[${i}]` }))
      .filter((p): p is LocatedPackage => p.record !== undefined && isPackage(p.record));
    return packages.length > 0 ? { packages } : undefined;
  }
  const top = asRecord(json);
  if (top === undefined) return undefined;
  if ('success' in top && ('result' in top || 'error' in top)) {
    const error = top.success === false ? describeError(top.error) : undefined;
    const result = top.result;
    const resultRecord = asRecord(result);
    if (resultRecord && Array.isArray(resultRecord.results)) {
      return withError(ckanPackages(resultRecord.results)?.packages.map((p) => ({ ...p, where: `$.result.results${p.where.slice(1)}` })) ?? [], error);
    }
    if (Array.isArray(result)) return withError(ckanPackages(result)?.packages.map((p) => ({ ...p, where: `$.result${p.where.slice(1)}` })) ?? [], error);
    return withError(resultRecord && isPackage(resultRecord) ? [{ record: resultRecord, where: '$.result' }] : [], error);
  }
  return isPackage(top) ? { packages: [{ record: top, where: '$' }] } : undefined;
}

/** A CKAN package: resources, and one of the fields only packages have. */
export function isPackage(record: JsonRecord): boolean {
  return Array.isArray(record.resources) && ['name', 'notes', 'license_id', 'num_resources', 'owner_org', 'metadata_created'].some((k) => k in record);
}

function withError(packages: LocatedPackage[], error: string | undefined): { packages: LocatedPackage[]; error?: string } {
  return error === undefined ? { packages } : { packages, error };
}

function describeError(error: unknown): string {
  const record = asRecord(error);
  return (record && (asText(record.message) ?? asText(record.__type))) ?? 'no message';
}
