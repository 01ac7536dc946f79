import { describe, expect, it } from 'vitest';
import { wktBoundingBox } from '../../../../../../subgraphs/partner-kit/import/rdf/wkt.js';

const cases: { name: string; wkt: string; box: [number, number, number, number] | undefined }[] = [
  { name: 'polygon without CRS is CRS84 (longitude first)', wkt: 'POLYGON(( 3.053 47.975 , 7.24 47.975 , 7.24 53.504 , 3.053 53.504 , 3.053 47.975 ))', box: [3.053, 47.975, 7.24, 53.504] },
  { name: 'explicit CRS84', wkt: '<http://www.opengis.net/def/crs/OGC/1.3/CRS84> POLYGON((-10 -20, 30 -20, 30 40, -10 40, -10 -20))', box: [-10, -20, 30, 40] },
  { name: 'EPSG 4326 is latitude first', wkt: '<http://www.opengis.net/def/crs/EPSG/0/4326> POLYGON((47 3, 47 7, 53 7, 53 3, 47 3))', box: [3, 47, 7, 53] },
  { name: 'metres (EPSG 28992) give no box', wkt: '<http://www.opengis.net/def/crs/EPSG/0/28992> POLYGON (( 120749.725 487589.422 , 120752.55 487594.375 , 120749.725 487589.422 ))', box: undefined },
  { name: 'numbers out of degree range give no box', wkt: 'POLYGON((500 10, 600 10, 600 20, 500 10))', box: undefined },
  { name: 'point', wkt: 'POINT(4.88412 52.37509)', box: [4.88412, 52.37509, 4.88412, 52.37509] },
  { name: 'multipolygon with a hole, 3D', wkt: 'MULTIPOLYGON Z (((0 0 1, 10 0 1, 10 10 1, 0 0 1), (2 2 1, 3 2 1, 2 2 1)), ((20 20 0, 21 20 0, 20 20 0)))', box: [0, 0, 21, 20] },
  { name: 'empty geometry', wkt: 'POLYGON EMPTY', box: undefined },
  { name: 'unbalanced parentheses', wkt: 'POLYGON((1 2, 3 4)', box: undefined },
  { name: 'a position with one number', wkt: 'LINESTRING(1 2, 3)', box: undefined },
  { name: 'not WKT at all', wkt: '{"type": "Point", "coordinates": [1, 2]}', box: undefined },
];

describe('wktBoundingBox', () => {
  it.each(cases)('$name', ({ wkt, box }) => {
    expect(wktBoundingBox(wkt)).toEqual(box);
  });
});
