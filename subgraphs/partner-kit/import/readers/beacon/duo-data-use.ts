import type { SourceUseCondition } from '../../source-dataset.js';
import { asRecords, asText, firstText } from '../json-fields.js';

// DUO terms as Beacon v2 writes them (dataUseConditions.duoDataUse: id, label, modifiers, version)
// and as EGA policies write them (duoCodes: termId, termLabel, modifiers).

export function duoUseConditions(entries: unknown): SourceUseCondition[] {
  return asRecords(entries).flatMap((entry): SourceUseCondition[] => {
    const term = firstText(entry, 'id', 'termId', 'code');
    if (term === undefined) return [];
    const label = firstText(entry, 'label', 'termLabel');
    const version = asText(entry.version);
    const modifiers = asRecords(entry.modifiers).map((m) => firstText(m, 'id', 'termId')).filter((id): id is string => id !== undefined);
    return [{ term, modifiers, ...(label ? { label } : {}), ...(version ? { version } : {}) }];
  });
}
