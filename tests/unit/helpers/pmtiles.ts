/** Reading a PMTiles archive from disk or memory in Node tests (the `pmtiles` package's reader). */
import { gunzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { PMTiles, type RangeResponse, type Source } from 'pmtiles';
import { VectorTile, type VectorTileLayer } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';

/** A pmtiles Source over bytes in memory. */
export class BufferSource implements Source {
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
export const gunzip = async (buf: ArrayBuffer): Promise<ArrayBuffer> => {
  const out = gunzipSync(new Uint8Array(buf));
  return out.buffer.slice(out.byteOffset, out.byteOffset + out.byteLength) as ArrayBuffer;
};

export const openArchive = (file: string): PMTiles => new PMTiles(new BufferSource(readFileSync(file)), undefined, gunzip);

/** One layer of the tile z/x/y, or undefined when the archive has no such tile or layer. */
export async function readLayer(archive: PMTiles, z: number, x: number, y: number, layer: string): Promise<VectorTileLayer | undefined> {
  const got = await archive.getZxy(z, x, y);
  if (!got) return undefined;
  return new VectorTile(new PbfReader(new Uint8Array(got.data))).layers[layer];
}
