import type { Findings } from '../findings.js';
import type { SourcePeriod, SourceSpatial } from '../source-dataset.js';
import { inLanguage } from './agents.js';
import { countryCode, countryName } from './countries.js';
import { periodBound } from './dates.js';

// Temporal and spatial coverage. The contract holds one period and one place per dataset; a source
// that gives several keeps its first, and the rest is reported. A place needs a name: a country
// code gives one (its name in the dataset's language), a bare IRI (a GeoNames feature) or a geometry
// alone does not, and is reported.

export interface TemporalCoverage {
  start?: string;
  end?: string;
}

export interface SpatialCoverage {
  name: string;
  countries: string[];
  boundingBox?: [number, number, number, number];
}

export function temporalCoverageOf(periods: readonly SourcePeriod[], findings: Findings): TemporalCoverage | undefined {
  if (periods.length === 0) return undefined;
  if (periods.length > 1) findings.warn('temporalCoverage', `the source gives ${periods.length} periods; the first is kept`);
  const period = periods[0]!;
  const coverage: TemporalCoverage = {};
  for (const bound of ['start', 'end'] as const) {
    const text = period[bound];
    if (text === undefined) continue;
    const date = periodBound(text, bound);
    if (date === undefined) findings.warn(`temporalCoverage.${bound}`, `"${text}" is not a date; left out`);
    else coverage[bound] = date;
  }
  return coverage.start !== undefined || coverage.end !== undefined ? coverage : undefined;
}

export function spatialCoverageOf(allPlaces: readonly SourceSpatial[], language: string, findings: Findings): SpatialCoverage | undefined {
  // DCAT-AP puts a named place and the countries it lies in side by side under dct:spatial, each
  // country a bare authority IRI: those countries belong to the named place when there is one.
  const isBareCountry = (place: SourceSpatial) => place.names.length === 0 && place.iri !== undefined && countryCode(place.iri) !== undefined && !place.boundingBox && !place.geometry;
  const countries = allPlaces.filter(isBareCountry).map((place) => countryCode(place.iri!)!);
  const named = allPlaces.filter((place) => !isBareCountry(place));
  if (countries.length > 0 && named.some((place) => placeOf(place, language) !== undefined)) {
    const coverage = spatialCoverageOf(named, language, findings)!;
    return { ...coverage, countries: [...new Set([...coverage.countries, ...countries])] };
  }
  const places = allPlaces;
  const mapped = places.map((place) => placeOf(place, language));
  const first = mapped.findIndex((m) => m !== undefined);
  places.forEach((place, i) => {
    if (mapped[i] === undefined) {
      const given = place.iri ?? (place.boundingBox ? `a bounding box ${place.boundingBox.join(', ')}` : place.geometry ? 'a geometry' : 'nothing');
      findings.warn('spatialCoverage', `a place without a name, which the contract needs (the source gives ${given}); left out`);
    } else if (i !== first) {
      findings.warn('spatialCoverage', `the source gives several places; "${mapped[first]!.name}" is kept and "${mapped[i]!.name}" left out`);
    }
  });
  return first === -1 ? undefined : mapped[first];
}

function placeOf(place: SourceSpatial, language: string): SpatialCoverage | undefined {
  const country = place.iri === undefined ? undefined : countryCode(place.iri);
  const name = inLanguage(place.names, language) ?? (country ? countryName(country, language) : undefined);
  if (name === undefined) return undefined;
  const box = place.boundingBox;
  const validBox = box && box.every(Number.isFinite) && box[0] >= -180 && box[2] <= 180 && box[1] >= -90 && box[3] <= 90 && box[1] <= box[3];
  return { name, countries: country ? [country] : [], ...(validBox ? { boundingBox: box } : {}) };
}
