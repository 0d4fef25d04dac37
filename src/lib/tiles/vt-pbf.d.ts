/** Types for vt-pbf 3 (the package ships none): the one function the story worker (tiles/clustered.ts) and the tiles CLI (tools/tiles.ts, through tools/tsconfig.json) use. */
declare module 'vt-pbf' {
  interface TileLayerInput {
    features: { type: number; id?: number | string | undefined; geometry: unknown; tags: Record<string, unknown> }[];
  }
  const vtpbf: {
    fromGeojsonVt(layers: Record<string, TileLayerInput>, options?: { version?: number; extent?: number }): Uint8Array;
  };
  export default vtpbf;
}
