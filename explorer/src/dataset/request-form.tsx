import { useMutation } from '@urql/preact';
import { useState } from 'preact/hooks';
import { REQUEST_ACCESS } from '../graphql/operations.js';
import type { RequestAccessHint } from './denials.js';
import { checkRequestForm, prefilledForm, toggled, type RequestFormField } from './request-form-check.js';

/** "Request access", prefilled from the denial's extensions.requestAccess: the dataset, its partner, the duties and terms to accept. */
export function RequestAccessForm({ hint }: { hint: RequestAccessHint }) {
  const [values, setValues] = useState(prefilledForm);
  const [errors, setErrors] = useState<Partial<Record<RequestFormField, string>>>({});
  const [sent, send] = useMutation<{ requestAccess: { id: string; parts: { partnerId: string; status: string }[] } }>(REQUEST_ACCESS);
  if (sent.data) {
    const request = sent.data.requestAccess;
    return (
      <div class="notice" role="status">
        Request {request.id} sent: {request.parts.map((p) => `${p.partnerId} ${p.status.toLowerCase()}`).join(', ')}. Follow it in <a href="#/requests">My requests</a>.
      </div>
    );
  }
  const submit = (event: Event) => {
    event.preventDefault();
    const check = checkRequestForm(values, hint);
    if (!check.ok) return setErrors(check.errors);
    setErrors({});
    void send({ input: check.input });
  };
  const describedBy = (field: RequestFormField) => (errors[field] ? `${field}-error` : undefined);
  return (
    <form class="request-form" onSubmit={submit} noValidate aria-labelledby="request-heading">
      <h2 id="request-heading">Request access</h2>
      <p>
        To <strong>{hint.partnerId}</strong> for <span class="code">{hint.datasetId}</span>; a grant lasts at most {hint.maxGrantDays} days.
      </p>
      <label for="projectTitle">Project title</label>
      <input id="projectTitle" value={values.projectTitle} aria-invalid={Boolean(errors.projectTitle)} aria-describedby={describedBy('projectTitle')}
        onInput={(e) => setValues({ ...values, projectTitle: (e.currentTarget as HTMLInputElement).value })} />
      {errors.projectTitle ? <p id="projectTitle-error" class="field-error">{errors.projectTitle}</p> : null}
      <label for="justification">What you will do with the data</label>
      <textarea id="justification" rows={4} value={values.justification} aria-invalid={Boolean(errors.justification)} aria-describedby={describedBy('justification')}
        onInput={(e) => setValues({ ...values, justification: (e.currentTarget as HTMLTextAreaElement).value })} />
      {errors.justification ? <p id="justification-error" class="field-error">{errors.justification}</p> : null}
      {hint.requiredDuties.length ? (
        <fieldset aria-describedby={describedBy('acceptedDuties')}>
          <legend>Duties of the dataset's use conditions</legend>
          {hint.requiredDuties.map((duty) => (
            <div key={duty}>
              <input type="checkbox" id={`duty-${duty}`} checked={values.acceptedDuties.includes(duty)}
                onChange={() => setValues({ ...values, acceptedDuties: toggled(values.acceptedDuties, duty) })} />
              <label for={`duty-${duty}`}>I accept the duty {duty}</label>
            </div>
          ))}
          {errors.acceptedDuties ? <p id="acceptedDuties-error" class="field-error">{errors.acceptedDuties}</p> : null}
        </fieldset>
      ) : null}
      {hint.requiredTerms.length ? (
        <fieldset aria-describedby={describedBy('acceptedTerms')}>
          <legend>Licence terms</legend>
          {hint.requiredTerms.map((term) => (
            <div key={term}>
              <input type="checkbox" id={`term-${term}`} checked={values.acceptedTerms.includes(term)}
                onChange={() => setValues({ ...values, acceptedTerms: toggled(values.acceptedTerms, term) })} />
              <label for={`term-${term}`}>I accept the terms of {term}</label>
            </div>
          ))}
          {errors.acceptedTerms ? <p id="acceptedTerms-error" class="field-error">{errors.acceptedTerms}</p> : null}
        </fieldset>
      ) : null}
      {sent.error ? <p role="alert" class="error">The request was refused: {sent.error.graphQLErrors.map((e) => e.message).join('; ') || sent.error.message}</p> : null}
      <button type="submit" disabled={sent.fetching}>Send the request</button>
    </form>
  );
}
