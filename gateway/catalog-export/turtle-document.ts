import { Writer, type Quad } from 'n3';
import { PREFIXES } from './rdf-vocabulary.js';

export const TURTLE_MEDIA_TYPE = 'text/turtle';

/**
 * The page as Turtle (RDF 1.1 Turtle), written by n3's Writer with the export's prefixes. Triples
 * are grouped by subject in the order subjects first appear, so each node is one block.
 */
export function turtleDocument(quads: readonly Quad[]): Promise<string> {
  const writer = new Writer({ format: 'text/turtle', prefixes: { ...PREFIXES } });
  writer.addQuads(groupedBySubject(quads));
  return new Promise((resolve, reject) => {
    writer.end((error, result) => (error ? reject(error) : resolve(result)));
  });
}

function groupedBySubject(quads: readonly Quad[]): Quad[] {
  const groups = new Map<string, Quad[]>();
  for (const quad of quads) {
    const group = groups.get(quad.subject.id);
    if (group) group.push(quad);
    else groups.set(quad.subject.id, [quad]);
  }
  return [...groups.values()].flat();
}
