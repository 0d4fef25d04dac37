/**
 * Writes a PMTiles v3 archive (https://github.com/protomaps/PMTiles/blob/main/spec/v3/spec.md):
 * one file holding every tile, read in the browser with HTTP range requests by the `pmtiles`
 * package's MapLibre protocol. Only what the basemap needs: MVT tiles, gzip-compressed tiles and
 * directories, identical tiles stored once, leaf directories when the root would not fit.
 */
import { gzipSync } from 'node:zlib';
import { zxyToTileId } from 'pmtiles';

export interface TileInput {
  z: number;
  x: number;
  y: number;
  /** Uncompressed MVT bytes. */
  data: Uint8Array;
}

export interface ArchiveOptions {
  minZoom: number;
  maxZoom: number;
  /** [west, south, east, north] in degrees. */
  bounds: [number, number, number, number];
  center: [number, number, number];
  metadata: Record<string, unknown>;
}

interface Entry {
  tileId: number;
  offset: number;
  length: number;
  runLength: number;
}

/** The root directory must fit, with the 127-byte header, in the 16 KiB a reader fetches first. */
const ROOT_BUDGET = 16_384 - 127;

function writeVarint(out: number[], value: number): void {
  let v = value;
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
}

/** Serialises a directory as the spec lays it out (columns of varints), gzip-compressed. */
export function serializeDirectory(entries: readonly Entry[]): Uint8Array {
  const out: number[] = [];
  writeVarint(out, entries.length);
  let last = 0;
  for (const e of entries) {
    writeVarint(out, e.tileId - last);
    last = e.tileId;
  }
  for (const e of entries) writeVarint(out, e.runLength);
  for (const e of entries) writeVarint(out, e.length);
  entries.forEach((e, i) => {
    const prev = entries[i - 1];
    writeVarint(out, prev && e.offset === prev.offset + prev.length ? 0 : e.offset + 1);
  });
  return gzipSync(Uint8Array.from(out), { level: 9 });
}

/** Splits entries into leaves until the root directory fits its budget. */
function buildDirectories(entries: Entry[]): { root: Uint8Array; leaves: Uint8Array } {
  const root = serializeDirectory(entries);
  if (root.length <= ROOT_BUDGET) return { root, leaves: new Uint8Array(0) };
  for (let leafSize = 4096; ; leafSize *= 2) {
    const rootEntries: Entry[] = [];
    const leafParts: Uint8Array[] = [];
    let offset = 0;
    for (let i = 0; i < entries.length; i += leafSize) {
      const chunk = entries.slice(i, i + leafSize);
      const bytes = serializeDirectory(chunk);
      rootEntries.push({ tileId: chunk[0]!.tileId, offset, length: bytes.length, runLength: 0 });
      leafParts.push(bytes);
      offset += bytes.length;
    }
    const rootBytes = serializeDirectory(rootEntries);
    if (rootBytes.length <= ROOT_BUDGET) return { root: rootBytes, leaves: Buffer.concat(leafParts) };
  }
}

function header(fields: {
  rootLength: number;
  metadataLength: number;
  leavesLength: number;
  dataLength: number;
  addressed: number;
  entries: number;
  contents: number;
  options: ArchiveOptions;
}): Buffer {
  const h = Buffer.alloc(127);
  h.write('PMTiles', 0, 'ascii');
  h.writeUInt8(3, 7);
  const rootOffset = 127;
  const metadataOffset = rootOffset + fields.rootLength;
  const leavesOffset = metadataOffset + fields.metadataLength;
  const dataOffset = leavesOffset + fields.leavesLength;
  const u64 = (value: number, at: number) => h.writeBigUInt64LE(BigInt(value), at);
  u64(rootOffset, 8);
  u64(fields.rootLength, 16);
  u64(metadataOffset, 24);
  u64(fields.metadataLength, 32);
  u64(leavesOffset, 40);
  u64(fields.leavesLength, 48);
  u64(dataOffset, 56);
  u64(fields.dataLength, 64);
  u64(fields.addressed, 72);
  u64(fields.entries, 80);
  u64(fields.contents, 88);
  h.writeUInt8(1, 96); // clustered: tile data is in tile-id order
  h.writeUInt8(2, 97); // internal compression: gzip
  h.writeUInt8(2, 98); // tile compression: gzip
  h.writeUInt8(1, 99); // tile type: MVT
  const { minZoom, maxZoom, bounds, center } = fields.options;
  h.writeUInt8(minZoom, 100);
  h.writeUInt8(maxZoom, 101);
  const e7 = (deg: number) => Math.round(deg * 1e7);
  h.writeInt32LE(e7(bounds[0]), 102);
  h.writeInt32LE(e7(bounds[1]), 106);
  h.writeInt32LE(e7(bounds[2]), 110);
  h.writeInt32LE(e7(bounds[3]), 114);
  h.writeUInt8(center[2], 118);
  h.writeInt32LE(e7(center[0]), 119);
  h.writeInt32LE(e7(center[1]), 123);
  return h;
}

/** Builds the archive bytes. Tiles whose (gzipped) bytes are equal are stored once. */
export function writeArchive(tiles: readonly TileInput[], options: ArchiveOptions): Buffer {
  const sorted = tiles
    .map((t) => ({ tileId: zxyToTileId(t.z, t.x, t.y), data: gzipSync(t.data, { level: 9 }) }))
    .sort((a, b) => a.tileId - b.tileId);
  const byContent = new Map<string, { offset: number; length: number }>();
  const parts: Uint8Array[] = [];
  const entries: Entry[] = [];
  let offset = 0;
  for (const t of sorted) {
    const key = t.data.toString('base64');
    let at = byContent.get(key);
    if (!at) {
      at = { offset, length: t.data.length };
      byContent.set(key, at);
      parts.push(t.data);
      offset += t.data.length;
    }
    const last = entries.at(-1);
    // A run: consecutive tile ids with the same content share one entry.
    if (last && last.offset === at.offset && last.tileId + last.runLength === t.tileId) last.runLength += 1;
    else entries.push({ tileId: t.tileId, offset: at.offset, length: at.length, runLength: 1 });
  }
  const { root, leaves } = buildDirectories(entries);
  const metadata = gzipSync(Buffer.from(JSON.stringify(options.metadata)), { level: 9 });
  const data = Buffer.concat(parts);
  return Buffer.concat([
    header({
      rootLength: root.length,
      metadataLength: metadata.length,
      leavesLength: leaves.length,
      dataLength: data.length,
      addressed: sorted.length,
      entries: entries.length,
      contents: byContent.size,
      options,
    }),
    root,
    metadata,
    leaves,
    data,
  ]);
}
