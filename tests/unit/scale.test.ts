import { describe, it, expect, beforeAll, afterAll, vi } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { flushSync } from 'svelte';
import { generateSynthBundle } from '../../bench/lib/synth.ts';
import { buildTiles } from '../../tools/tiles.ts';
import { buildModel } from '../../src/lib/story/model.ts';
import { validateBundle, validatePlaces } from '../../src/lib/story/validate.ts';
import { eventCounts, placesCollection, mapPlacesOf, shouldCluster, CLUSTER_THRESHOLD } from '../../src/lib/story/map-places.ts';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { indexOf, assemble, slices } from '../../src/lib/load/wire.ts';
import { checkManifest } from '../../src/lib/tiles/manifest.ts';
import { PLACE_ID_PATTERN } from '../../src/lib/tiles/format.ts';
import { SLUG_PATTERN } from '../../src/lib/story/schema.ts';
import { TilesStory, tilesMapPlaces } from '../../src/lib/tiles/story.svelte.ts';
import { placesSource, ownLayers, PLACES_SOURCE } from '../../src/lib/map/layers.ts';
import { shardOf, type EventShard, type TilesManifest } from '../../src/lib/tiles/format.ts';
import type { PlaceFeature, StoryBundle } from '../../src/lib/story/types.ts';

describe('what the map is given to draw the places', () => {
  it('counts an event once per place, even when it names the place twice', () => {
    const counts = eventCounts([
      { places: [{ id: 'a' }, { id: 'b' }] },
      { places: [{ id: 'a' }, { id: 'a' }] },
      { places: [{ id: 'b' }, { id: 'c' }, { id: 'b' }] },
      { places: [] },
    ]);
    expect(Object.fromEntries(counts)).toEqual({ a: 2, b: 2, c: 1 });
  });

  it('checks the places alone, so the map can draw them before the events are checked', () => {
    const bundle = generateSynthBundle({ events: 40, seed: 2 });
    expect(validatePlaces(bundle)).toMatchObject({ ok: true });
    expect(validatePlaces(bundle).places).toHaveLength(bundle.places.features.length);
    const swapped = structuredClone(bundle);
    const first = swapped.places.features[0]!.geometry as GeoJSON.Point;
    first.coordinates = [first.coordinates[1]!, first.coordinates[0]!];
    swapped.story.bbox = [33, 30, 37, 34];
    expect(validatePlaces(swapped).ok).toBe(false);
    expect(validatePlaces({ story: {}, places: [], events: [] }).ok).toBe(false);
    expect(validatePlaces(null).ok).toBe(false);
  });

  it('counts events per place from unchecked data without throwing', () => {
    expect(eventCounts(null).size).toBe(0);
    expect(Object.fromEntries(eventCounts([null, { places: 'x' }, { places: [null, { id: 3 }, { id: 'a' }] }]))).toEqual({ a: 1 });
  });

  it('keeps only the properties the layers draw', () => {
    const bundle = generateSynthBundle({ events: 40, seed: 2 });
    const fc = placesCollection(bundle.places.features as PlaceFeature[], () => 3);
    expect(fc.features).toHaveLength(bundle.places.features.length);
    expect(Object.keys(fc.features[0]!.properties!).sort()).toEqual(['count', 'name', 'pid']);
    expect(fc.features[0]!.properties!.count).toBe(3);
  });

  it('gives each area one label point, inside it, with its name; not when the places are clustered', () => {
    const places = (JSON.parse(readFileSync('geo/rafah-crossing-2025-02-01/places.geojson', 'utf8')) as { features: PlaceFeature[] }).features;
    const areas = places.filter((p) => p.geometry.type !== 'Point');
    expect(areas.length).toBeGreaterThan(0);
    const { geojson, cluster } = mapPlacesOf(places, []);
    expect(cluster).toBe(false);
    const labels = geojson.features.filter((f) => f.properties!.areaLabel === 1);
    expect(labels.map((f) => f.properties!.pid).sort()).toEqual(areas.map((a) => a.id).sort());
    for (const label of labels) {
      const area = places.find((p) => p.id === label.properties!.pid)!;
      expect(label.geometry.type).toBe('Point');
      expect(booleanPointInPolygon((label.geometry as GeoJSON.Point).coordinates, area as never)).toBe(true);
      expect(label.properties!.name).toBe(area.properties.name);
      expect(label.properties).not.toHaveProperty('labelPoint');
    }
    // Each area says that its name is drawn at its label point, and nothing else is added.
    expect(geojson.features.filter((f) => f.properties!.labelPoint === 1)).toHaveLength(areas.length);
    expect(geojson.features).toHaveLength(places.length + areas.length);
    // Clustered: a label point would be counted in a cluster; the areas keep their own names.
    const many = [...places, ...Array.from({ length: CLUSTER_THRESHOLD + 1 }, (_, i) => ({ type: 'Feature', id: `p${i}`, geometry: { type: 'Point', coordinates: [34, 31] }, properties: { name: `p${i}`, kind: 'town' } }) as unknown as PlaceFeature)];
    const clustered = mapPlacesOf(many, []);
    expect(clustered.cluster).toBe(true);
    expect(clustered.geojson.features.some((f) => f.properties!.areaLabel || f.properties!.labelPoint)).toBe(false);
  });

  it(`clusters a story with more than ${CLUSTER_THRESHOLD} points, and not a smaller one`, () => {
    const point = (i: number) => ({ type: 'Feature', id: `p${i}`, geometry: { type: 'Point', coordinates: [0, 0] }, properties: {} }) as unknown as PlaceFeature;
    expect(shouldCluster(Array.from({ length: CLUSTER_THRESHOLD }, (_, i) => point(i)))).toBe(false);
    expect(shouldCluster(Array.from({ length: CLUSTER_THRESHOLD + 1 }, (_, i) => point(i)))).toBe(true);
  });

  it('gives MapLibre a URL to fetch, clustered with summed event counts, or vector tiles', () => {
    const geo = placesSource({ kind: 'geojson', data: 'blob:x', cluster: true, focus: [0, 0, 1, 1] });
    expect(geo).toMatchObject({ type: 'geojson', data: 'blob:x', promoteId: 'pid', cluster: true, clusterMaxZoom: 12, clusterRadius: 40 });
    expect(geo).toHaveProperty('clusterProperties.count');
    expect(placesSource({ kind: 'geojson', data: 'blob:x', cluster: false, focus: [0, 0, 1, 1] })).not.toHaveProperty('cluster');
    const tiles = placesSource({ kind: 'tiles', tiles: 'https://x/t/{z}/{x}/{y}.pbf', sourceLayer: 'places', minzoom: 0, maxzoom: 13, clusterMaxZoom: 12, bounds: [0, 0, 1, 1], focus: [0, 0, 1, 1] });
    expect(tiles).toMatchObject({ type: 'vector', tiles: ['https://x/t/{z}/{x}/{y}.pbf'], promoteId: 'id', maxzoom: 13 });
  });

  it('draws tiles with the same layers, reading their source-layer', () => {
    const plain = ownLayers();
    const tiled = ownLayers(undefined, 'places');
    expect(tiled.map((l) => l.id)).toEqual(plain.map((l) => l.id));
    for (const l of tiled) {
      if ('source' in l && l.source === PLACES_SOURCE) expect(l['source-layer']).toBe('places');
      else expect(l).not.toHaveProperty('source-layer');
    }
    expect(plain.map((l) => l.id)).toEqual(expect.arrayContaining(['atlas-clusters', 'atlas-cluster-count']));
  });
});

describe('handing a built story from the worker to the page', () => {
  it('rebuilds the same model from slices and the typed-array index', () => {
    const bundle = generateSynthBundle({ events: 3000, seed: 9 });
    const checked = validateBundle(bundle);
    expect(checked.ok).toBe(true);
    const model = buildModel(checked.bundle!);
    const index = structuredClone(indexOf(model));
    const events = [...slices(model.events, 700)].flat();
    const places = [...slices(model.places, 700)].flat();
    const again = assemble(structuredClone(events), structuredClone(places), index);
    expect(again.events.map((e) => e.id)).toEqual(model.events.map((e) => e.id));
    expect(again.places.map((p) => p.id)).toEqual(model.places.map((p) => p.id));
    expect(again.eventsByPlace.size).toBe(model.eventsByPlace.size);
    for (const p of model.places) {
      expect(again.eventsByPlace.get(p.id)!.map((e) => e.id)).toEqual(model.eventsByPlace.get(p.id)!.map((e) => e.id));
    }
    expect(again.eventsByPlace.get('no-such-place')).toBeUndefined();
    expect(again.eventById.get(model.events[5]!.id)?.title).toBe(model.events[5]!.title);
    expect(again.focus).toEqual(model.focus);
  });
});

describe('a story read from pre-built tiles', () => {
  let dir: string;
  let bundle: StoryBundle;
  let manifest: TilesManifest;
  const base = new URL('https://atlas.test/data/tiles/manifest.json');

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'atlas-scale-unit-'));
    bundle = generateSynthBundle({ events: 600, seed: 11 });
    writeFileSync(join(dir, 'bundle.json'), JSON.stringify(bundle));
    await buildTiles(join(dir, 'bundle.json'), join(dir, 'tiles'), { maxZoom: 8, shards: 4 });
    manifest = JSON.parse(readFileSync(join(dir, 'tiles', 'manifest.json'), 'utf8'));
    vi.stubGlobal('fetch', async (url: URL | string) => {
      const path = new URL(String(url)).pathname.replace('/data/tiles/', '');
      // An event file whose index is not what the format says.
      if (path.startsWith('broken/')) return new Response(JSON.stringify({ shard: 0, places: [], refs: 'x', events: {} }), { status: 200 });
      try {
        const text = readFileSync(join(dir, 'tiles', path), 'utf8');
        return new Response(text, { status: 200 });
      } catch {
        return new Response('not found', { status: 404 });
      }
    });
  });
  afterAll(() => {
    vi.unstubAllGlobals();
    rmSync(dir, { recursive: true, force: true });
  });

  it('accepts the manifest the tiles CLI writes, and lists what is wrong with a broken one', () => {
    expect(checkManifest(manifest).ok).toBe(true);
    const broken = checkManifest({ ...manifest, version: 9, tiles: { ...manifest.tiles, url: 'tiles/{z}/{x}/{y}.pbf' }, bbox: [1, 2, 0, 3] }, 'm.json');
    expect(broken.ok).toBe(false);
    const errors = !broken.ok ? broken.errors : [];
    expect(errors).toContain('m.json: version: version 9 is not supported (expected 2; rebuild the tiles with npm run tiles)');
    expect(errors).toContain('m.json: bbox: must be [west, south, east, north]');
    expect(errors).toContain('m.json: tiles.url: must name a .pmtiles archive');
  });

  it('refuses a manifest that points its files at another host or out of its folder', () => {
    for (const url of ['https://evil.test/p.pmtiles', '//evil.test/p.pmtiles', '../../p.pmtiles', '/p.pmtiles']) {
      const r = checkManifest({ ...manifest, tiles: { ...manifest.tiles, url } }, 'm.json');
      expect(!r.ok && r.errors.join()).toMatch(/tiles\.url must be a path relative to the manifest/);
    }
    const r = checkManifest({ ...manifest, events: { ...manifest.events, url: 'javascript:alert(1)/{shard}' } }, 'm.json');
    expect(!r.ok && r.errors.join()).toMatch(/events\.url must be a path relative/);
  });

  it('accepts from tiles the same place ids as the story schema', () => {
    expect(PLACE_ID_PATTERN.source).toBe(SLUG_PATTERN.source);
  });

  it('takes a place from a tile only with a place id and a point on the globe, its name as short text', () => {
    const story = new TilesStory(manifest, base);
    expect(story.remember('<img src=x>', 'x', [1, 2])).toBe(false);
    expect(story.remember('ok-place', 'x', [Number.NaN, 2])).toBe(false);
    expect(story.remember('ok-place', 'x', [1, 91])).toBe(false);
    expect(story.remember('ok-place', { toString: () => 'x' }, [1, 2])).toBe(true);
    expect(story.placeById.get('ok-place')?.properties.name).toBe('ok-place');
    expect(story.remember('long-name', 'n'.repeat(5000), [1, 2])).toBe(true);
    expect(story.placeById.get('long-name')?.properties.name).toHaveLength(200);
    expect(story.placeById.has('<img src=x>')).toBe(false);
  });

  it('reports a broken event file instead of trusting it', async () => {
    const problems: string[] = [];
    const broken = { ...manifest, events: { ...manifest.events, url: 'broken/{shard}.json' } };
    const story = new TilesStory(broken, base, (m) => problems.push(m));
    story.remember(bundle.places.features[0]!.id, 'a', [1, 2]);
    await story.load(bundle.places.features[0]!.id);
    expect(problems.join()).toMatch(/could not be loaded: .*broken\/\d\.json: (refs|places|shard)/);
  });

  it('draws from the PMTiles archive resolved against the manifest, through the pmtiles protocol', () => {
    const places = tilesMapPlaces(manifest, base);
    expect(places).toMatchObject({ kind: 'tiles', tiles: 'pmtiles://https://atlas.test/data/tiles/places.pmtiles/{z}/{x}/{y}', sourceLayer: 'places', maxzoom: 8 });
  });

  it('writes every place’s anchor and name into the event file its id hashes to', () => {
    const p = bundle.places.features[7] as PlaceFeature;
    const shard = JSON.parse(readFileSync(join(dir, 'tiles', 'events', `${shardOf(p.id, 4)}.json`), 'utf8')) as EventShard;
    const [lng, lat, name] = shard.info![p.id]!;
    expect(name).toBe(p.properties.name);
    expect([lng, lat]).toEqual((p.geometry as GeoJSON.Point).coordinates);
  });

  it('knows a place once the map shows it, and loads its events when they are asked for', async () => {
    const story = new TilesStory(manifest, base);
    const place = (bundle.places.features as PlaceFeature[]).find((p) => bundle.events.some((e) => e.places.some((r) => r.id === p.id)))!;
    const expected = bundle.events.filter((e) => e.places.some((r) => r.id === place.id)).map((e) => e.id).sort();
    expect(story.total).toEqual({ places: bundle.places.features.length, events: 600 });
    expect(story.placeById.has(place.id)).toBe(false);
    story.remember(place.id, place.properties.name, [1, 2]);
    expect(story.placeById.get(place.id)?.properties.name).toBe(place.properties.name);
    expect(story.eventsByPlace.get(place.id)).toBeUndefined(); // starts the load
    expect(story.pending(place.id)).toBe(true);
    await story.load(place.id);
    flushSync();
    expect(story.pending(place.id)).toBe(false);
    expect(story.eventsByPlace.get(place.id)!.map((e) => e.id).sort()).toEqual(expected);
    expect(story.events.map((e) => e.id).sort()).toEqual(expected);
    expect(story.places.map((p) => p.id)).toEqual([place.id]);
  });

  it('resolves a link’s place from the event files, and reports an event it cannot find cheaply', async () => {
    const story = new TilesStory(manifest, base);
    const place = bundle.places.features[3] as PlaceFeature;
    expect(await story.resolveLink({ place: place.id })).toEqual([]);
    expect(story.placeById.get(place.id)?.geometry).toEqual({ type: 'Point', coordinates: (place.geometry as GeoJSON.Point).coordinates });
    const notes = await story.resolveLink({ event: bundle.events[0]!.id });
    expect(notes[0]).toMatch(/cannot be looked up in this tiled dataset without its place/);
    expect(await story.resolveLink({ place: 'no-such-place' })).toEqual([]);
    expect(story.placeById.has('no-such-place')).toBe(false);
  });
});
