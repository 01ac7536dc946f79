import type { AgentRecord, AttributionRecord } from '../../catalog-file.js';
import { IRI_PATTERN } from '../../catalog-values.js';
import type { Findings } from '../findings.js';
import type { LocalizedText, SourceAgent } from '../source-dataset.js';
import { languageTag } from './languages.js';

// Agents: creators, qualified attributions and the contact point. The contract's agent needs a
// name; an agent the source gives only as an IRI (a bare contactPoint or publisher reference) has
// none and is reported rather than named after its IRI.

/** The text in the record's language if the source gives one in it, else the first. */
export function inLanguage(texts: readonly LocalizedText[], language: string): string | undefined {
  const wanted = language.toLowerCase();
  const match = texts.find((t) => t.language !== undefined && languageTag(t.language)?.toLowerCase() === wanted);
  return (match ?? texts[0])?.value.trim() || undefined;
}

export function agentRecord(agent: SourceAgent, language: string): AgentRecord | undefined {
  const name = inLanguage(agent.names, language);
  if (name === undefined) return undefined;
  const identifier = agent.identifier !== undefined && IRI_PATTERN.test(agent.identifier) ? agent.identifier : undefined;
  const homepage = agent.homepage !== undefined && /^https?:\/\/\S+$/i.test(agent.homepage) ? agent.homepage : undefined;
  return {
    name,
    ...(agent.kind ? { kind: agent.kind === 'person' ? 'PERSON' : 'ORGANIZATION' } : {}),
    ...(identifier ? { identifier } : {}),
    ...(homepage ? { homepage } : {}),
  };
}

export function creatorRecords(creators: readonly SourceAgent[], language: string, findings: Findings): AgentRecord[] {
  return creators.flatMap((creator, i) => {
    const record = agentRecord(creator, language);
    if (record === undefined) findings.warn(`creators[${i}]`, `a creator without a name${creator.identifier ? ` (${creator.identifier})` : ''}; left out`);
    return record ? [record] : [];
  });
}

export function attributionRecords(attributions: ReadonlyArray<{ agent: SourceAgent; role?: string }>, language: string, findings: Findings): AttributionRecord[] {
  return attributions.flatMap(({ agent, role }, i) => {
    const record = agentRecord(agent, language);
    if (record === undefined || role === undefined || role.trim() === '') {
      findings.warn(`qualifiedAttributions[${i}]`, record === undefined ? 'an attributed agent without a name; left out' : `"${record.name}" has no role; left out`);
      return [];
    }
    return [{ agent: record, role: role.trim() }];
  });
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The first contact point with a name and an e-mail address (the contract's contactPoint needs both). */
export function contactRecord(contacts: readonly SourceAgent[], language: string, findings: Findings): { name: string; email: string } | undefined {
  for (const contact of contacts) {
    const name = inLanguage(contact.names, language);
    const email = contact.email?.replace(/^mailto:/i, '').trim();
    if (name !== undefined && email !== undefined && EMAIL.test(email)) return { name, email };
  }
  if (contacts.length > 0) {
    findings.warn('contactPoint', 'no contact point in the source has both a name and an e-mail address, which the contract needs');
  }
  return undefined;
}
