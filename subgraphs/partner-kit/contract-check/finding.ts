// What one check found wrong with a partner subgraph, in the words a partner's developer needs: where
// (a schema coordinate such as AcmeLabsDataset.sampleRecords, or the request that showed it), what the
// contract expects, what the partner serves, and how to fix it.

/** A failure refuses the partner; a warning is a difference the federation tolerates but should not. */
export type Severity = 'failure' | 'warning';

export interface Finding {
  severity: Severity;
  where: string;
  expected: string;
  found: string;
  fix: string;
}

type Details = Omit<Finding, 'severity'>;

export function failure(details: Details): Finding {
  return { severity: 'failure', ...details };
}

export function warning(details: Details): Finding {
  return { severity: 'warning', ...details };
}

/** A check that cannot be made, and why (an earlier check failed, or the partner has nothing to show). */
export interface Skipped {
  skipped: string;
}

export function skip(reason: string): Skipped {
  return { skipped: reason };
}

export function isSkipped(outcome: readonly Finding[] | Skipped): outcome is Skipped {
  return !Array.isArray(outcome);
}

const SHOWN_TEXT = 200;

/**
 * Text the partner sent (an error message, a value), made safe to print: control characters could
 * rewrite the checker's own output on a terminal, and a long answer would bury the finding.
 */
export function partnerText(text: string, shown = SHOWN_TEXT): string {
  // eslint-disable-next-line no-control-regex
  const printable = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ');
  return printable.length > shown ? `${printable.slice(0, shown)}...` : printable;
}

/** Why the rules that compare against the harvest listing cannot run. */
export const NO_LISTING = 'the harvest could not be read (see the harvest check)';
