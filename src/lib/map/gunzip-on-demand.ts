/**
 * What the PMTiles reader gets when it imports fflate (vite.config.ts redirects that one import
 * here). PMTiles gunzips with the browser's DecompressionStream and calls fflate's decompressSync
 * only where there is none (browsers before 2023); it awaits the result, so a promise does. fflate
 * is therefore fetched only by such a browser, on its first gzipped tile, instead of being
 * downloaded by every reader before the map can draw.
 */
export function decompressSync(data: Uint8Array): Promise<Uint8Array> {
  return import('fflate').then((fflate) => fflate.decompressSync(data));
}
