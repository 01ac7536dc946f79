import { sameLanguageTag } from '../../../../schema/vocabulary.js';
import type { TranslationRecord } from '../../catalog-file.js';
import type { Findings } from '../findings.js';
import type { LocalizedText } from '../source-dataset.js';
import { languageTag } from './languages.js';

// A record's title, description and keywords in one language, and the same texts in others as
// translations (the contract's multilingual literals). The record's language is the catalog's when
// the source gives a title and a description in it, else the first language that has both: a
// partner that writes Swedish and English keeps Swedish as the dataset's language only if its
// catalog language is Swedish.

export interface TextSource {
  titles: readonly LocalizedText[];
  descriptions: readonly LocalizedText[];
  keywords: readonly LocalizedText[];
}

export interface TextContext {
  /** The catalog file's language: the record says its own only when it differs. */
  catalogLanguage: string;
  /** The language of texts the source gives without one. */
  untaggedLanguage: string;
  /** Datasets need a description; series do not. */
  descriptionRequired: boolean;
}

export interface RecordTexts {
  language: string;
  title: string;
  description?: string;
  keywords: string[];
  translations: TranslationRecord[];
}

interface LanguageTexts {
  language: string;
  titles: string[];
  descriptions: string[];
  keywords: string[];
}

export function recordTexts(source: TextSource, context: TextContext, findings: Findings): RecordTexts | undefined {
  const groups = new Map<string, LanguageTexts>();
  const unknownTags = new Set<string>();
  const add = (text: LocalizedText, kind: 'titles' | 'descriptions' | 'keywords') => {
    const value = text.value.trim();
    if (value === '') return;
    let language = context.untaggedLanguage;
    if (text.language !== undefined) {
      const tag = languageTag(text.language);
      if (tag === undefined) unknownTags.add(text.language);
      else language = tag;
    }
    const key = language.toLowerCase();
    const group = groups.get(key) ?? { language, titles: [], descriptions: [], keywords: [] };
    groups.set(key, group);
    if (!group[kind].includes(value)) group[kind].push(value);
  };
  source.titles.forEach((t) => add(t, 'titles'));
  source.descriptions.forEach((t) => add(t, 'descriptions'));
  source.keywords.forEach((t) => add(t, 'keywords'));
  for (const tag of unknownTags) {
    findings.warn('language', `"${tag}" is not a language tag or code the importer knows; its texts are taken as "${context.untaggedLanguage}"`);
  }

  const all = [...groups.values()];
  const complete = (g: LanguageTexts) => g.titles.length > 0 && (g.descriptions.length > 0 || !context.descriptionRequired);
  const primary = all.find((g) => sameLanguageTag(g.language, context.catalogLanguage) && complete(g)) ?? all.find(complete);
  if (primary === undefined) {
    refuseMissingTexts(all, context, findings);
    return undefined;
  }
  if (primary.titles.length > 1) findings.warn('title', `${primary.titles.length} titles in "${primary.language}"; the first is used`);
  if (primary.descriptions.length > 1) findings.warn('description', `${primary.descriptions.length} descriptions in "${primary.language}"; the first is used`);
  const translations = all.filter((g) => g !== primary).map(translationOf);
  return {
    language: primary.language,
    title: primary.titles[0]!,
    ...(primary.descriptions[0] !== undefined ? { description: primary.descriptions[0] } : {}),
    keywords: primary.keywords,
    translations,
  };
}

function translationOf(group: LanguageTexts): TranslationRecord {
  return {
    language: group.language,
    ...(group.titles[0] !== undefined ? { title: group.titles[0] } : {}),
    ...(group.descriptions[0] !== undefined ? { description: group.descriptions[0] } : {}),
    ...(group.keywords.length > 0 ? { keywords: group.keywords } : {}),
  };
}

function refuseMissingTexts(all: readonly LanguageTexts[], context: TextContext, findings: Findings): void {
  const titled = all.filter((g) => g.titles.length > 0).map((g) => g.language);
  const described = all.filter((g) => g.descriptions.length > 0).map((g) => g.language);
  if (titled.length === 0) findings.refuse('title', 'the source gives no title');
  if (context.descriptionRequired && described.length === 0) findings.refuse('description', 'the source gives no description');
  if (titled.length > 0 && described.length > 0) {
    findings.refuse('description', `no language has both a title and a description (titles in ${titled.join(', ')}; descriptions in ${described.join(', ')})`);
  }
}
