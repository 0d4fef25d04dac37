/**
 * Builds the embedded basemap from npm data into public/basemap/ (run: npm run basemap).
 * First cut: Natural Earth 1:50m countries from world-atlas, as one GeoJSON file with rounded
 * coordinates (1e-4 degrees, about 11 m: finer than the source's own accuracy).
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { feature } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';

const require = createRequire(import.meta.url);
const out = new URL('../../public/basemap/', import.meta.url);
mkdirSync(out, { recursive: true });

const topo = JSON.parse(
  readFileSync(require.resolve('world-atlas/countries-50m.json'), 'utf8'),
) as Topology<{ countries: GeometryCollection<{ name: string }> }>;
const countries = feature(topo, topo.objects.countries);

const round = (value: unknown): unknown =>
  Array.isArray(value)
    ? typeof value[0] === 'number'
      ? value.map((n: number) => Math.round(n * 1e4) / 1e4)
      : value.map(round)
    : value;

for (const f of countries.features) {
  if (f.geometry && 'coordinates' in f.geometry) {
    (f.geometry as { coordinates: unknown }).coordinates = round(f.geometry.coordinates);
  }
}
const text = JSON.stringify(countries);
writeFileSync(new URL('countries.geojson', out), text);
console.log(`public/basemap/countries.geojson: ${countries.features.length} countries, ${(text.length / 1e6).toFixed(2)} MB`);
