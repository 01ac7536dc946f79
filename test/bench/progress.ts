/** Progress lines on stderr, each with the seconds since the run started, so a slow phase shows. */
export type Progress = (line: string) => void;

export function createProgress(startedAt = performance.now()): Progress {
  return (line) => {
    const elapsed = Math.round((performance.now() - startedAt) / 1000);
    process.stderr.write(`[${String(elapsed).padStart(4)} s] ${line}\n`);
  };
}

/** The same contenders in a different order each round: none is always first after a pause. */
export function rotate<T>(items: readonly T[], by: number): T[] {
  if (items.length === 0) return [];
  const shift = ((by % items.length) + items.length) % items.length;
  return [...items.slice(shift), ...items.slice(0, shift)];
}
