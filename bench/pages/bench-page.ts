/**
 * What every benchmark baseline page reports to the runner: the moment it is ready (ms since
 * navigation start) and, for MapLibre pages, its map. Kept tiny so it costs the pages nothing.
 */
/** The places source id: the app's own (src/lib/map/layers.ts), which the runner looks for. */
export const PLACES_SOURCE = 'atlas-places';

export interface BenchPageState {
  ready?: number;
  error?: string;
  /** What was drawn: places (and clusters) count, for the report's sanity checks. */
  points?: number;
}

export function benchState(): BenchPageState {
  const w = window as unknown as { __bench?: BenchPageState };
  return (w.__bench ??= {});
}

export function markReady(points?: number): void {
  const s = benchState();
  if (s.ready === undefined) {
    s.ready = performance.now();
    if (points !== undefined) s.points = points;
  }
}

export function markError(err: unknown): void {
  benchState().error = String(err);
}

/** Query parameters: `data` (bundle URL), `tiles` (manifest URL), `cluster=1`, `bounds=w,s,e,n`. */
export function pageParams(): { data: string | null; tiles: string | null; cluster: boolean; bounds: [number, number, number, number] | null } {
  const q = new URLSearchParams(location.search);
  const b = q.get('bounds')?.split(',').map(Number);
  return {
    data: q.get('data'),
    tiles: q.get('tiles'),
    cluster: q.get('cluster') === '1',
    bounds: b && b.length === 4 && b.every(Number.isFinite) ? (b as [number, number, number, number]) : null,
  };
}
