/**
 * Time-axis maths for the timeline: ticks at sensible calendar steps for any zoom, from decades
 * down to hours, and lanes so that marks overlapping in time do not hide each other. Pure.
 * Times are ms since the epoch, calendar fields in UTC (story dates are calendar dates).
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type Unit = { kind: 'hour' | 'day' | 'month' | 'year'; step: number; approx: number };

const UNITS: Unit[] = [
  { kind: 'hour', step: 1, approx: HOUR },
  { kind: 'hour', step: 3, approx: 3 * HOUR },
  { kind: 'hour', step: 6, approx: 6 * HOUR },
  { kind: 'hour', step: 12, approx: 12 * HOUR },
  { kind: 'day', step: 1, approx: DAY },
  { kind: 'day', step: 2, approx: 2 * DAY },
  { kind: 'day', step: 7, approx: 7 * DAY },
  { kind: 'month', step: 1, approx: 30.4 * DAY },
  { kind: 'month', step: 3, approx: 91 * DAY },
  { kind: 'month', step: 6, approx: 182 * DAY },
  { kind: 'year', step: 1, approx: 365 * DAY },
  { kind: 'year', step: 2, approx: 730 * DAY },
  { kind: 'year', step: 5, approx: 1826 * DAY },
  { kind: 'year', step: 10, approx: 3652 * DAY },
];

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export interface Tick {
  t: number;
  label: string;
}

function floorTo(t: number, u: Unit): Date {
  const d = new Date(t);
  if (u.kind === 'hour') return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), Math.floor(d.getUTCHours() / u.step) * u.step));
  if (u.kind === 'day') return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  if (u.kind === 'month') return new Date(Date.UTC(d.getUTCFullYear(), Math.floor(d.getUTCMonth() / u.step) * u.step, 1));
  return new Date(Date.UTC(Math.floor(d.getUTCFullYear() / u.step) * u.step, 0, 1));
}

function next(d: Date, u: Unit): Date {
  const n = new Date(d);
  if (u.kind === 'hour') n.setUTCHours(n.getUTCHours() + u.step);
  else if (u.kind === 'day') n.setUTCDate(n.getUTCDate() + u.step);
  else if (u.kind === 'month') n.setUTCMonth(n.getUTCMonth() + u.step);
  else n.setUTCFullYear(n.getUTCFullYear() + u.step);
  return n;
}

/**
 * How a tick is written: the calendar fields it shows (Intl names), given the instant. Without
 * one, English abbreviations ("1 Feb 2025", "Mar", "06:00").
 */
export type TickFormat = (d: Date, fields: Intl.DateTimeFormatOptions) => string;

function fieldsOf(d: Date, u: Unit, first: boolean): Intl.DateTimeFormatOptions {
  if (u.kind === 'hour') return d.getUTCHours() === 0 || first ? { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' } : { hour: '2-digit', minute: '2-digit' };
  if (u.kind === 'day') return d.getUTCDate() === 1 || first ? { day: 'numeric', month: 'short', year: 'numeric' } : { day: 'numeric', month: 'short' };
  if (u.kind === 'month') return d.getUTCMonth() === 0 || first ? { month: 'short', year: 'numeric' } : { month: 'short' };
  return { year: 'numeric' };
}

function label(d: Date, u: Unit, first: boolean): string {
  const day = d.getUTCDate();
  const month = MONTHS[d.getUTCMonth()]!;
  const year = d.getUTCFullYear();
  if (u.kind === 'hour') {
    const hh = String(d.getUTCHours()).padStart(2, '0');
    return d.getUTCHours() === 0 || first ? `${day} ${month} ${hh}:00` : `${hh}:00`;
  }
  if (u.kind === 'day') return day === 1 || first ? `${day} ${month} ${year}` : `${day} ${month}`;
  if (u.kind === 'month') return d.getUTCMonth() === 0 || first ? `${month} ${year}` : month;
  return String(year);
}

/** Ticks for the range [t0, t1] that leave at least `minGap` pixels between labels on `width`. */
export function ticks(t0: number, t1: number, width: number, minGap = 80, format?: TickFormat): Tick[] {
  const span = t1 - t0;
  if (!(span > 0) || !(width > 0)) return [];
  const unit = UNITS.find((u) => (u.approx / span) * width >= minGap) ?? UNITS[UNITS.length - 1]!;
  const out: Tick[] = [];
  for (let d = floorTo(t0, unit); d.getTime() <= t1 && out.length < 200; d = next(d, unit)) {
    if (d.getTime() >= t0) {
      const first = out.length === 0;
      out.push({ t: d.getTime(), label: format ? format(d, fieldsOf(d, unit, first)) : label(d, unit, first) });
    }
  }
  return out;
}

/**
 * Assigns each [x0, x1] pixel extent (in the given order, sorted by x0) the lowest lane whose
 * previous mark ends before it starts; past `maxLanes`, marks share the last lane.
 */
export function lanes(extents: readonly [number, number][], maxLanes = 4, gap = 2): number[] {
  const ends: number[] = [];
  return extents.map(([x0, x1]) => {
    let lane = ends.findIndex((end) => end + gap <= x0);
    if (lane < 0) lane = ends.length < maxLanes ? ends.length : maxLanes - 1;
    ends[lane] = Math.max(ends[lane] ?? -Infinity, x1);
    return lane;
  });
}

/** Milliseconds after UTC midnight of a local "HH:MM" time, placed within its day. */
export function timeOfDay(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return ((h ?? 0) * 60 + (m ?? 0)) * 60_000;
}

export const MS_DAY = DAY;
