import { describe, it, expect } from 'vitest';
import { ticks, lanes, timeOfDay } from '../../src/lib/ui/timeScale.ts';

const t = (iso: string) => Date.parse(iso);

describe('ticks', () => {
  it('labels quarters over two years, with the year on the first tick and on January', () => {
    expect(ticks(t('2023-06-01'), t('2025-03-01'), 600).map((k) => k.label)).toEqual(['Jul 2023', 'Oct', 'Jan 2024', 'Apr', 'Jul', 'Oct', 'Jan 2025']);
  });
  it('labels hours within a day, with the date on the first tick', () => {
    expect(ticks(t('2025-02-01T06:00Z'), t('2025-02-01T14:00Z'), 600).map((k) => k.label)).toEqual(['1 Feb 06:00', '09:00', '12:00']);
    expect(ticks(t('2025-02-01T06:00Z'), t('2025-02-01T14:00Z'), 800).map((k) => k.label)).toHaveLength(9);
  });
  it('keeps labels at least the asked distance apart', () => {
    const out = ticks(t('2020-01-01'), t('2026-01-01'), 300, 80);
    for (let i = 1; i < out.length; i++) expect(((out[i]!.t - out[i - 1]!.t) / (t('2026-01-01') - t('2020-01-01'))) * 300).toBeGreaterThanOrEqual(80 * 0.9);
  });
  it('returns nothing for an empty range or width', () => {
    expect(ticks(5, 5, 100)).toEqual([]);
    expect(ticks(0, 10, 0)).toEqual([]);
  });
});

describe('lanes', () => {
  it('puts overlapping marks in separate lanes and reuses freed ones', () => {
    expect(lanes([[0, 10], [5, 15], [12, 20], [30, 40]])).toEqual([0, 1, 0, 0]);
  });
  it('stacks at most maxLanes deep', () => {
    expect(lanes([[0, 10], [0, 10], [0, 10], [0, 10]], 2)).toEqual([0, 1, 1, 1]);
  });
});

it('places a local time within its day', () => {
  expect(timeOfDay('08:30')).toBe(8.5 * 3_600_000);
});
