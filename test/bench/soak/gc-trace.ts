// The gateways run with Node's --trace-gc, which prints one line per garbage collection:
//   [pid:0x...]   81234 ms: Mark-Compact 240.1 (262.3) -> 80.2 (95.0) MB, 12.3 / 0.0 ms  (...)
// After a full (mark-compact) collection, the heap in use is what the process still holds: its live
// set, with none of the garbage a sample of the heap between collections includes. Oracle 3 reads
// that, since a leak is a live set that keeps growing.

export interface MajorCollection {
  /** Seconds from the start of the load when it ended. */
  atS: number;
  /** Heap in use before and after, MB (V8's own MB, 2^20 bytes). */
  beforeMb: number;
  afterMb: number;
}

const TRACE_LINE = /^\[\d+:0x[0-9a-f]+\]\s+(\d+(?:\.\d+)?) ms: (Scavenge|Mark-Compact|Mark-sweep|Minor Mark-Compact|Minor Mark-Sweep)\b/;
const MAJOR = /^\[\d+:0x[0-9a-f]+\]\s+(\d+(?:\.\d+)?) ms: Mark-(?:Compact|sweep)(?: \(reduce\))? ([\d.]+) \([\d.]+\) -> ([\d.]+) \([\d.]+\) MB/;

/** A line --trace-gc printed (any kind of collection): not a log line. */
export function isGcTraceLine(line: string): boolean {
  return TRACE_LINE.test(line);
}

/**
 * The full collections in a process's output. `processStartS` is when the process started, in
 * seconds from the start of the load (negative: before it); the trace counts milliseconds from there.
 */
export function majorCollections(output: string, processStartS: number): MajorCollection[] {
  const collections: MajorCollection[] = [];
  for (const line of output.split('\n')) {
    const match = MAJOR.exec(line);
    if (!match) continue;
    collections.push({ atS: processStartS + Number(match[1]) / 1000, beforeMb: Number(match[2]), afterMb: Number(match[3]) });
  }
  return collections;
}
