import { Kind, type SelectionNode, type SelectionSetNode, type ValidationContext } from 'graphql';

/** How much one selection adds to the depth of what it selects: a field, or a level of nesting. */
export type DepthWeight = (selection: SelectionNode) => number;

/**
 * The deepest path below a selection set, fragments followed, each step weighed by `weigh`. Each
 * fragment is measured once per document: a chain of fragments that each spread the next twice
 * would otherwise be walked once per path, twice as often with every link. A fragment met again on
 * its own path (a cycle, another rule's error) counts as empty.
 */
export function createDepthMeasure(context: ValidationContext, weigh: DepthWeight): (selectionSet: SelectionSetNode) => number {
  const fragments = new Map<string, number>();
  const measuring = new Set<string>();

  const fragmentDepth = (name: string): number => {
    const known = fragments.get(name);
    if (known !== undefined) return known;
    const fragment = context.getFragment(name);
    if (!fragment || measuring.has(name)) return 0;
    measuring.add(name);
    const depth = depthOf(fragment.selectionSet);
    measuring.delete(name);
    fragments.set(name, depth);
    return depth;
  };

  const depthOf = (selectionSet: SelectionSetNode): number => {
    let deepest = 0;
    for (const selection of selectionSet.selections) {
      let below = 0;
      if (selection.kind === Kind.FIELD) below = selection.selectionSet ? depthOf(selection.selectionSet) : 0;
      else if (selection.kind === Kind.INLINE_FRAGMENT) below = depthOf(selection.selectionSet);
      else below = fragmentDepth(selection.name.value);
      deepest = Math.max(deepest, weigh(selection) + below);
    }
    return deepest;
  };
  return depthOf;
}
