import { GraphQLError, Kind, parse, type DocumentNode, type FieldNode, type FragmentSpreadNode, type SelectionNode, type SelectionSetNode } from 'graphql';
import { DEFAULT_FIELD_MERGING_LIMITS, type FieldMergingLimits } from './field-merging-settings.js';

// The limits and their defaults live in ./field-merging-settings.ts, which start-up reads without loading graphql.
export { DEFAULT_FIELD_MERGING_LIMITS, type FieldMergingLimits };

// graphql-js's OverlappingFieldsCanBeMerged rule compares every pair of fields that share a
// response name at one place of the response, and their sub-selections pair by pair: its work grows
// with the square of such fields (issue 12: 1,250 repeated `datasets { totalCount }`, within the
// token limit, kept validation busy for over a second). Apollo Server runs graphql-js's rules before
// Concord's, so the document is refused before validation, on the raw request (ARCHITECTURE.md,
// "Request path", step 1): fields sharing one response path are counted, fragments spread where
// they are used, in a loop over a queue rather than by recursion, and the count stops at the first
// limit passed, so the check's own work is bounded too.


/**
 * Selections this check may visit, fragments opened at each place they are spread, per field
 * allowed: bounds its own work whatever the fragments' shape (a chain of 70 fragments, each a root
 * of its own, takes about 2,500 visits).
 */
const VISITS_PER_FIELD = 50;

/** The first limit the document passes, as an error at the offending selection, or null (a syntax error is left to the parser). */
export function checkFieldMergingLimits(text: string, limits: FieldMergingLimits & { maxTokens: number }): GraphQLError | null {
  let document: DocumentNode;
  try {
    document = parse(text, { maxTokens: limits.maxTokens });
  } catch {
    return null;
  }
  return countMergedFields(document, limits);
}

/** Every selection set whose fields land at one place of the response; `counted` unless it is only a fragment's definition. */
interface Group {
  sets: SelectionSetNode[];
  counted: boolean;
}

/**
 * Walks the document one response path at a time: a group is the sub-selections of all the fields
 * sharing a response name at one place. Operations are roots, and so is each fragment definition,
 * since graphql-js validates those on their own too; only the operations' fields count towards
 * maxFields.
 */
export function countMergedFields(document: DocumentNode, limits: FieldMergingLimits): GraphQLError | null {
  const fragments = new Map<string, SelectionSetNode>();
  const queue: Group[] = [];
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition.selectionSet);
    if (definition.kind === Kind.OPERATION_DEFINITION || definition.kind === Kind.FRAGMENT_DEFINITION) {
      queue.push({ sets: [definition.selectionSet], counted: definition.kind === Kind.OPERATION_DEFINITION });
    }
  }
  // A fragment that spreads itself would be opened again at every level below: refused here with
  // graphql-js's own message, as its NoFragmentCycles rule would.
  const cycle = fragmentInCycle(fragments);
  if (cycle) return new GraphQLError(`Cannot spread fragment "${cycle.name}" within itself.`, { nodes: cycle.spread });
  const visits = { left: limits.maxFields * VISITS_PER_FIELD };
  let fields = 0;
  for (let next = 0, group = queue[0]; group; group = queue[++next]) {
    const collected = fieldsByResponseName(group.sets, fragments, visits);
    if (!(collected instanceof Map)) {
      return new GraphQLError(`The document's fragments, opened wherever they are spread, make more than ${limits.maxFields * VISITS_PER_FIELD} selections; at most ${limits.maxFields * VISITS_PER_FIELD} are allowed.`, { nodes: collected });
    }
    for (const [responseName, sharing] of collected) {
      if (sharing.length > limits.maxSameNameFields) {
        return new GraphQLError(
          `Field "${responseName}" is selected ${sharing.length} times at one place of the response; at most ${limits.maxSameNameFields} are allowed. Select it once, or alias the selections that differ.`,
          { nodes: sharing[limits.maxSameNameFields] },
        );
      }
      if (group.counted && (fields += sharing.length) > limits.maxFields) {
        return new GraphQLError(
          `The operation selects more than ${limits.maxFields} fields, counting a fragment's fields wherever it is spread; at most ${limits.maxFields} are allowed.`,
          { nodes: sharing[0] },
        );
      }
      const below = sharing.flatMap((field) => (field.selectionSet ? [field.selectionSet] : []));
      if (below.length > 0) queue.push({ sets: below, counted: group.counted });
    }
  }
  return null;
}

/**
 * The fields of a group by response name, inline fragments and fragment spreads opened, or the
 * selection at which the visits ran out. A fragment spread twice in one group is opened once (its
 * fields would merge with themselves), which also ends a cycle of fragments, itself a validation
 * error reported later.
 */
function fieldsByResponseName(
  sets: readonly SelectionSetNode[], fragments: ReadonlyMap<string, SelectionSetNode>, visits: { left: number },
): Map<string, FieldNode[]> | SelectionNode {
  const byName = new Map<string, FieldNode[]>();
  const opened = new Set<string>();
  const pending = [...sets];
  for (let set = pending.pop(); set; set = pending.pop()) {
    for (const selection of set.selections) {
      if (--visits.left < 0) return selection;
      if (selection.kind === Kind.FIELD) {
        const name = selection.alias?.value ?? selection.name.value;
        const sharing = byName.get(name);
        if (sharing) sharing.push(selection);
        else byName.set(name, [selection]);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        pending.push(selection.selectionSet);
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        if (fragment && !opened.has(name)) {
          opened.add(name);
          pending.push(fragment);
        }
      }
    }
  }
  return byName;
}

/** The fragments each fragment spreads, at any depth of its own selections (not through other fragments). */
function spreadsOf(set: SelectionSetNode): FragmentSpreadNode[] {
  const spreads: FragmentSpreadNode[] = [];
  const pending = [set];
  for (let next = pending.pop(); next; next = pending.pop()) {
    for (const selection of next.selections) {
      if (selection.kind === Kind.FRAGMENT_SPREAD) spreads.push(selection);
      else if (selection.selectionSet) pending.push(selection.selectionSet);
    }
  }
  return spreads;
}

/** A fragment that reaches itself through spreads, with the spread that closes the cycle, or null; depth-first, with an explicit stack. */
function fragmentInCycle(fragments: ReadonlyMap<string, SelectionSetNode>): { name: string; spread: FragmentSpreadNode } | null {
  const spreads = new Map([...fragments].map(([name, set]) => [name, spreadsOf(set)]));
  const state = new Map<string, 'open' | 'done'>();
  for (const root of fragments.keys()) {
    if (state.has(root)) continue;
    state.set(root, 'open');
    const stack: { name: string; next: number }[] = [{ name: root, next: 0 }];
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const spread = spreads.get(top.name)![top.next++];
      if (!spread) {
        state.set(top.name, 'done');
        stack.pop();
        continue;
      }
      const target = spread.name.value;
      if (!fragments.has(target) || state.get(target) === 'done') continue;
      if (state.get(target) === 'open') return { name: target, spread };
      state.set(target, 'open');
      stack.push({ name: target, next: 0 });
    }
  }
  return null;
}
