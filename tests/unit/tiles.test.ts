import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { buildTiles, type TilesReport } from '../../tools/tiles.ts';
import { generateSynthBundle } from '../../bench/lib/synth.ts';
import { eventsOfPlace, shardOf, type EventShard, type TilesManifest } from '../../src/lib/tiles/format.ts';
import type { StoryBundle } from '../../src/lib/story/types.ts';

describe('the pre-built tiles CLI on a small dataset', () => {
  let dir: string;
  let out: string;
  let bundle: StoryBundle;
  let report: TilesReport;
  let manifest: TilesManifest;
  const MAX_ZOOM = 10;

  const readTile = (z: number, x: number, y: number) =>
    new VectorTile(new PbfReader(readFileSync(join(out, 'tiles', String(z), String(x), `${y}.pbf`)))).layers.places;
  const tilesAt = (z: number): [number, number][] =>
    readdirSync(join(out, 'tiles', String(z))).flatMap((x) =>
      readdirSync(join(out, 'tiles', String(z), x)).map((f) => [Number(x), Number(f.replace('.pbf', ''))] as [number, number]),
    );
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

  it('puts every place and every event into the one zoom-0 tile, clustered', () => {
    const layer = readTile(0, 0, 0)!;
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

  it('has each place, with its name and event count, as a single feature at the deepest zoom', () => {
    const counts = new Map<string, number>();
    for (const e of bundle.events) for (const p of e.places) counts.set(p.id, (counts.get(p.id) ?? 0) + 1);
    const seen = new Map<string, Record<string, unknown>>();
    for (const [x, y] of tilesAt(MAX_ZOOM)) {
      const layer = readTile(MAX_ZOOM, x, y)!;
      for (let i = 0; i < layer.length; i++) {
        const f = layer.feature(i);
        expect(f.properties.cluster).toBeUndefined();
        seen.set(String(f.properties.id), f.properties);
      }
    }
    expect(seen.size).toBe(1500);
    for (const place of bundle.places.features) {
      const props = seen.get(place.id)!;
      expect(props.name).toBe(place.properties.name);
      expect(props.n).toBe(counts.get(place.id));
    }
  });

  it('keeps only the properties the map needs in the tiles', () => {
    const layer = readTile(MAX_ZOOM, ...tilesAt(MAX_ZOOM)[0]!)!;
    expect(Object.keys(layer.feature(0).properties).sort()).toEqual(['c', 'id', 'n', 'name']);
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
