import { useQuery } from '@urql/preact';
import type { ComponentChildren } from 'preact';
import { useMemo } from 'preact/hooks';
import { DATASET } from '../graphql/operations.js';
import { dataClassLabel } from '../labels/labels.js';
import { auditHref } from '../routing.js';
import type { Session } from '../session/session.js';
import { stewardPartners } from '../session/token-claims.js';
import { denialsBelow, requestableDenial, type FieldDenial } from './denials.js';
import { LockedField } from './locked-field.js';
import { RequestAccessForm } from './request-form.js';
import { httpHref } from './safe-link.js';

// Every field of one dataset the caller may see; each withheld one locked, with its reason.

type Value = unknown;
type Dataset = Record<string, Value> & { id: string; title: string };

interface FieldProps {
  label: string;
  path: string;
  value: Value;
  denials: Map<string, FieldDenial>;
  children?: (value: NonNullable<Value>) => ComponentChildren;
}

function isEmpty(value: Value): boolean {
  return value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
}

/** One field: its value, "not stated", or locked when the gateway withheld it. */
function Field({ label, path, value, denials, children }: FieldProps) {
  const denial = denials.get(path);
  return (
    <div class={`field${denial ? ' is-locked' : ''}`} data-field={path}>
      <dt>{label}</dt>
      <dd>{denial ? <LockedField denial={denial} /> : isEmpty(value) ? <span class="muted">not stated</span> : children ? children(value as NonNullable<Value>) : String(value)}</dd>
    </div>
  );
}

const list = (value: Value) => (value as string[]).join(', ');
/** A partner-supplied address: a link only when it is an absolute http(s) URL (safe-link.ts), plain text otherwise. */
const link = (value: Value) => {
  const href = httpHref(value);
  return href ? <a href={href} rel="noreferrer noopener">{String(value)}</a> : String(value);
};
const obj = (value: Value) => value as Record<string, Value>;

export function DatasetPage({ id, session }: { id: string; session: Session }) {
  const [result] = useQuery<{ dataset: Dataset | null }>({ query: DATASET, variables: { id } });
  const denials = useMemo(() => denialsBelow(result.error?.graphQLErrors ?? [], 'dataset'), [result.error]);
  const d = result.data?.dataset;
  if (result.fetching && !d) return <p aria-busy="true">Loading {id}…</p>;
  if (!d) return <p role="alert" class="error">{result.error && !result.data ? `The dataset could not be read: ${result.error.message}` : `No partner publishes a dataset ${id}.`}</p>;
  const requestable = requestableDenial(denials.values());
  const publisher = obj(d.publisher);
  const steward = stewardPartners(session.view).includes(String(publisher.id));
  const shown = new Set<string>();
  const f = (label: string, path: string, render?: FieldProps['children']) => {
    shown.add(path);
    return <Field label={label} path={path} value={valueAt(d, path)} denials={denials}>{render}</Field>;
  };
  const distributions = (d.distributions as Record<string, Value>[] | null) ?? [];
  return (
    <article class="dataset-page">
      <p><a href="#/">← Back to search</a></p>
      <h1>{d.title}</h1>
      <p class="code">{d.id}</p>
      {denials.size > 0 ? (
        <p class="notice" role="note">{denials.size} field{denials.size === 1 ? ' is' : 's are'} withheld from {session.kind === 'anonymous' ? 'anonymous visitors' : session.name}; each says why below.</p>
      ) : null}
      {steward ? <p><a href={auditHref(d.id)}>Audit of this dataset</a></p> : null}
      {requestable?.requestAccess && session.token ? <RequestAccessForm hint={requestable.requestAccess} /> : null}
      {requestable && !session.token ? <p class="notice">Sign in to request access to this dataset.</p> : null}
      <section aria-labelledby="about-heading">
        <h2 id="about-heading">About</h2>
        <dl class="fields">
          {f('Description', 'description')}
          {f('Partner', 'publisher', (p) => `${obj(p).name} (${obj(p).country})`)}
          {f('Data class', 'dataClass', (v) => dataClassLabel(String(v)))}
          {f('Use conditions', 'useConditions', (v) => (
            <ul>{(v as Record<string, Value>[]).map((u) => <li key={String(u.code)}>{String(u.label)} <span class="code">{String(u.code)}</span>{u.months ? `, ${u.months} months` : ''}{u.diseaseId ? `, ${u.diseaseId}` : ''}</li>)}</ul>
          ))}
          {f('Keywords', 'keywords', list)}
          {f('Themes', 'themes', list)}
          {f('Issued', 'issued')}
          {f('Modified', 'modified')}
          {f('Language', 'language')}
          {f('Version', 'version')}
          {f('Version notes', 'versionNotes')}
          {f('Provenance', 'provenance')}
          {f('Conforms to', 'conformsTo', list)}
          {f('Landing page', 'landingPage', link)}
          {f('Embargo until', 'embargoUntil')}
          {f('Update frequency', 'accrualPeriodicity')}
          {f('Time resolution', 'temporalResolution')}
          {f('Period covered', 'temporalCoverage', (v) => `${obj(v).start ?? '…'} to ${obj(v).end ?? '…'}`)}
          {f('Place covered', 'spatialCoverage', (v) => `${obj(v).name} (${list(obj(v).countries)})`)}
          {f('Identifiers', 'identifiers', (v) => (v as Record<string, Value>[]).map((i) => `${i.scheme ? `${i.scheme}: ` : ''}${i.value}`).join(', '))}
          {f('Creators', 'creators', (v) => (v as Record<string, Value>[]).map((c) => String(c.name)).join(', '))}
          {f('Other roles', 'qualifiedAttributions', (v) => (v as Record<string, Value>[]).map((a) => `${obj(a.agent).name} (${a.role})`).join(', '))}
          {f('Series', 'inSeries', (v) => (v as Record<string, Value>[]).map((s) => String(s.title)).join(', '))}
          {f('Version of', 'isVersionOf')}
          {f('Previous version', 'previousVersion')}
          {f('Translations', 'translations', (v) => (v as Record<string, Value>[]).map((t) => String(t.language)).join(', '))}
          {f('Contact', 'contactPoint', (v) => `${obj(v).name} <${obj(v).email}>`)}
        </dl>
      </section>
      <section aria-labelledby="licence-heading">
        <h2 id="licence-heading">Licence</h2>
        <dl class="fields">
          {f('Licence', 'licence', (v) => `${obj(v).name} (${obj(v).id})`)}
          {f('Commercial use', 'licence.commercialUse', (v) => (v ? 'allowed' : 'not allowed'))}
          {f('Attribution required', 'licence.attributionRequired', (v) => (v ? 'yes' : 'no'))}
          {f('Fields of use', 'licence.fieldsOfUse', list)}
          {f('Longest use', 'licence.maxDurationMonths', (v) => `${v} months`)}
          {f('Royalty terms', 'licence.royalty', (v) => `${obj(v).ratePercent}% of ${obj(v).basis}${obj(v).minimumAnnualFee ? `, at least ${obj(v).minimumAnnualFee} ${obj(v).currency} a year` : ''}`)}
        </dl>
      </section>
      <section aria-labelledby="distributions-heading">
        <h2 id="distributions-heading">Distributions</h2>
        {distributions.length === 0 && !denials.has('distributions') ? <p class="muted">none stated</p> : null}
        {denials.has('distributions') ? <LockedField denial={denials.get('distributions')!} /> : null}
        {distributions.map((dist, i) => (
          <dl class="fields distribution" key={String(dist.id)} aria-label={`Distribution ${String(dist.title ?? dist.id)}`}>
            {f('Title', `distributions.${i}.title`)}
            {f('Media type', `distributions.${i}.mediaType`)}
            {f('Format', `distributions.${i}.format`)}
            {f('Size (bytes)', `distributions.${i}.byteSize`)}
            {f('Licence', `distributions.${i}.licence`, (v) => `${obj(v).name} (${obj(v).id})`)}
            {f('Rights', `distributions.${i}.rights`)}
            {f('Checksums', `distributions.${i}.checksums`, (v) => (v as Record<string, Value>[]).map((c) => `${c.algorithm} ${c.value}`).join(', '))}
            {f('Access URL', `distributions.${i}.accessUrl`, link)}
            {f('Download URL', `distributions.${i}.downloadUrl`, link)}
            {f('Service', `distributions.${i}.accessService`, (v) => String(obj(v).title))}
            {dist.accessService || denials.has(`distributions.${i}.accessService.endpointUrl`) ? f('Service endpoint', `distributions.${i}.accessService.endpointUrl`, link) : null}
          </dl>
        ))}
      </section>
      <section aria-labelledby="content-heading">
        <h2 id="content-heading">Content</h2>
        <dl class="fields">
          {f('Data dictionary', 'dataDictionary', (v) => (
            <table><thead><tr><th scope="col">Column</th><th scope="col">Type</th><th scope="col">Unit</th><th scope="col">Description</th></tr></thead>
              <tbody>{(v as Record<string, Value>[]).map((c) => <tr key={String(c.name)}><td>{String(c.name)}</td><td>{String(c.type)}</td><td>{String(c.unit ?? '')}</td><td>{String(c.description ?? '')}</td></tr>)}</tbody></table>
          ))}
          {f('Quality report', 'qualityReport', (v) => `${Math.round(Number(obj(v).completeness) * 100)}% complete, ${obj(v).recordCount} records${obj(v).validatedAt ? `, validated ${obj(v).validatedAt}` : ''}`)}
          {f('Sample records', 'sampleRecords', (v) => <ul class="samples">{(v as string[]).map((r, i) => <li key={i}><code>{r}</code></li>)}</ul>)}
          {f('Retention', 'retention', (v) => `kept until ${obj(v).retainUntil}${obj(v).deletionDue ? `, deleted ${obj(v).deletionDue}` : ''} (${obj(v).basis})`)}
        </dl>
      </section>
      <OtherDenials denials={[...denials.values()].filter((x) => !shown.has(x.path) && x.path !== 'distributions')} />
    </article>
  );
}

/** Withheld fields inside a value shown above (a count inside the quality report, say), each with its reason. */
function OtherDenials({ denials }: { denials: FieldDenial[] }) {
  if (denials.length === 0) return null;
  return (
    <section aria-labelledby="other-heading">
      <h2 id="other-heading">Also withheld</h2>
      <dl class="fields">
        {denials.map((denial) => <div class="field is-locked" key={denial.path}><dt>{denial.path}</dt><dd><LockedField denial={denial} /></dd></div>)}
      </dl>
    </section>
  );
}

/** The value at a dotted path below the dataset (`distributions.0.accessUrl`). */
function valueAt(root: Record<string, Value>, path: string): Value {
  let value: Value = root;
  for (const key of path.split('.')) {
    if (value === null || value === undefined) return null;
    value = (value as Record<string, Value>)[key];
  }
  return value;
}
