import type { Term } from 'n3';
import { localizedText } from '../../rdf/graph.js';
import { SCHEMA } from '../../rdf/namespaces.js';
import type { RdfReading } from '../../rdf/rdf-reading.js';
import { degreesBox } from '../../rdf/wkt.js';
import { periodOfText } from '../../rdf/written-values.js';
import type { SourcePeriod, SourceSpatial } from '../../source-dataset.js';

// schema:temporalCoverage is an ISO 8601 interval ("2001-08-06/2002-09-09", ".." for an open end)
// or a single date. schema:spatialCoverage is a Place: a name, an IRI, and a geo that is a GeoShape
// (box, polygon, line: points written "latitude longitude", schema.org "GeoShape") or
// GeoCoordinates. The record's boxes are west, south, east, north.

export function readTemporal({ graph }: RdfReading, node: Term): SourcePeriod[] {
  return graph.strings(node, [SCHEMA('temporalCoverage'), SCHEMA('temporal')]).flatMap((text) => {
    const period = periodOfText(text);
    return period ? [period] : [];
  });
}

export function readSpatial(reading: RdfReading, node: Term): SourceSpatial[] {
  const { graph } = reading;
  return graph.objects(node, [SCHEMA('spatialCoverage'), SCHEMA('spatial')]).flatMap((place): SourceSpatial[] => {
    if (place.termType === 'Literal') return [{ names: [localizedText(place)] }];
    const base: SourceSpatial = { names: graph.texts(place, SCHEMA('name')) };
    if (place.termType === 'NamedNode') base.iri = graph.label(place);
    const shapes = graph.nodes(place, SCHEMA('geo')).map((geo) => readGeo(reading, geo));
    return shapes.length === 0 ? [base] : shapes.map((shape) => ({ ...base, ...shape }));
  });
}

function readGeo({ graph }: RdfReading, geo: Term): Pick<SourceSpatial, 'boundingBox' | 'geometry'> {
  const latitude = graph.string(geo, SCHEMA('latitude'));
  const longitude = graph.string(geo, SCHEMA('longitude'));
  if (latitude !== undefined && longitude !== undefined) {
    const box = degreesBox([[Number(longitude), Number(latitude)]]);
    return box ? { boundingBox: box } : { geometry: `${latitude} ${longitude}` };
  }
  const box = graph.string(geo, SCHEMA('box'));
  if (box !== undefined) {
    const corners = cornersBox(box);
    return corners ? { boundingBox: corners } : { geometry: box };
  }
  const shape = graph.string(geo, [SCHEMA('polygon'), SCHEMA('line'), SCHEMA('circle')]);
  if (shape === undefined) return {};
  const around = latitudeLongitudeBox(shape);
  return around ? { boundingBox: around } : { geometry: shape };
}

// A box is its lower (south-west) corner then its upper (north-east) one; taken as given, so a box
// across the antimeridian keeps west greater than east.
function cornersBox(text: string): SourceSpatial['boundingBox'] {
  const numbers = latitudeLongitudeNumbers(text);
  if (numbers?.length !== 4 || !latitudeLongitudeBox(text)) return undefined;
  const [south, west, north, east] = numbers as [number, number, number, number];
  return [west, south, east, north];
}

function latitudeLongitudeNumbers(text: string): number[] | undefined {
  const numbers = text.split(/[\s,]+/).filter(Boolean).map(Number);
  return numbers.some((n) => !Number.isFinite(n)) ? undefined : numbers;
}

/** The box around points written "lat lon lat lon ..." (spaces or commas), or undefined. */
export function latitudeLongitudeBox(text: string): SourceSpatial['boundingBox'] {
  const numbers = latitudeLongitudeNumbers(text);
  if (!numbers || numbers.length < 2 || numbers.length % 2 !== 0) return undefined;
  const points: Array<[number, number]> = [];
  for (let at = 0; at < numbers.length; at += 2) points.push([numbers[at + 1]!, numbers[at]!]);
  return degreesBox(points);
}
