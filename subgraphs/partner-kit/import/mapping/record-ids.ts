import { createHash } from 'node:crypto';

// Dataset and series ids: "<partner>:<slug>", the slug made from the record's id in the source
// (the last segment of its IRI, a CKAN package id, an EGA accession), so that importing the same
// source again gives the same ids. Two source ids that make the same slug are told apart by a
// hash of the source id; a record whose source id was already imported (the same dataset in two
// files) is reported rather than imported twice.

const MAX_SLUG = 80;

export type AssignedId = { id: string; note?: string } | { repeatOf: string };

export class RecordIds {
  readonly #prefix: string;
  readonly #bySource = new Map<string, { id: string; file: string }>();
  readonly #taken = new Set<string>();

  constructor(partnerId: string) {
    this.#prefix = `${partnerId}:`;
  }

  assign(sourceId: string, file: string, title: string | undefined): AssignedId {
    const seen = this.#bySource.get(sourceId);
    if (seen) return { repeatOf: seen.file };
    const blank = sourceId.startsWith('_:') || sourceId.trim() === '';
    let slug = slugOf(blank ? title ?? '' : this.#ownSlug(lastSegment(sourceId))) || 'dataset';
    if (this.#taken.has(this.#prefix + slug)) slug = withHash(slug, `${file}\n${sourceId}`);
    const id = this.#prefix + slug;
    this.#taken.add(id);
    this.#bySource.set(sourceId, { id, file });
    return blank ? { id, note: 'the source gives the record no stable id (a blank node); its id is made from its title and may change when the title does' } : { id };
  }

  // A source that is Concord's own DCAT export names each record <base>/datasets/<partner>:<slug>:
  // the partner's slug is kept as it is, so that an export imported again keeps its ids.
  #ownSlug(segment: string): string {
    return segment.startsWith(this.#prefix) ? segment.slice(this.#prefix.length) : segment;
  }

  /** Frees a refused record's source id and slug, so a later copy of it (in another file) may be imported. */
  release(sourceId: string): void {
    const seen = this.#bySource.get(sourceId);
    if (seen === undefined) return;
    this.#bySource.delete(sourceId);
    this.#taken.delete(seen.id);
  }

  /** The id given to a record of this import, by its source id. */
  idOf(sourceId: string): string | undefined {
    return this.#bySource.get(sourceId)?.id;
  }
}

/** What identifies a record within its IRI: the fragment, else the last path segment, else the host. */
export function lastSegment(sourceId: string): string {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(sourceId)) return sourceId;
  let url: URL;
  try {
    url = new URL(sourceId);
  } catch {
    return sourceId;
  }
  if (url.hash.length > 1) return decode(url.hash.slice(1));
  const segments = url.pathname.split('/').filter((s) => s !== '');
  return segments.length > 0 ? decode(segments[segments.length - 1]!) : url.hostname;
}

export function slugOf(text: string): string {
  // Letters with diacritics lose them (NFKD); ß has no decomposition and is written ss, as German does without it.
  const slug = text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/ß/g, 'ss')
    .replace(/[^a-z0-9._-]+/g, '-').replace(/-{2,}/g, '-').replace(/^[-._]+|[-._]+$/g, '');
  return slug.length <= MAX_SLUG ? slug : withHash(slug.slice(0, MAX_SLUG - 9).replace(/[-._]+$/, ''), text);
}

function withHash(slug: string, source: string): string {
  return `${slug}-${createHash('sha256').update(source).digest('hex').slice(0, 8)}`;
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
