import { describe, it, expect } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PMTiles } from 'pmtiles';
import { BufferSource, gunzip, openArchive, readLayer } from './helpers/pmtiles.ts';
import { writeArchive } from '../../tools/basemap/pmtiles-writer.ts';
import { bboxOfPlaces, pad, storyAreas, DEFAULT_AREA } from '../../tools/basemap/areas.ts';

const options = {
  minZoom: 0,
  maxZoom: 12,
  bounds: [-10, -10, 10, 10] as [number, number, number, number],
  center: [0, 0, 2] as [number, number, number],
  metadata: { name: 'test' },
};

describe('the PMTiles writer', () => {
  it('writes an archive the pmtiles reader finds every tile in, and answers null for the others', async () => {
    const tiles = [
      { z: 0, x: 0, y: 0, data: Uint8Array.from([1, 2, 3]) },
      { z: 1, x: 1, y: 0, data: Uint8Array.from([4]) },
      { z: 2, x: 3, y: 3, data: Uint8Array.from([1, 2, 3]) },
    ];
    const archive = new PMTiles(new BufferSource(writeArchive(tiles, options)), undefined, gunzip);
    const header = await archive.getHeader();
    expect(header.specVersion).toBe(3);
    expect([header.minZoom, header.maxZoom, header.numAddressedTiles, header.numTileContents]).toEqual([0, 12, 3, 2]);
    for (const t of tiles) {
      const got = await archive.getZxy(t.z, t.x, t.y);
      expect(new Uint8Array(got!.data)).toEqual(t.data);
    }
    expect(await archive.getZxy(1, 0, 0)).toBeUndefined();
    expect(await archive.getMetadata()).toEqual({ name: 'test' });
  });

  it('moves entries into leaf directories when the root would not fit in 16 KiB', async () => {
    // Scattered tiles (a fixed pseudo-random walk) so the directory does not compress away.
    const tiles: { z: number; x: number; y: number; data: Uint8Array }[] = [];
    const seen = new Set<string>();
    let seed = 7;
    const next = () => (seed = (seed * 48271) % 2147483647);
    while (tiles.length < 12_000) {
      const x = next() % 4096, y = next() % 4096;
      if (seen.has(`${x}/${y}`) || (x === 300 && y === 17)) continue;
      seen.add(`${x}/${y}`);
      tiles.push({ z: 12, x, y, data: Uint8Array.from([x % 251, y % 251]) });
    }
    tiles.push({ z: 12, x: 300, y: 17, data: Uint8Array.from([9, 9, 9]) });
    const bytes = writeArchive(tiles, options);
    const archive = new PMTiles(new BufferSource(bytes), undefined, gunzip);
    const header = await archive.getHeader();
    expect(header.leafDirectoryLength).toBeGreaterThan(0);
    expect(header.rootDirectoryLength).toBeLessThanOrEqual(16_384 - 127);
    const got = await archive.getZxy(12, 300, 17);
    expect([...new Uint8Array(got!.data)]).toEqual([9, 9, 9]);
    const sample = tiles[5_432]!;
    expect([...new Uint8Array((await archive.getZxy(12, sample.x, sample.y))!.data)]).toEqual([...sample.data]);
  }, 20_000);
});

describe('story areas', () => {
  it('are the bounding box of a story’s places, padded', () => {
    const places = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', geometry: { type: 'Point', coordinates: [34.4306, 31.5258] } },
        { type: 'Feature', geometry: { type: 'Point', coordinates: [35.2, 31.9] } },
      ],
    };
    const box = bboxOfPlaces(places)!;
    expect(box).toEqual([34.4306, 31.5258, 35.2, 31.9]);
    const padded = pad(box);
    expect(padded[0]).toBeCloseTo(34.4306 - 0.19235, 4);
    expect(padded[1]).toBeCloseTo(31.5258 - 0.15, 4);
    expect(padded[3]).toBeCloseTo(31.9 + 0.15, 4);
  });

  it('follow a story’s points, not the outlines of whole countries it also carries', () => {
    const places = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', geometry: { type: 'Point', coordinates: [34.4306, 31.5258] } },
        { type: 'Feature', geometry: { type: 'Polygon', coordinates: [[[24, 22], [36, 22], [36, 32], [24, 22]]] } },
        { type: 'Feature', geometry: { type: 'Point', coordinates: [35.2, 31.9] } },
      ],
    };
    expect(bboxOfPlaces(places)).toEqual([34.4306, 31.5258, 35.2, 31.9]);
    const onlyOutlines = { type: 'FeatureCollection', features: [places.features[1]] };
    expect(bboxOfPlaces(onlyOutlines)).toEqual([24, 22, 36, 32]);
  });

  it('fall back to the seed story region when no story has places', () => {
    expect(storyAreas('/nonexistent')).toEqual([{ name: 'default (seed story region)', bbox: DEFAULT_AREA }]);
  });

  it('read every geo/<story>/places.geojson', () => {
    const root = mkdtempSync(join(tmpdir(), 'atlas-geo-'));
    for (const [name, at] of [['a', [10, 50]], ['b', [-70, -30]]] as const) {
      mkdirSync(join(root, name));
      writeFileSync(
        join(root, name, 'places.geojson'),
        JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: at } }] }),
      );
    }
    const areas = storyAreas(root);
    expect(areas.map((a) => a.name)).toEqual(['a', 'b']);
    expect(areas[0]!.bbox).toEqual([9.85, 49.85, 10.15, 50.15]);
    // A story that declares the area it is about gets exactly that area.
    writeFileSync(join(root, 'b', 'story.json'), JSON.stringify({ id: 'b', bbox: [-71, -31, -69, -29] }));
    expect(storyAreas(root)[1]).toEqual({ name: 'b', bbox: [-71, -31, -69, -29] });
  });
});

describe('GSHHG water extraction', () => {
  it('chains shoreline pieces cut at bin edges back into closed rings, and leaves open ones as lines', async () => {
    const { chain } = await import('../../tools/basemap/extract-water.ts');
    // A square lake cut into three pieces by bin edges, listed out of order; and a river.
    const pieces = [
      [[1, 0], [1, 1]],
      [[0, 0], [0.5, -0.2], [1, 0]],
      [[1, 1], [0, 1], [0, 0]],
      [[5, 5], [6, 6]],
    ];
    const { rings, lines } = chain(pieces);
    expect(rings).toEqual([[[1, 0], [1, 1], [0, 1], [0, 0], [0.5, -0.2], [1, 0]]]);
    expect(lines).toEqual([[[5, 5], [6, 6]]]);
  });

  it('makes lakes counter-clockwise polygons with their islands as clockwise holes', async () => {
    const { lakePolygons, parseSegments } = await import('../../tools/basemap/extract-water.ts');
    const text = [
      '> Shore Bin # 1, Level 2',
      '0\t0', '0\t4', '4\t4', '4\t0', '0\t0',
      '> Shore Bin # 1, Level 3',
      '1\t1', '2\t1', '2\t2', '1\t2', '1\t1',
      '> Shore Bin # 2, Level 3',
      '9\t9', '9.5\t9', '9.5\t9.5', '9\t9',
    ].join('\n');
    const [lake, ...others] = lakePolygons(parseSegments(text), 5);
    expect(others).toEqual([]);
    const rings = (lake!.geometry as { coordinates: number[][][] }).coordinates;
    expect(rings[0]).toEqual([[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]]);
    // The island inside is a hole; the one in no lake is dropped.
    expect(rings.slice(1)).toEqual([[[1, 1], [1, 2], [2, 2], [2, 1], [1, 1]]]);
  });

  it('keeps the vendored water files in step with the story areas', async () => {
    const { readFileSync } = await import('node:fs');
    const water = JSON.parse(readFileSync(new URL('../../tools/basemap/data/water-detail.geojson', import.meta.url), 'utf8'));
    const areas = storyAreas(new URL('../../geo', import.meta.url).pathname);
    for (const a of areas) {
      const covered = water.areas.some((w: number[]) => w[0]! <= a.bbox[0] && w[1]! <= a.bbox[1] && w[2]! >= a.bbox[2] && w[3]! >= a.bbox[3]);
      expect(covered, `${a.name}: run npm run basemap:water`).toBe(true);
    }
    // The Dead Sea and the Jordan are in the seed story's area.
    const kinds = water.features.map((f: { properties: { kind: string } }) => f.properties.kind);
    expect(kinds).toContain('lake');
    expect(kinds).toContain('river');
  });
});

describe('basemap names', () => {
  it('fold GeoNames spellings for matching: no diacritics, no apostrophes or ‘ayn marks, lower case', async () => {
    const { foldName } = await import('../../tools/basemap/names.ts');
    expect(foldName('Az̧ Z̧āhirīyah')).toBe('az zahiriyah');
    expect(foldName("Ra'anana")).toBe('raanana');
    expect(foldName('Modi‘in Makkabbim Re‘ut')).toBe('modiin makkabbim reut');
    expect(foldName('Khān  Yūnis')).toBe('khan yunis');
  });

  it('key every hand-listed local name by country and a folded name', async () => {
    const { foldName, LOCAL_NAMES_BY_SOURCE } = await import('../../tools/basemap/names.ts');
    for (const key of Object.keys(LOCAL_NAMES_BY_SOURCE)) {
      const [country, name] = key.split(':') as [string, string];
      expect(country).toMatch(/^[A-Z]{2}$/);
      expect(foldName(name)).toBe(name);
    }
  });
});

describe('the built basemap’s names for the interface languages', () => {
  /** Every feature's properties in a layer of the archive's tile at zoom z over [lng, lat]. */
  async function labelsAt(file: string, layerName: string, z: number, lng: number, lat: number): Promise<Record<string, unknown>[]> {
    const x = Math.floor(((lng + 180) / 360) * 2 ** z);
    const r = (lat * Math.PI) / 180;
    const y = Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * 2 ** z);
    const layer = await readLayer(openArchive(file), z, x, y, layerName);
    return layer ? Array.from({ length: layer.length }, (_, i) => layer.feature(i).properties) : [];
  }

  it('give countries their Arabic and Hebrew names, and towns the name of their own language and a story’s name in the other', async () => {
    const world = await labelsAt('public/basemap/world.pmtiles', 'label', 4, 31, 27);
    const egypt = world.find((p) => p.name === 'Egypt');
    expect(egypt).toMatchObject({ name_ar: 'مصر', name_he: 'מצרים' });
    const detail = await labelsAt('public/basemap/detail.pmtiles', 'place', 10, 34.3, 31.35);
    // A town of the Gaza Strip: Arabic from the names data, Hebrew from the seed story's place.
    const khan = detail.find((p) => /^Khan Yunis|^Khān Yūnis/.test(String(p.name)));
    expect(khan).toMatchObject({ name_ar: expect.stringMatching(/خان يونس/), name_he: 'חאן יונס' });
    // Without a name in a language, the tile carries none (the label keeps English first).
    for (const p of detail) for (const key of ['name_ar', 'name_he']) if (key in p) expect(String(p[key]).trim()).not.toBe('');
  });
});
