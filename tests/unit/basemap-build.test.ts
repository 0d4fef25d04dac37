import { describe, it, expect } from 'vitest';
import { gunzipSync } from 'node:zlib';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PMTiles, type Source, type RangeResponse } from 'pmtiles';
import { writeArchive } from '../../tools/basemap/pmtiles-writer.ts';
import { bboxOfPlaces, pad, storyAreas, DEFAULT_AREA } from '../../tools/basemap/areas.ts';

/** A pmtiles Source over bytes in memory. */
class BufferSource implements Source {
  constructor(private readonly bytes: Buffer) {}
  getKey() {
    return 'memory';
  }
  async getBytes(offset: number, length: number): Promise<RangeResponse> {
    const slice = this.bytes.subarray(offset, offset + length);
    return { data: slice.buffer.slice(slice.byteOffset, slice.byteOffset + slice.byteLength) as ArrayBuffer };
  }
}

/** gunzip into an ArrayBuffer of exactly the output (Node may hand back a view into a pool). */
const gunzip = async (buf: ArrayBuffer): Promise<ArrayBuffer> => {
  const out = gunzipSync(new Uint8Array(buf));
  return out.buffer.slice(out.byteOffset, out.byteOffset + out.byteLength) as ArrayBuffer;
};

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
