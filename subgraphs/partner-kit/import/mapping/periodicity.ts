import { EU_FREQUENCY_PATTERN, XSD_DURATION_PATTERN } from '../../catalog-values.js';
import type { Findings } from '../findings.js';

// dct:accrualPeriodicity to the contract's form: an EU frequency authority IRI, or an ISO 8601
// duration or repeating interval. Other frequency vocabularies name the same frequencies and are
// mapped to the EU table's codes: the Dublin Core Collection Description Frequency Vocabulary
// (http://purl.org/cld/freq/), the SDMX frequency code list (sdmx/2009/code#freq-A) and the
// plain words DCAT-US 3.0 examples use ("daily").

const EU_FREQUENCY = 'http://publications.europa.eu/resource/authority/frequency/';
const ISO_DURATION = /^P(?:\d+W|(?=\d|T\d)(?:\d+Y)?(?:\d+M)?(?:\d+D)?(?:T(?=\d)(?:\d+H)?(?:\d+M)?(?:\d+(?:\.\d+)?S)?)?)$/;
const REPEATING_INTERVAL = /^R\d*\/\S+$/;

const WORDS: Record<string, string> = {
  'annual': 'ANNUAL', 'annually': 'ANNUAL', 'yearly': 'ANNUAL', 'semiannual': 'ANNUAL_2', 'threetimesayear': 'ANNUAL_3',
  'biennial': 'BIENNIAL', 'triennial': 'TRIENNIAL', 'quarterly': 'QUARTERLY', 'bimonthly': 'BIMONTHLY', 'monthly': 'MONTHLY',
  'semimonthly': 'MONTHLY_2', 'threetimesamonth': 'MONTHLY_3', 'biweekly': 'BIWEEKLY', 'weekly': 'WEEKLY',
  'semiweekly': 'WEEKLY_2', 'threetimesaweek': 'WEEKLY_3', 'daily': 'DAILY', 'hourly': 'HOURLY', 'continuous': 'CONT',
  'irregular': 'IRREG', 'never': 'NEVER',
};

// SDMX 2009 CL_FREQ: A annual, S half-yearly, Q quarterly, M monthly, W weekly, D daily.
const SDMX: Record<string, string> = { A: 'ANNUAL', S: 'ANNUAL_2', Q: 'QUARTERLY', M: 'MONTHLY', W: 'WEEKLY', D: 'DAILY' };

export function accrualPeriodicityOf(value: string, findings: Findings): string | undefined {
  const text = value.trim();
  if (EU_FREQUENCY_PATTERN.test(text) || ISO_DURATION.test(text) || REPEATING_INTERVAL.test(text)) return text;
  const cld = /^https?:\/\/purl\.org\/cld\/freq\/(\w+)$/i.exec(text);
  const sdmx = /^https?:\/\/purl\.org\/linked-data\/sdmx\/2009\/code#freq-([A-Z])$/.exec(text);
  const code = cld ? ownValue(WORDS, cld[1]!.toLowerCase()) : sdmx ? ownValue(SDMX, sdmx[1]!) : ownValue(WORDS, text.toLowerCase().replace(/[\s-]+/g, ''));
  if (code !== undefined) return EU_FREQUENCY + code;
  findings.warn('accrualPeriodicity', `"${text}" is not a frequency the importer can map to the EU frequency table or ISO 8601; left out`);
  return undefined;
}

export function temporalResolutionOf(value: string, findings: Findings): string | undefined {
  const text = value.trim();
  if (XSD_DURATION_PATTERN.test(text)) return text;
  findings.warn('temporalResolution', `"${text}" is not an xsd:duration such as P1D; left out`);
  return undefined;
}

/** A table's own entry only: a source word such as "constructor" must not find Object.prototype's. */
function ownValue(table: Readonly<Record<string, string>>, key: string): string | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
