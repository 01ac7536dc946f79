import { useMutation, useQuery } from '@urql/preact';
import { useState } from 'preact/hooks';
import { TRUST_ORGANISATION, TRUSTED_ORGANISATIONS, UNTRUST_ORGANISATION } from '../graphql/operations.js';
import { placeRefusal, refusalText } from '../graphql/refusals.js';
import type { TrustMarkView } from '../graphql/types.js';
import { dataClassLabel } from '../labels/labels.js';
import type { Session } from '../session/session.js';
import { stewardPartners } from '../session/token-claims.js';
import { checkTrustMark, TRUSTABLE_CLASSES, type FieldErrors, type TrustMarkValues } from './action-checks.js';
import { day } from './grant-words.js';

type TrustField = 'organisation' | 'dataClass';

const classWords = (dataClass: string) => `data of class “${dataClassLabel(dataClass)}”`;

/**
 * A steward's trust marks (README "Governance"): the organisations whose members' requests to the
 * partner are approved at once when the policy allows, per data class. Removing a mark leaves the
 * grants it made until they are revoked.
 */
export function TrustPage({ session }: { session: Session }) {
  const partners = stewardPartners(session.view);
  const [partnerId, setPartnerId] = useState(partners[0] ?? '');
  const [status, setStatus] = useState('');
  const [result, refetch] = useQuery<{ trustedOrganisations: TrustMarkView[] }>({
    query: TRUSTED_ORGANISATIONS, variables: { partnerId }, pause: !partnerId, requestPolicy: 'network-only',
  });
  const [removal, untrust] = useMutation<{ untrustOrganisation: boolean }>(UNTRUST_ORGANISATION);
  if (!partnerId) return <p>Trust marks are set by a partner's data stewards.</p>;
  const marks = result.data?.trustedOrganisations ?? [];
  const remove = (mark: TrustMarkView) => {
    setStatus('');
    void untrust({ partnerId, organisation: mark.organisation, dataClass: mark.dataClass }).then((r) => {
      if (r.error) return;
      setStatus(r.data?.untrustOrganisation
        ? `${mark.organisation} is no longer trusted for ${classWords(mark.dataClass)}; grants already made stay until revoked.`
        : `${mark.organisation} had no trust mark for ${classWords(mark.dataClass)} any more: nothing was changed.`);
      refetch();
    });
  };
  return (
    <div>
      <h1>Trust marks</h1>
      <div class="toolbar">
        {partners.length > 1 ? (
          <label>Partner <select value={partnerId} onChange={(e) => { setPartnerId((e.currentTarget as HTMLSelectElement).value); setStatus(''); }}>{partners.map((p) => <option key={p}>{p}</option>)}</select></label>
        ) : <p>Organisations trusted by <strong>{partnerId}</strong></p>}
      </div>
      <p class="muted">A member of a trusted organisation whose request the policy allows is approved at once, without waiting for a steward.</p>
      {result.error ? <p role="alert" class="error">{refusalText(result.error)}</p> : null}
      {removal.error ? <p role="alert" class="error">The gateway refused the removal: {refusalText(removal.error)}</p> : null}
      <p role="status" class={status ? 'notice' : 'visually-hidden'}>{status}</p>
      {result.data && marks.length === 0 ? <p>No organisation is trusted.</p> : null}
      {marks.length ? (
        <div class="table-scroll">
          <table class="trust-marks">
            <caption>Trust marks of {partnerId}</caption>
            <thead><tr><th scope="col">Organisation</th><th scope="col">Data class</th><th scope="col">Set by</th><th scope="col">On</th><th scope="col">Action</th></tr></thead>
            <tbody>{marks.map((m) => (
              <tr key={`${m.organisation}-${m.dataClass}`} data-trust-mark={`${m.organisation}/${m.dataClass}`}>
                <td>{m.organisation}</td>
                <td>{dataClassLabel(m.dataClass)}</td>
                <td>{m.by}</td>
                <td>{day(m.at)}</td>
                <td><button type="button" class="secondary" disabled={removal.fetching} onClick={() => remove(m)}
                  aria-label={`Remove the trust mark of ${m.organisation} for ${classWords(m.dataClass)}`}>Remove</button></td>
              </tr>
            ))}</tbody>
          </table>
        </div>
      ) : null}
      <TrustForm partnerId={partnerId} marks={marks} onTrusted={(mark) => {
        setStatus(`${mark.organisation} is now trusted for ${classWords(mark.dataClass)}.`);
        refetch();
      }} />
    </div>
  );
}

function TrustForm({ partnerId, marks, onTrusted }: { partnerId: string; marks: readonly TrustMarkView[]; onTrusted(mark: TrustMarkView): void }) {
  const [values, setValues] = useState<TrustMarkValues>({ organisation: '', dataClass: '' });
  const [errors, setErrors] = useState<FieldErrors<TrustField> & { rest?: string | null }>({});
  const [sent, trust] = useMutation<{ trustOrganisation: TrustMarkView }>(TRUST_ORGANISATION);
  const describedBy = (field: TrustField) => (errors[field] ? `trust-${field}-error` : undefined);
  return (
    <form class="inline-form trust-form" aria-labelledby="trust-heading" noValidate onSubmit={(e) => {
      e.preventDefault();
      const check = checkTrustMark(partnerId, values, marks);
      if (!check.ok) return setErrors(check.errors);
      setErrors({});
      void trust(check.variables).then((r) => {
        if (r.error) {
          const placed = placeRefusal<TrustField>(r.error, { organisation: 'organisation', dataClass: 'dataClass' });
          return setErrors({ ...placed.byField, rest: placed.rest });
        }
        if (r.data) {
          setValues({ organisation: '', dataClass: '' });
          onTrusted(r.data.trustOrganisation);
        }
      });
    }}>
      <h2 id="trust-heading">Trust an organisation</h2>
      <label for="trust-organisation">Organisation id (as in its members' tokens)</label>
      <input id="trust-organisation" value={values.organisation} aria-invalid={Boolean(errors.organisation)} aria-describedby={describedBy('organisation')}
        onInput={(e) => setValues({ ...values, organisation: (e.currentTarget as HTMLInputElement).value })} />
      {errors.organisation ? <p id="trust-organisation-error" class="field-error">{errors.organisation}</p> : null}
      <label for="trust-dataClass">For data of class</label>
      <select id="trust-dataClass" value={values.dataClass} aria-invalid={Boolean(errors.dataClass)} aria-describedby={describedBy('dataClass')}
        onChange={(e) => setValues({ ...values, dataClass: (e.currentTarget as HTMLSelectElement).value })}>
        <option value="">Choose a data class</option>
        {TRUSTABLE_CLASSES.map((c) => <option key={c} value={c}>{dataClassLabel(c)}</option>)}
      </select>
      {errors.dataClass ? <p id="trust-dataClass-error" class="field-error">{errors.dataClass}</p> : null}
      {errors.rest ? <p role="alert" class="error">The gateway refused: {errors.rest}</p> : null}
      <div class="actions"><button type="submit" disabled={sent.fetching}>Trust</button></div>
    </form>
  );
}
