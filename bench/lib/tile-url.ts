/**
 * What the worker-clustered tiles page (bench/pages/worker-tiles.ts) needs on its main thread, kept
 * apart from cluster-tiles.ts so the page does not download supercluster and vt-pbf.
 */

/** The app's places source maxzoom (a GeoJSON source's default), which the clustered tiles go to. */
export { SOURCE_MAXZOOM } from '../../src/lib/story/map-places.ts';

/** z, x and y of a `scheme://z/x/y` tile URL, or null when the URL is not one (or is out of range). */
export function parseTileUrl(url: string, scheme: string): { z: number; x: number; y: number } | null {
  const m = new RegExp(`^${scheme}://(\\d{1,2})/(\\d+)/(\\d+)$`).exec(url);
  if (!m) return null;
  const [z, x, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const n = 2 ** z;
  return z <= 30 && x < n && y < n ? { z, x, y } : null;
}
