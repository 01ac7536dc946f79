import { DataFactory, type BlankNode, type Literal, type NamedNode, type Quad } from 'n3';
import { isLanguageTag } from '../../schema/vocabulary.js';
import { xsd } from './rdf-vocabulary.js';

export type Subject = NamedNode | BlankNode;
export type RdfObject = NamedNode | BlankNode | Literal;

/**
 * The triples of one export document, in the order they were added, each once (a partner or a
 * licence is described once however many datasets name it). Blank nodes are named by their order
 * in the document, so the same catalog always gives the same text: its ETag then changes only when
 * the metadata does.
 */
export class TripleSink {
  readonly #quads: Quad[] = [];
  readonly #seen = new Set<string>();
  readonly #subjects = new Set<string>();
  #blankNodes = 0;

  add(subject: Subject, predicate: NamedNode, object: RdfObject | undefined): void {
    if (object === undefined) return;
    const quad = DataFactory.quad(subject, predicate, object);
    const key = `${subject.id} ${predicate.id} ${object.id}`;
    if (this.#seen.has(key)) return;
    this.#seen.add(key);
    this.#subjects.add(subject.id);
    this.#quads.push(quad);
  }

  /** Whether a node has been described already (its first triple added). */
  describes(subject: Subject): boolean {
    return this.#subjects.has(subject.id);
  }

  blank(): BlankNode {
    this.#blankNodes += 1;
    return DataFactory.blankNode(`b${this.#blankNodes}`);
  }

  quads(): readonly Quad[] {
    return this.#quads;
  }
}

/**
 * A text in a language (BCP 47); a plain string literal when the language is unknown or is no
 * language tag (a partner subgraph on another stack may serve anything), which would otherwise
 * break the Turtle.
 */
export function text(value: string, language: string | undefined): Literal {
  return language && isLanguageTag(language) ? DataFactory.literal(value, language) : DataFactory.literal(value);
}

export function plain(value: string): Literal {
  return DataFactory.literal(value);
}

export function typed(value: string, datatype: NamedNode): Literal {
  return DataFactory.literal(value, datatype);
}

/** The contract's Date (YYYY-MM-DD) as xsd:date; undefined for anything else, which is then left out. */
export function calendarDate(value: string | null | undefined): Literal | undefined {
  return value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? typed(value, xsd.date) : undefined;
}

/** The contract's DateTime (ISO 8601 with an offset) as xsd:dateTime. */
export function dateTime(value: string | null | undefined): Literal | undefined {
  return value && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value) ? typed(value, xsd.dateTime) : undefined;
}

// xsd:duration (XML Schema 1.1 part 2, 3.3.6), e.g. P1D, PT1H, P1Y6M.
const XSD_DURATION = /^-?P(?=\d|T\d)(?:\d+Y)?(?:\d+M)?(?:\d+D)?(?:T(?=\d)(?:\d+H)?(?:\d+M)?(?:\d+(?:\.\d+)?S)?)?$/;

/** An xsd:duration typed as one; any other text as a plain literal, as the partner wrote it. */
export function duration(value: string): Literal {
  return XSD_DURATION.test(value) ? typed(value, xsd.duration) : plain(value);
}

/** A whole number of 0 or more as xsd:nonNegativeInteger, written without exponent however large. */
export function nonNegativeInteger(value: number | null | undefined): Literal | undefined {
  if (value === null || value === undefined || !Number.isInteger(value) || value < 0) return undefined;
  return typed(BigInt(value).toString(), xsd.nonNegativeInteger);
}
