/**
 * The reader's filters as values, and the time ranges they and events cover. Apart from filter.ts
 * (the filtering and the search themselves), which the page loads with the story: a link's filters
 * are read, and the map drawn, before that.
 */
import type { StoryEvent } from './types.ts';
import { parseStoryDate } from './dates.ts';

export interface Filters {
  /** Start of the range, a story date at any precision (inclusive). */
  from: string | null;
  /** End of the range, a story date at any precision (inclusive: "2025-02" means to the end of February). */
  to: string | null;
  /** Categories to show; empty means all. */
  cats: readonly string[];
  q: string;
}

export const NO_FILTERS: Filters = { from: null, to: null, cats: [], q: '' };

export const isFiltering = (f: Filters): boolean => Boolean(f.from || f.to || f.cats.length || f.q.trim());

/** The range a filter covers, as [start, end) in ms since the epoch (open ends are infinite). */
export function filterSpan(f: Pick<Filters, 'from' | 'to'>): [number, number] {
  const from = f.from ? parseStoryDate(f.from) : null;
  const to = f.to ? parseStoryDate(f.to) : null;
  return [from ? from.start.getTime() : -Infinity, to ? to.end.getTime() : Infinity];
}

/** The span an event's date covers, honest to its precision. */
export function eventSpan(e: Pick<StoryEvent, 'date'>): [number, number] {
  const d = parseStoryDate(e.date);
  return d ? [d.start.getTime(), d.end.getTime()] : [NaN, NaN];
}

/** An event is in range when its span overlaps the range: "May 2024" is in a range of 7 May. */
export function inRange(e: Pick<StoryEvent, 'date'>, span: [number, number]): boolean {
  const [s, t] = eventSpan(e);
  return s < span[1] && t > span[0];
}
