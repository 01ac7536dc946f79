import type { Dice } from './dice.js';
import type { DatasetKind, EdgeCase, PartnerProfile, Range } from './partner-profile.js';

/** The demo's "today": catalogs describe the world as of this day, whatever the clock says. */
export const AS_OF = '2025-09-30';

const DAY_MS = 86_400_000;
export const dayOf = (isoDate: string): number => Date.parse(`${isoDate}T00:00:00Z`) / DAY_MS;
export const isoDay = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);
export const yearOf = (day: number): number => new Date(day * DAY_MS).getUTCFullYear();
export const years = ([min, max]: Range): Range => [Math.round(min * 365), Math.round(max * 365)];
export const yearSpan = (start: number, end: number): string =>
  yearOf(start) === yearOf(end) ? String(yearOf(start)) : `${yearOf(start)}–${yearOf(end)}`;

/** All the dates of one dataset (in days since 1970), drawn together so they stay in a sensible order. */
export interface Timeline {
  issued: number;
  modified: number;
  modifiedSecond: number;
  validated: number;
  coverageStart: number;
  coverageEnd: number;
}

export function drawTimeline(profile: PartnerProfile, kind: DatasetKind, edge: EdgeCase | undefined, dice: Dice): Timeline {
  // A dataset past its deletion date was issued well before its retention ended and last touched
  // before deletion; an embargo runs for the first few years after issue. Both keep the edge-case
  // datasets' dates believable.
  const retention = edge?.retention;
  const latest = Math.min(dayOf(AS_OF), retention?.deletionDue ? dayOf(retention.deletionDue) - 60 : Infinity);
  const retainedFrom = retention ? dayOf(retention.retainUntil) - 2 * 365 : Infinity;
  const embargoEnd = edge?.embargoUntil ? dayOf(edge.embargoUntil) : Infinity;
  const issuedBy = Math.min(dayOf(profile.issuedBetween[1]), latest - 90, retainedFrom, embargoEnd - 120);
  const embargoStart = Number.isFinite(embargoEnd) ? embargoEnd - 3 * 365 : -Infinity;
  const issuedFrom = Math.max(dayOf(profile.issuedBetween[0]), embargoStart);
  const issued = dice.int([Math.min(issuedFrom, issuedBy), issuedBy]);
  const modified = dice.int([issued, latest]);
  const coverageEnd = issued - dice.int([14, 400]);
  return {
    issued,
    modified,
    modifiedSecond: dice.int([7 * 3600, 19 * 3600]),
    validated: dice.int([issued, modified]),
    coverageStart: coverageEnd - dice.int(years(kind.coverageYears)),
    coverageEnd,
  };
}

export function clockTime(second: number): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(Math.floor(second / 3600))}:${pad(Math.floor(second / 60) % 60)}:${pad(second % 60)}`;
}
