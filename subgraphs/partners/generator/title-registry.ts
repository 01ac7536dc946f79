import type { Dice } from './dice.js';
import type { DatasetKind, Focus, PartnerProfile } from './partner-profile.js';
import { yearSpan, type Timeline } from './timeline.js';

/** What one dataset is about, and the words its title is made of. */
export interface Subject {
  focus: Focus;
  phrase: string;
  noun: string;
  qualifier: string;
}

/** Keeps titles unique within a partner: no two datasets share qualifier, noun and focus. */
export class TitleRegistry {
  private readonly subjects = new Set<string>();
  private readonly titles = new Map<string, number>();

  drawSubject(profile: PartnerProfile, kind: DatasetKind, dice: Dice): Subject {
    let subject = this.roll(profile, kind, dice);
    // Small vocabularies run out of combinations in large benchmark catalogs; claim() then
    // numbers the releases instead of retrying forever.
    for (let attempt = 0; attempt < 4 && this.subjects.has(subjectKey(subject)); attempt++) {
      subject = this.roll(profile, kind, dice);
    }
    this.subjects.add(subjectKey(subject));
    return subject;
  }

  claim(subject: Subject, timeline: Timeline, dice: Dice): string {
    const period = dice.chance(0.3) ? `, ${yearSpan(timeline.coverageStart, timeline.coverageEnd)}` : '';
    const base = `${subject.qualifier} ${subject.noun} ${subject.phrase}${period}`;
    const seen = this.titles.get(base) ?? 0;
    this.titles.set(base, seen + 1);
    return seen === 0 ? base : `${base} (release ${seen + 1})`;
  }

  private roll(profile: PartnerProfile, kind: DatasetKind, dice: Dice): Subject {
    const focus = dice.pick(kind.focuses ?? profile.focuses);
    return { focus, phrase: dice.pick(focus.phrases), noun: dice.pick(kind.nouns), qualifier: dice.pick(kind.qualifiers) };
  }
}

const subjectKey = (s: Subject): string => `${s.qualifier}|${s.noun}|${s.focus.name}`;
