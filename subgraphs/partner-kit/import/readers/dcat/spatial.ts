import type { Term } from 'n3';
import { localizedText } from '../../rdf/graph.js';
import { DCAT, DCT, GEO, LOCN, RDFS, SKOS } from '../../rdf/namespaces.js';
import type { RdfReading } from '../../rdf/rdf-reading.js';
import { wktBoundingBox } from '../../rdf/wkt.js';
import type { SourceSpatial } from '../../source-dataset.js';

// dct:spatial is a place IRI (GeoNames, the EU country authority) or a dct:Location whose geometry
// DCAT 3 gives as dcat:bbox, locn:geometry or dcat:centroid, usually as GeoSPARQL WKT. The box is
// read from the first geometry that is in degrees (rdf/wkt.ts); otherwise the geometry is kept as
// written, CRS and all. A centroid is a point inside the place, not its extent: it is kept as text.

const NAMES = [SKOS('prefLabel'), RDFS('label'), LOCN('geographicName'), DCT('title')];
const EXTENTS = [DCAT('bbox'), LOCN('geometry')];

export function readSpatial(reading: RdfReading, node: Term): SourceSpatial[] {
  return reading.graph.objects(node, DCT('spatial')).map((term) => readPlace(reading, term));
}

function readPlace({ graph }: RdfReading, term: Term): SourceSpatial {
  if (term.termType === 'Literal') return { names: [localizedText(term)] };
  const place: SourceSpatial = { names: graph.texts(term, NAMES) };
  if (term.termType === 'NamedNode') place.iri = graph.label(term);
  const extents = graph.strings(term, EXTENTS);
  for (const extent of extents) {
    const box = wktBoundingBox(extent);
    if (box) {
      place.boundingBox = box;
      return place;
    }
  }
  const geometry = extents[0] ?? graph.string(term, DCAT('centroid')) ?? latLong(graph.string(term, GEO('lat')), graph.string(term, GEO('long')));
  if (geometry !== undefined) place.geometry = geometry;
  return place;
}

// W3C Basic Geo gives a point as two numbers; written as WKT (longitude first) it reads like the
// other geometries.
function latLong(lat: string | undefined, long: string | undefined): string | undefined {
  return lat !== undefined && long !== undefined ? `POINT(${long} ${lat})` : undefined;
}
