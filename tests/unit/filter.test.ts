import { describe, it, expect } from 'vitest';
import { fold, SearchIndex, applyFilters, inRange, filterSpan, NO_FILTERS, type Filters } from '../../src/lib/story/filter.ts';
import { buildModel } from '../../src/lib/story/model.ts';
import type { StoryBundle } from '../../src/lib/story/types.ts';
import { readBundle, SEED_DIR } from './helpers/stories.ts';

const model = buildModel(readBundle(SEED_DIR) as StoryBundle);
const index = new SearchIndex(model);
const run = (f: Partial<Filters>) => applyFilters(model, { ...NO_FILTERS, ...f }, index);

describe('fold', () => {
  const cases: [string, string][] = [
    ['Khān Yūnis', 'khan yunis'],
    ['Rafaḩ', 'rafah'],
    ['Giv’at Ze’ev', 'givat zeev'],
    ['خانْ يُونُس', 'خان يونس'],
    ['إسرائيل', 'اسراييل'],
    ['غزة', 'غزه'],
    ['ק\u05b4ר\u05b0י\u05b8ה', 'קריה'],
    ['Zero\u200bWidth \u202eRTL', 'zerowidth rtl'],
    ['  Gaza—City!! ', 'gaza city'],
  ];
  for (const [input, out] of cases) it(`folds ${JSON.stringify(input)} to ${JSON.stringify(out)}`, () => expect(fold(input)).toBe(out));
});

describe('search', () => {
  it('finds Khan Younis by its English name, another spelling and its Arabic name', () => {
    for (const q of ['Khan Younis', 'khan yunis', 'Khān Yūnis', 'خان يونس', 'خان']) {
      expect(index.search(q)?.places.has('khan-younis'), q).toBe(true);
    }
  });

  it('matches words by prefix and needs every word', () => {
    expect([...index.search('ram')!.places]).toEqual(['ramallah']);
    expect(index.search('khan ramallah')!.places.size).toBe(0);
  });

  it('finds events by title', () => {
    expect(index.search('Siegel')!.events).toEqual(new Set(['siegel-handover']));
  });

  it('keeps the events of a found place and the place itself', () => {
    const r = run({ q: 'Khan Yunis' });
    expect(r.events.map((e) => e.id)).toEqual(['gaza-detainees-released', 'kalderon-bibas-handover']);
    expect(r.places).toEqual(new Set(['khan-younis']));
  });

  it('narrows the places of a place search by the time range too', () => {
    expect(run({ q: 'khan', from: '2024', to: '2024' }).places).toEqual(new Set());
    expect(run({ q: 'siegel' }).places).toEqual(new Set(['gaza-port', 'gaza-city']));
  });

  it('treats an empty or blank query as no search', () => {
    expect(index.search('  ')).toBeNull();
    expect(run({ q: '   ' }).events).toHaveLength(model.events.length);
  });
});

describe('time range', () => {
  it('keeps a month-precision event when the range touches that month', () => {
    const span = filterSpan({ from: '2024-05-20', to: '2024-05-20' });
    expect(inRange({ date: '2024-05' }, span)).toBe(true);
    expect(inRange({ date: '2024-05-07' }, span)).toBe(false);
  });

  it('reads the end of a range as the end of its day, month or year', () => {
    expect(inRange({ date: '2025-02-01' }, filterSpan({ from: null, to: '2025-02' }))).toBe(true);
    expect(inRange({ date: '2025-03-01' }, filterSpan({ from: null, to: '2025-02' }))).toBe(false);
    expect(inRange({ date: '2025-12-31' }, filterSpan({ from: '2025', to: '2025' }))).toBe(true);
  });

  it('keeps the day of the exchange and drops the context before it', () => {
    const r = run({ from: '2025-02-01', to: '2025-02-01' });
    expect(r.events.every((e) => e.date === '2025-02-01')).toBe(true);
    expect(r.events).toHaveLength(11);
    expect(r.places.has('ofer')).toBe(true);
    expect(r.places.has('el-arish')).toBe(true);
  });

  it('keeps region-only events such as the ceasefire in the lists', () => {
    const r = run({ from: '2025-01-19', to: '2025-01-19' });
    expect(r.events.map((e) => e.id)).toContain('ceasefire-takes-effect');
    expect(r.places).toEqual(new Set(['gaza-strip']));
  });
});

describe('categories', () => {
  it('counts each category over the time and text filters, not over itself', () => {
    const r = run({ cats: ['ceasefire'] });
    expect(r.events.map((e) => e.id)).toEqual(['ceasefire-takes-effect']);
    expect(r.categoryCounts.get('prisoner-release')).toBe(4);
    expect([...r.categoryCounts.values()].reduce((a, b) => a + b, 0)).toBe(model.events.length);
  });

  it('combines with a range', () => {
    const r = run({ cats: ['crossing-status', 'military-operation'], from: '2024', to: '2024' });
    expect(r.events.map((e) => e.id)).toEqual(['egypt-closes-its-side', 'israel-seizes-rafah-crossing']);
    expect(r.places).toEqual(new Set(['rafah', 'egypt']));
  });
});
