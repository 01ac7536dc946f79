import type { SourceProblem } from '../source-dataset.js';
import type { RdfGraph } from './graph.js';

/** What every part of an RDF reader works on: the file's graph and the problems found so far. */
export interface RdfReading {
  graph: RdfGraph;
  problems: SourceProblem[];
}
