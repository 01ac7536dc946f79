// Proactive negotiation on GET /catalog (RFC 9110, section 12.5.1, Accept): the representation with
// the highest quality value among those the Accept header allows, each media type weighed by the most
// specific range that matches it (type/subtype over type/* over */*); ties go to Turtle, the first of
// the two. No Accept header means any type (RFC 9110), and a browser's "*/*;q=0.8" matches both at
// the same weight: such callers get Turtle, which is text a person can read.

export type CatalogFormat = 'turtle' | 'json-ld';

export interface NegotiableFormat {
  format: CatalogFormat;
  mediaType: string;
}

interface MediaRange {
  type: string;
  subtype: string;
  q: number;
}

/** The format to answer in, or undefined when the Accept header allows none of `available` (406). */
export function negotiateFormat(accept: string | undefined, available: readonly NegotiableFormat[]): CatalogFormat | undefined {
  if (accept === undefined || accept.trim() === '') return available[0]?.format;
  const ranges = parseAccept(accept);
  let best: { format: CatalogFormat; q: number } | undefined;
  for (const candidate of available) {
    const q = qualityOf(candidate.mediaType, ranges);
    if (q > 0 && (!best || q > best.q)) best = { format: candidate.format, q };
  }
  return best?.format;
}

function parseAccept(accept: string): MediaRange[] {
  return accept.split(',').flatMap((part) => {
    const [range = '', ...parameters] = part.split(';').map((s) => s.trim());
    const [type, subtype, ...rest] = range.toLowerCase().split('/');
    if (!type || !subtype || rest.length > 0) return [];
    const qParameter = parameters.find((p) => /^q\s*=/i.test(p));
    const q = qParameter === undefined ? 1 : Number(qParameter.split('=')[1]?.trim());
    return Number.isFinite(q) && q >= 0 && q <= 1 ? [{ type, subtype, q }] : [];
  });
}

/** The q of the most specific range matching the media type; 0 when none matches. */
function qualityOf(mediaType: string, ranges: readonly MediaRange[]): number {
  const [type, subtype] = mediaType.split('/');
  let specificity = -1;
  let q = 0;
  for (const range of ranges) {
    const matches = (range.type === '*' || range.type === type) && (range.subtype === '*' || range.subtype === subtype);
    if (!matches) continue;
    const rangeSpecificity = (range.type === '*' ? 0 : 1) + (range.subtype === '*' ? 0 : 1);
    if (rangeSpecificity > specificity) {
      specificity = rangeSpecificity;
      q = range.q;
    }
  }
  return q;
}
