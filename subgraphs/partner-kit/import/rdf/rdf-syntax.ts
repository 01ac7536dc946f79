// Which RDF syntax a file is in, from its content first and its name as a hint: exports are often
// named .json when they hold JSON-LD, or .rdf when they hold Turtle. Syntaxes the readers cannot
// parse are recognised only to say so.

export type RdfSyntax = 'json-ld' | 'turtle' | 'n-quads' | 'rdf-xml' | 'html';

const JSON_NAMES = ['.json', '.jsonld', '.json-ld'];

export function detectRdfSyntax(text: string, fileName: string): RdfSyntax {
  const start = text.trimStart();
  const name = fileName.toLowerCase();
  const head = start.slice(0, 64).toLowerCase();
  if (start.startsWith('{') || start.startsWith('[')) return 'json-ld';
  if (head.startsWith('<?xml') || head.startsWith('<rdf:rdf')) return 'rdf-xml';
  if (head.startsWith('<!doctype html') || head.startsWith('<html')) return 'html';
  if (name.endsWith('.nq')) return 'n-quads';
  // A .json file that does not start like JSON is broken JSON, unless it starts like Turtle: the
  // partner is better served by the JSON error than by a Turtle one.
  if (JSON_NAMES.some((suffix) => name.endsWith(suffix)) && !looksLikeTurtle(head)) return 'json-ld';
  return 'turtle';
}

function looksLikeTurtle(head: string): boolean {
  return head.startsWith('@prefix') || head.startsWith('@base') || head.startsWith('prefix') || head.startsWith('base')
    || head.startsWith('<') || head.startsWith('#') || head.startsWith('_:');
}
