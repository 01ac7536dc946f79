import type { Term } from 'n3';
import { DCAT, DCT, SCHEMA, TIME } from '../../rdf/namespaces.js';
import type { RdfReading } from '../../rdf/rdf-reading.js';
import { periodOfText } from '../../rdf/written-values.js';
import type { SourcePeriod } from '../../source-dataset.js';

// dct:temporal as DCAT 3 writes it (a dct:PeriodOfTime with dcat:startDate / dcat:endDate), as
// DCAT-AP 2 did (schema:startDate / schema:endDate), or with OWL-Time (time:hasBeginning /
// time:hasEnd instants, in xsd dates, date-times or gYears, or a numeric position on another
// temporal reference system such as geological time). Dates are kept as written.

const STARTS = [DCAT('startDate'), SCHEMA('startDate')];
const ENDS = [DCAT('endDate'), SCHEMA('endDate')];
const INSTANT_VALUES = ['inXSDDate', 'inXSDDateTime', 'inXSDDateTimeStamp', 'inXSDgYear', 'inXSDgYearMonth'].map(TIME);

export function readPeriods(reading: RdfReading, node: Term): SourcePeriod[] {
  return reading.graph.objects(node, DCT('temporal')).flatMap((term) => {
    const period = readPeriod(reading, term);
    return period ? [period] : [];
  });
}

function readPeriod(reading: RdfReading, term: Term): SourcePeriod | undefined {
  const { graph } = reading;
  if (term.termType === 'Literal') return periodOfText(term.value);
  const start = graph.string(term, STARTS) ?? instant(reading, graph.objects(term, TIME('hasBeginning'))[0]);
  const end = graph.string(term, ENDS) ?? instant(reading, graph.objects(term, TIME('hasEnd'))[0]);
  if (start === undefined && end === undefined) return undefined;
  return { ...(start !== undefined && { start }), ...(end !== undefined && { end }) };
}

function instant({ graph }: RdfReading, term: Term | undefined): string | undefined {
  if (!term) return undefined;
  if (term.termType === 'Literal') return graph.written(term);
  const value = graph.string(term, INSTANT_VALUES);
  if (value !== undefined) return value;
  const position = graph.nodes(term, TIME('inTimePosition'))[0];
  if (!position) return undefined;
  const at = graph.string(position, [TIME('numericPosition'), TIME('nominalPosition')]);
  const system = graph.string(position, TIME('hasTRS'));
  if (at === undefined) return undefined;
  return system ? `${at} (${system})` : at;
}
