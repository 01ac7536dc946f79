import { describe, expect, it } from 'vitest';
import { MAX_LABEL_LENGTH, OperationLabels, OTHER, UNRESOLVED } from '../../../../gateway/metrics/operation-labels.js';

// Operation names are the client's choice: as metric labels they are bounded (issue 12, "Operations").

describe('OperationLabels.labelOf', () => {
  const long = `Q${'x'.repeat(200)}`;
  it.each([
    ['a resolved name is its own label', ['ListDatasets'], 'ListDatasets'],
    ['no resolved operation', [undefined], UNRESOLVED],
    ['a name that is not a GraphQL name', ['drop table;'], OTHER],
    ['an empty name', [''], OTHER],
    ['a long name is cut', [long], long.slice(0, MAX_LABEL_LENGTH)],
    ['the same name again keeps its series when full', ['A', 'B', 'A'], 'A'],
    ['a new name once the cap of 2 is reached', ['A', 'B', 'C'], OTHER],
    ['names cut to the same prefix share one series', [`${long}1`, `${long}2`], long.slice(0, MAX_LABEL_LENGTH)],
    ['unresolved requests do not use up the cap', [undefined, undefined, 'A', 'B'], 'B'],
  ] as const)('%s', (_case, names, expected) => {
    const labels = new OperationLabels(2);
    let last = '';
    for (const name of names) last = labels.labelOf(name);
    expect(last).toBe(expected);
  });

  it('gives at most the cap of distinct names, however many a client invents', () => {
    const labels = new OperationLabels(100);
    const seen = new Set(Array.from({ length: 5000 }, (_, i) => labels.labelOf(`Op${i}`)));
    expect(seen.size).toBe(101);
    expect(seen.has(OTHER)).toBe(true);
  });
});
