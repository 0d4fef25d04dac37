/**
 * Story dates: ISO 8601 calendar dates at three precisions (YYYY, YYYY-MM, YYYY-MM-DD), read as
 * UTC spans. Shared by the validator and the timeline; no Node or DOM dependencies.
 */
import type { DatePrecision } from './types.ts';

/** YYYY, YYYY-MM or YYYY-MM-DD (shape only; `parseStoryDate` checks that the date is real). */
export const DATE_PATTERN = /^\d{4}(?:-\d{2}(?:-\d{2})?)?$/;
/** Local time HH:MM, 00:00–23:59. */
export const TIME_PATTERN = /^(?:[01]\d|2[0-3]):[0-5]\d$/;
/** UTC offset ±HH:MM, whole or quarter hours, up to 14 hours. */
export const UTC_OFFSET_PATTERN = /^[+-](?:0\d|1[0-4]):(?:00|15|30|45)$/;

export interface StoryDate {
  precision: DatePrecision;
  /** First instant of the span, UTC midnight. */
  start: Date;
  /** First instant after the span (exclusive), UTC midnight. */
  end: Date;
}

/** UTC midnight of a calendar day; month and day may overflow (Date arithmetic), years 0–99 stay as given. */
function utc(year: number, monthIndex: number, day: number): Date {
  const d = new Date(0);
  d.setUTCFullYear(year, monthIndex, day);
  return d;
}

/**
 * Parses "2025", "2025-02" or "2025-02-01" into the UTC span it covers: a year, a month or a day.
 * Returns null for anything else, including dates that do not exist (2025-02-30, 2025-13).
 */
export function parseStoryDate(s: unknown): StoryDate | null {
  if (typeof s !== 'string' || !DATE_PATTERN.test(s)) return null;
  const [y, m, d] = s.split('-').map(Number) as [number, number?, number?];
  if (m === undefined) return { precision: 'year', start: utc(y, 0, 1), end: utc(y + 1, 0, 1) };
  if (m < 1 || m > 12) return null;
  if (d === undefined) return { precision: 'month', start: utc(y, m - 1, 1), end: utc(y, m, 1) };
  const start = utc(y, m - 1, d);
  // A day that does not exist rolls over into the next month; catch it by reading it back.
  if (d < 1 || start.getUTCMonth() !== m - 1 || start.getUTCDate() !== d) return null;
  return { precision: 'day', start, end: utc(y, m - 1, d + 1) };
}
