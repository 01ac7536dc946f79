import { describe, expect, it } from 'vitest';
import { checkRequestForm, JUSTIFICATION_MIN, PROJECT_TITLE_MAX, prefilledForm, toggled, type RequestFormValues } from '../../../../explorer/src/dataset/request-form-check.js';
import type { RequestAccessHint } from '../../../../explorer/src/dataset/denials.js';

// README "Governance": ds-022 needs the duty COL and the terms of LicenseRef-NUH-DUA-2.1.
const HINT: RequestAccessHint = {
  datasetId: 'northbridge-hospital:ds-022', partnerId: 'northbridge-hospital', requiredDuties: ['COL'], requiredTerms: ['LicenseRef-NUH-DUA-2.1'], maxGrantDays: 364,
};
const GOOD: RequestFormValues = { projectTitle: 'Readmission model', justification: 'Train a readmission risk model.', acceptedDuties: ['COL'], acceptedTerms: ['LicenseRef-NUH-DUA-2.1'] };

describe('the request form', () => {
  it('starts with nothing accepted on the requester\'s behalf', () => {
    expect(prefilledForm()).toEqual({ projectTitle: '', justification: '', acceptedDuties: [], acceptedTerms: [] });
  });

  it('sends the dataset of the denial, the texts trimmed, and the duties and terms accepted', () => {
    expect(checkRequestForm({ ...GOOD, projectTitle: '  Readmission model ' }, HINT)).toEqual({
      ok: true,
      input: { datasetIds: ['northbridge-hospital:ds-022'], projectTitle: 'Readmission model', justification: GOOD.justification, acceptedDuties: ['COL'], acceptedTerms: ['LicenseRef-NUH-DUA-2.1'] },
    });
  });

  it.each([
    { name: 'no title', change: { projectTitle: '   ' }, field: 'projectTitle', message: /title/ },
    { name: 'a title too long', change: { projectTitle: 'x'.repeat(PROJECT_TITLE_MAX + 1) }, field: 'projectTitle', message: /at most 300/ },
    { name: 'a justification too short', change: { justification: 'x'.repeat(JUSTIFICATION_MIN - 1) }, field: 'justification', message: /at least 20/ },
    { name: 'a duty not accepted', change: { acceptedDuties: [] }, field: 'acceptedDuties', message: /COL is not accepted/ },
    { name: 'terms not accepted', change: { acceptedTerms: ['LicenseRef-Other'] }, field: 'acceptedTerms', message: /LicenseRef-NUH-DUA-2.1 is not accepted/ },
  ])('refuses $name, next to its field', ({ change, field, message }) => {
    const check = checkRequestForm({ ...GOOD, ...change }, HINT);
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(Object.keys(check.errors)).toEqual([field]);
    expect(check.errors[field as keyof typeof check.errors]).toMatch(message);
  });

  it('names every problem at once', () => {
    const check = checkRequestForm(prefilledForm(), HINT);
    expect(check.ok ? [] : Object.keys(check.errors).sort()).toEqual(['acceptedDuties', 'acceptedTerms', 'justification', 'projectTitle']);
  });

  it('sends only what the dataset asks for, even if more was ticked', () => {
    const check = checkRequestForm({ ...GOOD, acceptedDuties: ['COL', 'PUB'] }, HINT);
    expect(check.ok && check.input.acceptedDuties).toEqual(['COL']);
  });

  it.each([
    { values: [], value: 'COL', expected: ['COL'] },
    { values: ['COL'], value: 'COL', expected: [] },
    { values: ['PUB'], value: 'COL', expected: ['PUB', 'COL'] },
  ])('toggles $value in $values', ({ values, value, expected }) => {
    expect(toggled(values, value)).toEqual(expected);
  });
});
