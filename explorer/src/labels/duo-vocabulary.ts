import duoTerms from '../../../schema/duo-terms.csv?raw';
import { duoLabelsFromCsv } from './labels.js';

// The DUO vocabulary the contract uses, read from schema/duo-terms.csv when the explorer is built.
const DUO_LABELS = duoLabelsFromCsv(duoTerms);

export function duoLabel(code: string): string {
  return DUO_LABELS.get(code) ?? code;
}
