import { z } from 'zod';
import { DUO_BY_CODE, DUO_TERMS, type DuoTerm } from '../../../../schema/duo-terms.js';
import type { DataClass } from '../../../../schema/vocabulary.js';
import type { UseConditionRecord } from '../../catalog-file.js';
import type { PartnerDefaults } from '../defaults-file.js';
import type { Findings } from '../findings.js';
import type { SourceUseCondition } from '../source-dataset.js';
import { countryCode } from './countries.js';
import { parseSourceDate } from './dates.js';

// DUO terms as the source states them (Beacon's duoDataUse, EGA policies' duoCodes, DCAT
// extensions) to the contract's use conditions, by the vocabulary in schema/duo-terms.csv. A term
// the vocabulary does not hold, or one whose required detail the source does not give (the disease
// of DS, the regions of GS, the months of TS), refuses the dataset: a restriction that cannot be
// represented is never dropped, since dropping it would widen who may use the data.

type UseCondition = z.input<typeof UseConditionRecord>;

const PERMISSION_CODES = new Set(['NRES', 'GRU', 'HMB', 'DS', 'POA', 'CC']);
const BY_ID = new Map(DUO_TERMS.map((t) => [t.id, t]));
const BY_LABEL = new Map(DUO_TERMS.map((t) => [t.label.toLowerCase(), t]));

/** A DUO term from "DUO:0000007", "DUO_0000007", an OBO PURL, "obo:DUO_0000007", its shorthand "DS" or its label. */
export function duoTerm(term: string): DuoTerm | undefined {
  const text = term.trim();
  const id = /(?:^|[/#:])DUO[_:](\d{7})$/i.exec(text);
  if (id) return BY_ID.get(`DUO:${id[1]}`);
  return DUO_BY_CODE.get(text.toUpperCase()) ?? BY_LABEL.get(text.toLowerCase());
}

/** An ontology term as a CURIE: http://purl.obolibrary.org/obo/MONDO_0005148 is MONDO:0005148. */
export function ontologyId(value: string): string {
  const text = value.trim();
  if (!/^https?:\/\//i.test(text)) return text;
  const last = text.split(/[/#]/).pop() ?? '';
  const curie = /^([A-Za-z][A-Za-z0-9]*)_([A-Za-z0-9]+)$/.exec(last);
  return curie ? `${curie[1]}:${curie[2]}` : text;
}

export interface StatedUseConditions {
  conditions: UseCondition[];
  /** The codes of stated terms other than NRES ("no restriction"): they make the dataset restricted. */
  restricting: string[];
}

export function statedUseConditions(stated: readonly SourceUseCondition[], findings: Findings): StatedUseConditions | undefined {
  const conditions: UseCondition[] = [];
  let refused = false;
  stated.forEach((source, i) => {
    const field = `useConditions[${i}]`;
    const term = duoTerm(source.term);
    if (term === undefined) {
      findings.refuse(field, `DUO term "${source.term}"${source.label ? ` (${source.label})` : ''} is not one Concord knows (schema/duo-terms.csv); a restriction that cannot be represented is not dropped`);
      refused = true;
      return;
    }
    if (conditions.some((c) => c.code === term.shorthand)) {
      findings.warn(field, `${term.shorthand} is stated more than once; it is kept once`);
      return;
    }
    const condition = withDetail(term, source.modifiers.map(ontologyId), field, findings);
    if (condition === undefined) refused = true;
    else conditions.push(condition);
  });
  if (refused) return undefined;
  return { conditions, restricting: conditions.map((c) => c.code).filter((code) => code !== 'NRES') };
}

function withDetail(term: DuoTerm, modifiers: string[], field: string, findings: Findings): UseCondition | undefined {
  const code = term.shorthand;
  const needs = (detail: string, message: string) => {
    findings.refuse(`${field}.${detail}`, `${code} (${term.label}) ${message}`);
    return undefined;
  };
  switch (code) {
    case 'DS':
      if (modifiers.length === 0) return needs('diseaseId', 'names no disease; the source gives no modifier');
      if (modifiers.length > 1) return needs('diseaseId', `names ${modifiers.length} diseases (${modifiers.join(', ')}); the contract holds one per DS term`);
      return { code, diseaseId: modifiers[0]! };
    case 'GS': {
      const regions = modifiers.map(countryCode);
      if (regions.length === 0 || regions.some((r) => r === undefined)) return needs('regions', `needs its regions as ISO 3166 country codes; the source gives ${modifiers.length === 0 ? 'none' : modifiers.join(', ')}`);
      return { code, regions: regions as string[] };
    }
    case 'IS':
    case 'US':
    case 'PS':
      if (modifiers.length === 0) return needs('allowed', 'names no allowed institutions, users or projects');
      return { code, allowed: modifiers };
    case 'TS': {
      const months = modifiers.map(monthsOf).find((m) => m !== undefined);
      if (months === undefined) return needs('months', 'needs the number of months of use, which the source does not give');
      return { code, months };
    }
    case 'MOR': {
      const date = modifiers.map(parseSourceDate).find((d) => d !== undefined && 'date' in d);
      if (date === undefined || !('date' in date)) return needs('until', 'needs the date the moratorium ends, which the source does not give');
      return { code, until: date.date };
    }
    default:
      if (modifiers.length > 0) findings.warn(field, `the modifiers of ${code} (${modifiers.join(', ')}) have no place in the contract; left out`);
      return { code };
  }
}

/** Months of use from an xsd:duration in months or years ("P12M", "P2Y"), as a TS modifier states them. */
function monthsOf(modifier: string): number | undefined {
  const match = /^P(?:(\d+)Y)?(?:(\d+)M)?$/.exec(modifier.trim());
  if (!match || (match[1] === undefined && match[2] === undefined)) return undefined;
  const months = Number(match[1] ?? 0) * 12 + Number(match[2] ?? 0);
  return months > 0 ? months : undefined;
}

/**
 * A dataset that is not public needs one DUO permission term (catalog-file.ts): where the source
 * states none, the defaults file's are taken, and reported.
 */
export function completedUseConditions(
  conditions: UseCondition[], dataClass: DataClass, defaults: PartnerDefaults | undefined, findings: Findings,
): UseCondition[] | undefined {
  if (dataClass === 'PUBLIC' || conditions.some((c) => PERMISSION_CODES.has(c.code))) return conditions;
  const fallback = defaults?.useConditions;
  if (fallback === undefined) {
    findings.refuse('useConditions', `the dataset is ${dataClass}, not public, and the source states no DUO permission term (${[...PERMISSION_CODES].join(', ')}); give useConditions in the defaults file`);
    return undefined;
  }
  if (conditions.length === 0) {
    findings.warn('useConditions', `the source states no DUO terms; the defaults file's (${fallback.map((c) => c.code).join(', ')}) are taken`);
    return fallback;
  }
  const permissions = fallback.filter((c) => PERMISSION_CODES.has(c.code));
  findings.warn('useConditions', `the source states no DUO permission term; the defaults file's (${permissions.map((c) => c.code).join(', ')}) is added`);
  return [...permissions, ...conditions];
}
