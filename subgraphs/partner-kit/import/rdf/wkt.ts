// The bounding box of a GeoSPARQL WKT literal (OGC GeoSPARQL 1.1, "wktLiteral"): an optional CRS
// IRI in angle brackets, then a Well-Known Text geometry. A box in degrees is read only when the
// CRS says what the numbers are: none or CRS84 (the GeoSPARQL default: longitude, latitude) or EPSG
// 4326 (latitude, longitude). Any other CRS (metres in EPSG:28992, say) gives no box, and the
// reader keeps the literal as written.

export type BoundingBox = [west: number, south: number, east: number, north: number];

const LONGITUDE_LATITUDE = new Set([
  'http://www.opengis.net/def/crs/OGC/1.3/CRS84',
  'https://www.opengis.net/def/crs/OGC/1.3/CRS84',
  'http://www.opengis.net/def/crs/OGC/0/CRS84',
]);
const LATITUDE_LONGITUDE = new Set([
  'http://www.opengis.net/def/crs/EPSG/0/4326',
  'https://www.opengis.net/def/crs/EPSG/0/4326',
]);

export function wktBoundingBox(literal: string): BoundingBox | undefined {
  const { crs, geometry } = splitCrs(literal.trim());
  let axes: 'lon-lat' | 'lat-lon';
  if (crs === undefined || LONGITUDE_LATITUDE.has(crs)) axes = 'lon-lat';
  else if (LATITUDE_LONGITUDE.has(crs)) axes = 'lat-lon';
  else return undefined;
  const positions = wktPositions(geometry);
  if (!positions || positions.length === 0) return undefined;
  const points = positions.map(([a, b]) => (axes === 'lon-lat' ? [a, b] : [b, a]) as [number, number]);
  return degreesBox(points);
}

/** The box around points given as [longitude, latitude], or undefined if one is not in degrees. */
export function degreesBox(points: ReadonlyArray<readonly [number, number]>): BoundingBox | undefined {
  if (points.length === 0) return undefined;
  if (points.some(([lon, lat]) => !(Math.abs(lon) <= 180 && Math.abs(lat) <= 90))) return undefined;
  // A loop, not Math.min(...all): a polygon may have more points than a call takes arguments.
  const box: BoundingBox = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [lon, lat] of points) {
    box[0] = Math.min(box[0], lon);
    box[1] = Math.min(box[1], lat);
    box[2] = Math.max(box[2], lon);
    box[3] = Math.max(box[3], lat);
  }
  return box;
}

function splitCrs(text: string): { crs?: string; geometry: string } {
  if (!text.startsWith('<')) return { geometry: text };
  const close = text.indexOf('>');
  if (close === -1) return { crs: text, geometry: '' };
  return { crs: text.slice(1, close).trim(), geometry: text.slice(close + 1) };
}

/**
 * The first two ordinates of every position in a WKT geometry, or undefined if the text is not
 * WKT: positions are the runs of numbers between "(", ")" and ","; words (POLYGON, Z, EMPTY) are
 * skipped; a position with fewer than two numbers, or parentheses that do not balance, is not WKT.
 */
function wktPositions(geometry: string): Array<[number, number]> | undefined {
  const positions: Array<[number, number]> = [];
  let depth = 0;
  let numbers: number[] = [];
  const endPosition = (): boolean => {
    if (numbers.length === 0) return true;
    if (numbers.length < 2) return false;
    positions.push([numbers[0]!, numbers[1]!]);
    numbers = [];
    return true;
  };
  for (const token of wktTokens(geometry)) {
    if (token === '(') depth += 1;
    else if (token === ')' || token === ',') {
      if (!endPosition()) return undefined;
      if (token === ')') depth -= 1;
      if (depth < 0) return undefined;
    } else if (isNumberToken(token)) {
      if (depth === 0) return undefined;
      numbers.push(Number(token));
    }
  }
  return depth === 0 && numbers.length === 0 ? positions : undefined;
}

function* wktTokens(text: string): Generator<string> {
  let word = '';
  for (const char of text) {
    if (char === '(' || char === ')' || char === ',' || char.trim() === '') {
      if (word) yield word;
      word = '';
      if (char.trim() !== '') yield char;
    } else {
      word += char;
    }
  }
  if (word) yield word;
}

function isNumberToken(token: string): boolean {
  return token !== '' && Number.isFinite(Number(token)) && !/^[a-z]/i.test(token);
}
