import { describe, it, expect } from 'vitest';
import { median, percentile, p95, pairedRatios, pairedRatio, intervals, totalBlockingTime } from '../../bench/lib/stats.ts';

describe('benchmark statistics', () => {
  it('takes the middle value as the median of an odd count', () => {
    expect(median([5, 1, 3])).toBe(3);
  });

  it('averages the two middle values as the median of an even count', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('gives NaN, not zero, for the median or a percentile of nothing', () => {
    expect(median([])).toBeNaN();
    expect(p95([])).toBeNaN();
  });

  it('interpolates percentiles between ranks like NumPy', () => {
    const xs = Array.from({ length: 101 }, (_, i) => i);
    expect(percentile(xs, 95)).toBe(95);
    expect(percentile([1, 2, 3, 4], 50)).toBe(2.5);
    expect(p95([10, 20])).toBeCloseTo(19.5);
    expect(percentile([7], 95)).toBe(7);
  });

  it('refuses a percentile outside 0..100', () => {
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });

  it('does not reorder the caller’s array', () => {
    const xs = [3, 1, 2];
    median(xs);
    expect(xs).toEqual([3, 1, 2]);
  });

  it('pairs runs by position and skips pairs with a missing side', () => {
    expect(pairedRatios([10, 20, null, 40], [5, 10, 10, 0])).toEqual([2, 2]);
  });

  it('quotes the median of per-pair ratios, not the ratio of medians', () => {
    const a = [100, 200, 300, 400, 500];
    const b = [50, 100, 100, 400, 100];
    // Per-pair ratios 2, 2, 3, 1, 5 → 2; the ratio of the medians would say 3.
    expect(pairedRatio(a, b)).toBe(2);
    expect(median(a) / median(b)).toBe(3);
  });

  it('turns timestamps into intervals', () => {
    expect(intervals([0, 16, 33, 50])).toEqual([16, 17, 17]);
    expect(intervals([5])).toEqual([]);
  });

  it('counts only the part of long tasks beyond 50 ms as blocking time', () => {
    const tasks = [
      { start: 0, duration: 40 },
      { start: 100, duration: 120 },
      { start: 400, duration: 60 },
      { start: 900, duration: 300 },
    ];
    expect(totalBlockingTime(tasks)).toBe(70 + 10 + 250);
    expect(totalBlockingTime(tasks, 0, 500)).toBe(80);
  });
});
