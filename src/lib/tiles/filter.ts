/**
 * The reader's filters as a MapLibre expression over pre-built tile features (places and
 * clusters): categories through the tiles' category bitmask `c`, the time range through `t0`/`t1`
 * (the days a feature's events cover). A tile cannot answer the text search; that narrows the lists
 * only. Pure: no map needed, so it is unit-tested against MapLibre's own expression evaluator.
 *
 * A cluster passes when any of its places might: its bitmask and span are those of all its places,
 * so a cluster is hidden only when none of its places has a matching event.
 */
import type { ExpressionSpecification } from 'maplibre-gl';
import { filterSpan, type Filters } from '../story/filter.ts';
import { DAY_MS, categoryBit } from './format.ts';

const num = (key: string): ExpressionSpecification => ['to-number', ['get', key], 0];

/** Whether bit `bit` (a power of two) is set in the feature's `c`; MapLibre has no bitwise AND. */
const hasBit = (bit: number): ExpressionSpecification => ['==', ['%', ['floor', ['/', num('c'), bit]], 2], 1];

/** The expression a tile feature must pass, or null when the filters do not narrow the tiles. */
export function tileFilter(filters: Pick<Filters, 'from' | 'to' | 'cats'>, categories: readonly string[]): ExpressionSpecification | null {
  const parts: ExpressionSpecification[] = [];
  if (filters.cats.length) {
    const bits = [...new Set(filters.cats.map((id) => categories.indexOf(id)).filter((i) => i >= 0).map(categoryBit))];
    // Categories the tiles do not know have no events: nothing passes.
    parts.push(bits.length ? ['any', ...bits.map(hasBit)] : ['literal', false]);
  }
  const [start, end] = filterSpan(filters);
  if (Number.isFinite(start)) parts.push(['>', num('t1'), Math.floor(start / DAY_MS)]);
  if (Number.isFinite(end)) parts.push(['<', num('t0'), Math.ceil(end / DAY_MS)]);
  if (parts.length === 0) return null;
  return parts.length === 1 ? parts[0]! : ['all', ...parts];
}
