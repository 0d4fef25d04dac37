import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { VectorTileLayer } from '@mapbox/vector-tile';
import type { PMTiles } from 'pmtiles';
import { buildTiles, TilesInputError, type TilesReport } from '../../tools/tiles.ts';
import { generateSynthBundle } from '../../bench/lib/synth.ts';
import { eventsOfPlace, shardOf, tilesForPoint, type EventShard, type TilesManifest } from '../../src/lib/tiles/format.ts';
import type { PlaceFeature, StoryBundle } from '../../src/lib/story/types.ts';
import { openArchive, readLayer } from './helpers/pmtiles.ts';

/** The tiles at zoom z that could hold any of the places (each place's own tile and buffer neighbours). */
const candidateTiles = (places: readonly { geometry: GeoJSON.Geometry }[], z: number): [number, number][] => {
  const keys = new Set<string>();
  for (const p of places) {
    const [lng, lat] = (p.geometry as GeoJSON.Point).coordinates as [number, number];
    for (const [x, y] of tilesForPoint(lng, lat, z, 0.25)) keys.add(`${x}/${y}`);
  }
  return [...keys].map((k) => k.split('/').map(Number) as [number, number]);
};

/**
 * The features MapLibre draws from a tile: those whose point lies in [0, extent) on both axes
 * (a point in a tile's buffer is drawn by the tile it belongs to, not this one).
 */
function drawn(layer: VectorTileLayer | undefined): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  if (!layer) return out;
  for (let i = 0; i < layer.length; i++) {
    const f = layer.feature(i);
    const pt = f.loadGeometry()[0]![0]!;
    if (pt.x >= 0 && pt.y >= 0 && pt.x < layer.extent && pt.y < layer.extent) out.push(f.properties);
  }
  return out;
}

describe('the pre-built tiles CLI on a small dataset', () => {
  let dir: string;
  let out: string;
  let bundle: StoryBundle;
  let report: TilesReport;
  let manifest: TilesManifest;
  let archive: PMTiles;
  const MAX_ZOOM = 10;

  const readTile = (z: number, x: number, y: number) => readLayer(archive, z, x, y, 'places');
  const readShard = (s: number): EventShard => JSON.parse(readFileSync(join(out, 'events', `${s}.json`), 'utf8'));

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'atlas-tiles-'));
    out = join(dir, 'out');
    bundle = generateSynthBundle({ events: 3000, seed: 5 });
    // One event at two places, so an event listed under a place of another shard is covered.
    const [a, b] = bundle.places.features;
    bundle.events.push({
      id: 'ev-two-places',
      date: '2024-01-02',
      title: 'Convoy moves from one place to another',
      summary: 'A test event at two places.',
      category: 'medical-evacuation',
      places: [
        { id: a!.id, role: 'from' },
        { id: b!.id, role: 'to' },
      ],
      cite: { paragraph: 1 },
    });
    writeFileSync(join(dir, 'bundle.json'), JSON.stringify(bundle));
    report = await buildTiles(join(dir, 'bundle.json'), out, { maxZoom: MAX_ZOOM, shards: 16 });
    manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    archive = openArchive(join(out, manifest.tiles.url));
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes a manifest with the story, counts, categories, dates and tile zooms', () => {
    expect(manifest.story.id).toBe(bundle.story.id);
    expect(manifest.counts).toMatchObject({ events: 3001, places: 1500, shards: 16 });
    expect(manifest.counts.tiles).toBe(report.tiles);
    expect(manifest.categories.slice(0, 8)).toContain('ceasefire');
    expect(manifest.dates?.min).toBe([...bundle.events.map((e) => e.date)].sort()[0]);
    expect(manifest.tiles).toMatchObject({ minzoom: 0, maxzoom: MAX_ZOOM, layer: 'places' });
    const [w, s, e, n] = manifest.bbox;
    expect(w).toBeLessThan(e);
    expect(s).toBeLessThan(n);
  });

  it('writes the tiles as one PMTiles archive next to the manifest, and the events as files', async () => {
    expect(manifest.tiles.url).toBe('places.pmtiles');
    expect(readdirSync(out).sort()).toEqual(['events', 'manifest.json', 'places.pmtiles']);
    const header = await archive.getHeader();
    expect(header).toMatchObject({ minZoom: 0, maxZoom: MAX_ZOOM, numAddressedTiles: report.tiles });
  });

  it('puts every place and every event into the one zoom-0 tile, clustered', async () => {
    const layer = (await readTile(0, 0, 0))!;
    let places = 0;
    let events = 0;
    let clusters = 0;
    for (let i = 0; i < layer.length; i++) {
      const p = layer.feature(i).properties;
      if (p.cluster) {
        clusters++;
        places += Number(p.point_count);
      } else places += 1;
      events += Number(p.n);
    }
    expect(clusters).toBeGreaterThan(0);
    expect(layer.length).toBeLessThan(200);
    expect(places).toBe(1500);
    // Each event counts once per place it names: 3000 + 2.
    expect(events).toBe(3002);
  });

  it('draws each place, with its name and event count, exactly once at the deepest zoom', async () => {
    const counts = new Map<string, number>();
    for (const e of bundle.events) for (const p of e.places) counts.set(p.id, (counts.get(p.id) ?? 0) + 1);
    const seen = new Map<string, Record<string, unknown>>();
    for (const [x, y] of candidateTiles(bundle.places.features, MAX_ZOOM)) {
      for (const props of drawn(await readTile(MAX_ZOOM, x, y))) {
        expect(props.cluster).toBeUndefined();
        expect(seen.has(String(props.id))).toBe(false);
        seen.set(String(props.id), props);
      }
    }
    expect(seen.size).toBe(1500);
    for (const place of bundle.places.features) {
      const props = seen.get(place.id)!;
      expect(props.name).toBe(place.properties.name);
      expect(props.n).toBe(counts.get(place.id));
    }
  });

  it('keeps only the properties the map needs in the tiles, with the days its events cover', async () => {
    const [x, y] = candidateTiles(bundle.places.features.slice(0, 1), MAX_ZOOM)[0]!;
    const props = drawn(await readTile(MAX_ZOOM, x, y))[0]!;
    expect(Object.keys(props).sort()).toEqual(['c', 'id', 'n', 'name', 't0', 't1']);
    const dates = bundle.events.filter((e) => e.places.some((p) => p.id === props.id)).map((e) => e.date).sort();
    if (dates.length) {
      expect(new Date(Number(props.t0) * 86_400_000).toISOString().slice(0, dates[0]!.length)).toBe(dates[0]);
      expect(Number(props.t1)).toBeGreaterThan(Number(props.t0));
    }
  });

  it('lists every event exactly once across the sharded event files', () => {
    const ids: string[] = [];
    for (let s = 0; s < 16; s++) ids.push(...readShard(s).events.map((e) => e.id));
    expect(ids).toHaveLength(3001);
    expect(new Set(ids)).toEqual(new Set(bundle.events.map((e) => e.id)));
    expect(existsSync(join(out, 'events', '16.json'))).toBe(false);
  });

  it('finds a place’s events in the shard its id hashes to, across shards when needed', async () => {
    const load = async (s: number) => readShard(s);
    const [a, b] = bundle.places.features;
    const ids = [a!.id, b!.id, ...bundle.places.features.slice(100, 120).map((f) => f.id)].map(String);
    for (const id of ids) {
      const expected = bundle.events.filter((e) => e.places.some((p) => p.id === id)).map((e) => e.id);
      const got = await eventsOfPlace(id, 16, load);
      expect(got.map((e) => e.id)).toEqual(expected);
      expect(readShard(shardOf(id, 16)).places[id]).toEqual(expected);
    }
    expect(await eventsOfPlace('no-such-place', 16, load)).toEqual([]);
  });
});

/** Latitude of the edge between tile rows y − 1 and y at zoom z (Web Mercator). */
const latOfRow = (y: number, z: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / 2 ** z))) * 180) / Math.PI;
const lngOfColumn = (x: number, z: number) => (x / 2 ** z) * 360 - 180;

describe('places on the edges of tiles', () => {
  let dir: string;
  let bundle: StoryBundle;
  let archive: PMTiles;
  const MAX_ZOOM = 13;
  const Z = 13;
  // One place exactly on the corner of four zoom-13 tiles, and one a hair above a row edge (its
  // tile y is 3312.9999, as with open-822 in the issue: it rounds onto the bottom edge of its tile).
  const CORNER: [number, number] = [lngOfColumn(4890, Z), latOfRow(3316, Z)];
  const ABOVE: [number, number] = [lngOfColumn(4900.5, Z), latOfRow(3312.9999, Z)];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'atlas-tiles-edge-'));
    bundle = generateSynthBundle({ events: 400, seed: 7 });
    const [a, b] = bundle.places.features as PlaceFeature[];
    a!.geometry = { type: 'Point', coordinates: CORNER };
    b!.geometry = { type: 'Point', coordinates: ABOVE };
    writeFileSync(join(dir, 'bundle.json'), JSON.stringify(bundle));
    await buildTiles(join(dir, 'bundle.json'), join(dir, 'out'), { maxZoom: MAX_ZOOM, shards: 2 });
    archive = openArchive(join(dir, 'out', 'places.pmtiles'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('draws a place exactly on a tile corner, and one just above an edge, exactly once at the deepest zoom', async () => {
    const [a, b] = bundle.places.features as PlaceFeature[];
    for (const place of [a!, b!]) {
      const [lng, lat] = (place.geometry as GeoJSON.Point).coordinates as [number, number];
      let times = 0;
      for (const [x, y] of tilesForPoint(lng, lat, MAX_ZOOM, 0.25)) {
        times += drawn(await readLayer(archive, MAX_ZOOM, x, y, 'places')).filter((p) => p.id === place.id).length;
      }
      expect(times, place.id).toBe(1);
    }
  });

  it('counts every place once at every zoom, in a cluster or on its own', async () => {
    for (let z = 0; z <= MAX_ZOOM; z++) {
      let places = 0;
      for (const [x, y] of candidateTiles(bundle.places.features, z)) {
        for (const p of drawn(await readLayer(archive, z, x, y, 'places'))) places += p.cluster ? Number(p.point_count) : 1;
      }
      expect(places, `zoom ${z}`).toBe(bundle.places.features.length);
    }
  });
});

describe('the tiles CLI checks its input first', () => {
  it('refuses a bundle the validator refuses, names what is wrong, and writes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-tiles-bad-'));
    try {
      const bundle = generateSynthBundle({ events: 50, seed: 3 });
      bundle.events[4]!.date = '2024-02-30';
      (bundle.events[5]!.places[0] as { id: string }).id = 'nowhere-at-all';
      writeFileSync(join(dir, 'bundle.json'), JSON.stringify(bundle));
      const error = await buildTiles(join(dir, 'bundle.json'), join(dir, 'out')).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TilesInputError);
      const problems = (error as TilesInputError).problems.join('\n');
      expect(problems).toMatch(new RegExp(`event "${bundle.events[4]!.id}" field date: .*2024-02-30`));
      expect(problems).toMatch(/nowhere-at-all/);
      expect(existsSync(join(dir, 'out'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a file that is not a story bundle', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-tiles-bad-'));
    try {
      writeFileSync(join(dir, 'x.json'), JSON.stringify({ places: { type: 'FeatureCollection', features: [] } }));
      const error = await buildTiles(join(dir, 'x.json'), join(dir, 'out')).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TilesInputError);
      expect((error as TilesInputError).problems.join('\n')).toMatch(/story/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
