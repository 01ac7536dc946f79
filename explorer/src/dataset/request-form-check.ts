import type { RequestAccessHint } from './denials.js';

// The "Request access" form: prefilled from the denial's `extensions.requestAccess`, checked here
// the way the governance subgraph checks it (README "Governance"), so a person sees every problem at
// once, next to its field, before anything is sent.

export interface RequestFormValues {
  projectTitle: string;
  justification: string;
  acceptedDuties: readonly string[];
  acceptedTerms: readonly string[];
}

export interface RequestAccessInput {
  datasetIds: string[];
  projectTitle: string;
  justification: string;
  acceptedDuties: string[];
  acceptedTerms: string[];
}

export type RequestFormField = keyof RequestFormValues;

export type RequestFormCheck =
  | { ok: true; input: RequestAccessInput }
  | { ok: false; errors: Partial<Record<RequestFormField, string>> };

/** The governance subgraph's limits (subgraphs/governance/governance-resolvers.ts, MAX_TEXT). */
export const PROJECT_TITLE_MAX = 300;
export const JUSTIFICATION_MAX = 10_000;
/** Below this, a justification tells a steward nothing to decide on. */
export const JUSTIFICATION_MIN = 20;

/** Nothing is accepted on the requester's behalf: the duties and terms are listed, unticked. */
export function prefilledForm(): RequestFormValues {
  return { projectTitle: '', justification: '', acceptedDuties: [], acceptedTerms: [] };
}

export function toggled(values: readonly string[], value: string): string[] {
  return values.includes(value) ? values.filter((v) => v !== value) : [...values, value];
}

export function checkRequestForm(values: RequestFormValues, hint: RequestAccessHint): RequestFormCheck {
  const errors: Partial<Record<RequestFormField, string>> = {};
  const projectTitle = values.projectTitle.trim();
  const justification = values.justification.trim();
  if (!projectTitle) errors.projectTitle = 'Give your project a title.';
  else if (projectTitle.length > PROJECT_TITLE_MAX) errors.projectTitle = `The title is ${projectTitle.length} characters; at most ${PROJECT_TITLE_MAX}.`;
  if (justification.length < JUSTIFICATION_MIN) errors.justification = `Say what you will do with the data, in at least ${JUSTIFICATION_MIN} characters.`;
  else if (justification.length > JUSTIFICATION_MAX) errors.justification = `The justification is ${justification.length} characters; at most ${JUSTIFICATION_MAX}.`;
  const missingDuties = hint.requiredDuties.filter((d) => !values.acceptedDuties.includes(d));
  if (missingDuties.length) errors.acceptedDuties = `Accept every duty of the dataset: ${missingDuties.join(', ')} is not accepted.`;
  const missingTerms = hint.requiredTerms.filter((t) => !values.acceptedTerms.includes(t));
  if (missingTerms.length) errors.acceptedTerms = `Accept the licence terms: ${missingTerms.join(', ')} is not accepted.`;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    input: {
      datasetIds: [hint.datasetId],
      projectTitle,
      justification,
      acceptedDuties: hint.requiredDuties.filter((d) => values.acceptedDuties.includes(d)),
      acceptedTerms: hint.requiredTerms.filter((t) => values.acceptedTerms.includes(t)),
    },
  };
}
