/**
 * Statistics for benchmark figures: medians, percentiles and paired ratios. Pure functions; every
 * one ignores nothing and guesses nothing: an empty input gives NaN, which the report prints as
 * "n/a" rather than a made-up number.
 */

/** Sorted copy (ascending, numeric). */
function sorted(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

/** The median; the mean of the two middle values for an even count; NaN when empty. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const s = sorted(values);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/**
 * The p-th percentile (0–100) by linear interpolation between closest ranks (the method of
 * NumPy's default and of spreadsheet PERCENTILE.INC); NaN when empty.
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  if (!(p >= 0 && p <= 100)) throw new RangeError('p must be within 0..100');
  const s = sorted(values);
  const rank = (p / 100) * (s.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  const a = s[lo] as number;
  const b = s[hi] as number;
  return a + (b - a) * (rank - lo);
}

export const p95 = (values: readonly number[]): number => percentile(values, 95);

/**
 * Per-pair ratios a[i] / b[i] of runs made in alternation (A B A B …), so slow phases of a noisy
 * machine hit both sides of a pair. Pairs where either side is missing or b is 0 are dropped.
 */
export function pairedRatios(a: readonly (number | null | undefined)[], b: readonly (number | null | undefined)[]): number[] {
  const out: number[] = [];
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i];
    const y = b[i];
    if (x == null || y == null || !Number.isFinite(x) || !Number.isFinite(y) || y === 0) continue;
    out.push(x / y);
  }
  return out;
}

/** The median of per-pair ratios: how many times larger A is than B, robust to drifting load. */
export function pairedRatio(a: readonly (number | null | undefined)[], b: readonly (number | null | undefined)[]): number {
  return median(pairedRatios(a, b));
}

/** Successive differences of increasing timestamps (e.g. rAF times → frame intervals). */
export function intervals(timestamps: readonly number[]): number[] {
  const out: number[] = [];
  for (let i = 1; i < timestamps.length; i++) out.push((timestamps[i] as number) - (timestamps[i - 1] as number));
  return out;
}

/**
 * Total blocking time of long tasks (ms): the part of each task beyond 50 ms, as Lighthouse
 * counts it, for tasks that start within [from, to].
 */
export function totalBlockingTime(tasks: readonly { start: number; duration: number }[], from = 0, to = Infinity): number {
  let sum = 0;
  for (const t of tasks) if (t.start >= from && t.start <= to && t.duration > 50) sum += t.duration - 50;
  return sum;
}
