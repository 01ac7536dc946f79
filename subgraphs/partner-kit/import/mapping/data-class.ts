import { DATA_CLASSES, type DataClass } from '../../../../schema/vocabulary.js';
import type { PartnerDefaults } from '../defaults-file.js';
import type { Findings } from '../findings.js';

// The contract's data class, from what the source says about access and nothing else. PUBLIC only
// where the source says the data is public: the EU access-right authority's PUBLIC, data.json's
// accessLevel "public", a CKAN package that is not private. Where the source says access is
// restricted, or states DUO terms that restrict use, the partner's class for restricted data is
// taken from the defaults file; where it says nothing, the partner's class for that case. A
// statement the importer cannot read (free text) counts as restricted: reading "only approved
// researchers" as public would publish what the partner meant to guard.

export type AccessStatement = 'public' | 'restricted' | 'unstated' | 'unreadable';

const EU_ACCESS_RIGHT = /^https?:\/\/publications\.europa\.eu\/resource\/authority\/access-right\/([A-Z_]+)$/;

export function accessStatement(accessRights: string | undefined): AccessStatement {
  if (accessRights === undefined) return 'unstated';
  const value = accessRights.trim();
  const eu = EU_ACCESS_RIGHT.exec(value);
  if (eu) return eu[1] === 'PUBLIC' ? 'public' : 'restricted';
  switch (value.toLowerCase()) {
    case 'public':
      return 'public';
    case 'restricted public':
    case 'non-public':
    case 'restricted':
    case 'non_public':
      return 'restricted';
    // schema:isAccessibleForFree says whether access costs money, not who may have it; not free is a restriction.
    case 'true':
      return 'unstated';
    case 'false':
      return 'restricted';
    default:
      return 'unreadable';
  }
}

export function dataClassOf(
  accessRights: string | undefined, restrictingTerms: readonly string[], defaults: PartnerDefaults | undefined, findings: Findings,
  statedClass?: string,
): DataClass | undefined {
  const statement = accessStatement(accessRights);
  if (statement === 'public') return 'PUBLIC';
  // The class the source names is taken only where its access statement agrees that access is restricted.
  const named = DATA_CLASSES.find((c) => c === statedClass?.trim());
  if (statement === 'restricted' && named !== undefined && named !== 'PUBLIC') return named;
  const whenRestricted = defaults?.dataClass?.whenRestricted;
  if (statement === 'restricted' || statement === 'unreadable' || restrictingTerms.length > 0) {
    const why = statement === 'restricted' ? `the source says access is restricted ("${accessRights}")`
      : statement === 'unreadable' ? `the source's access statement "${accessRights}" is not one the importer can read, so it is treated as restricted`
        : `the source states DUO terms that restrict use (${restrictingTerms.join(', ')})`;
    if (whenRestricted === undefined) {
      findings.refuse('dataClass', `${why}; give the class for restricted data in the defaults file (dataClass.whenRestricted)`);
      return undefined;
    }
    findings.warn('dataClass', `${why}; the defaults file's class for restricted data (${whenRestricted}) is taken${statement === 'unreadable' ? ' (review)' : ''}`);
    return whenRestricted;
  }
  const whenUnstated = defaults?.dataClass?.whenUnstated;
  if (whenUnstated === undefined) {
    findings.refuse('dataClass', 'the source says nothing about who may access the data; give the class in the defaults file (dataClass.whenUnstated)');
    return undefined;
  }
  findings.warn('dataClass', `the source says nothing about who may access the data; the defaults file's class (${whenUnstated}) is taken`);
  return whenUnstated;
}
