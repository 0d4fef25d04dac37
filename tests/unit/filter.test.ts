import { describe, it, expect } from 'vitest';
import { fold, wordForms, SearchIndex, applyFilters, inRange, filterSpan, NO_FILTERS, type Filters } from '../../src/lib/story/filter.ts';
import { buildModel } from '../../src/lib/story/model.ts';
import type { StoryBundle } from '../../src/lib/story/types.ts';
import { readBundle, SEED_DIR } from './helpers/stories.ts';
import { generateSynthBundle } from '../../bench/lib/synth.ts';

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
    // Arabic: harakat and shadda, tatweel, alef forms, alef maqsura, teh marbuta, Persian letters, digits.
    ['الأَسْرَى', 'الاسري'],
    ['مُسِنًّا', 'مسنا'],
    ['غـــزة', 'غزه'],
    ['آخر إبعاد أسرى ٱلحرب', 'اخر ابعاد اسري الحرب'],
    ['کرم ابو سالم ی', 'كرم ابو سالم ي'],
    ['٣٢ أسيرًا و۱۸۳', '32 اسيرا و183'],
    // Hebrew: niqqud, final letters, geresh and gershayim (also typed as ASCII quotes).
    ['שָׁלוֹם', 'שלומ'],
    ['חאן יונס', 'חאנ יונס'],
    ['קית׳ סיגל', 'קית סיגל'],
    ["קית' סיגל", 'קית סיגל'],
    ['צה״ל', 'צהל'],
    ['צה"ל', 'צהל'],
    ['לחו"ל', 'לחול'],
    // Plain ASCII takes a short path that must agree with the long one.
    ["O'Neil said \"yes\" -- 4,500", 'oneil said yes 4 500'],
  ];
  for (const [input, out] of cases) it(`folds ${JSON.stringify(input)} to ${JSON.stringify(out)}`, () => expect(fold(input)).toBe(out));
});

describe('wordForms', () => {
  const cases: [string, string[]][] = [
    ['rafah', ['rafah']],
    ['وبالمستشفي', ['وبالمستشفي', 'بالمستشفي', 'المستشفي', 'مستشفي']],
    ['للمرضي', ['للمرضي', 'لمرضي', 'مرضي']],
    ['وحماس', ['وحماس', 'حماس']],
    ['غزه', ['غزه']],
    ['بغزه', ['بغزه', 'غزه']],
    ['בעזה', ['בעזה', 'עזה']],
    ['ובחאנ', ['ובחאנ', 'בחאנ', 'חאנ']],
    ['לצלב', ['לצלב', 'צלב']],
    // Never fewer than two letters left.
    ['בה', ['בה']],
    ['بي', ['بي']],
    ['وفي', ['وفي', 'في']],
  ];
  it.each(cases)('%s → %j', (word, forms) => expect(wordForms(word)).toEqual(forms));
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

  it('finds events by title and by summary', () => {
    // Siegel: the title of his handover, the summary of the captives reaching Israel.
    expect(index.search('Siegel')!.events).toEqual(new Set(['siegel-handover', 'captives-reach-israel']));
    expect(index.search('wheelchair')!.events).toEqual(new Set(['bus-from-ofer-to-ramallah']));
  });

  it('finds the same places and events for a place in any spelling or script', () => {
    const expected = index.search('Khan Younis')!;
    expect(expected.places).toEqual(new Set(['khan-younis']));
    for (const q of ['Khan Yunis', 'khan yunus', 'Khān Yūnis', 'خان يونس', 'خانْ يُونُس', 'חאן יונס']) {
      expect(index.search(q), q).toEqual(expected);
    }
    // The events whose text names it, and with them those at the place: Siegel's names it only
    // ("after the Khan Younis handover"), the detainees' only has it as a place.
    expect(expected.events).toEqual(new Set(['kalderon-bibas-handover', 'siegel-handover']));
    expect(run({ q: 'חאן יונס' }).events.map((e) => e.id)).toEqual(['siegel-handover', 'gaza-detainees-released', 'kalderon-bibas-handover']);
  });

  // Words of the Arabic and Hebrew translations, as a reader types them (often without the
  // prefixes the text writes on them, or with another one), and the events they must find.
  const translatedWords: [string, string[]][] = [
    ['الصليب الأحمر', ['kalderon-bibas-handover', 'siegel-handover']],
    ['صليب', ['kalderon-bibas-handover', 'siegel-handover']],
    ['كرسي متحرك', ['bus-from-ofer-to-ramallah']],
    ['الاعتقال الإداري', ['palestinians-in-israeli-prisons']],
    ['محاكمة', ['palestinians-in-israeli-prisons']],
    ['مسنا', ['bus-from-ofer-to-ramallah']],
    ['مستشفيات', ['hamas-attack-on-israel', 'patients-awaiting-evacuation']],
    ['زقوت', ['patients-awaiting-evacuation']],
    ['حماس', ['hamas-attack-on-israel', 'ceasefire-takes-effect', 'last-living-female-captives-freed', 'kalderon-bibas-handover']],
    ['הצלב האדום', ['kalderon-bibas-handover', 'siegel-handover']],
    ['כיסא גלגלים', ['bus-from-ofer-to-ramallah']],
    ['מעצר מנהלי', ['palestinians-in-israeli-prisons']],
    ['אלונקות', ['patients-cross-to-egypt']],
    ['חמאס', ['hamas-attack-on-israel', 'ceasefire-takes-effect', 'last-living-female-captives-freed', 'kalderon-bibas-handover']],
    ['קית׳ סיגל', ['siegel-handover']],
    ['זקות', ['patients-awaiting-evacuation']],
  ];
  it.each(translatedWords)('finds %s in the translated texts', (q, ids) => {
    expect(index.search(q)!.events).toEqual(new Set(ids));
  });

  it('finds an event by a word the Arabic or Hebrew text writes with a prefix', () => {
    // وحماس, بخان, بעזה…: the index holds each word without its prefixes too.
    expect(index.search('الإجلاء')!.events.has('patients-cross-to-egypt')).toBe(true);
    expect(index.search('עזה')!.events.has('gaza-detainees-released')).toBe(true);
    expect(index.search('כלא עופר')!.events.has('bus-from-ofer-to-ramallah')).toBe(true);
  });

  it('keeps the events of a found place and the place itself', () => {
    const r = run({ q: 'Khan Yunis' });
    // Siegel's handover took place in Gaza City; its summary names Khan Younis.
    expect(r.events.map((e) => e.id)).toEqual(['siegel-handover', 'gaza-detainees-released', 'kalderon-bibas-handover']);
    expect(r.places).toEqual(new Set(['khan-younis']));
  });

  it('narrows the places of a place search by the time range too', () => {
    expect(run({ q: 'khan', from: '2024', to: '2024' }).places).toEqual(new Set());
    // A search that names no place keeps the places of the events it finds.
    expect(run({ q: 'siegel' }).places).toEqual(new Set(['gaza-port', 'gaza-city', 'gaza-strip', 'israel']));
  });

  it('treats an empty or blank query as no search', () => {
    expect(index.search('  ')).toBeNull();
    expect(run({ q: '   ' }).events).toHaveLength(model.events.length);
  });

  it('finds the same after the index is sent as plain data (from the story worker) and taken again', () => {
    const { wire, transfer } = new SearchIndex(model).toWire();
    expect(transfer).toHaveLength(4);
    // What postMessage does to it, buffers moved rather than copied.
    const received = new SearchIndex(model, structuredClone(wire, { transfer }));
    for (const q of ['khan', 'Khan Younis', 'siegel', 'ram', 'wheelchair', 'الإجلاء', 'עזה', 'כלא עופר', 'gaza city', 'x']) {
      expect(received.search(q), q).toEqual(index.search(q));
    }
  });

  it('searches without an index handed in, building one', () => {
    for (const q of ['khan', 'siegel', 'nothing like it']) {
      expect(applyFilters(model, { ...NO_FILTERS, q }, null)).toEqual(run({ q }));
    }
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

describe('applyFilters with nothing filtered', () => {
  it('gives what a filter that lets everything through gives: every event in story order, the places with one, the counts', () => {
    const synth = buildModel(generateSynthBundle({ events: 3000, seed: 11 }) as StoryBundle);
    for (const m of [model, synth]) {
      const all = applyFilters(m, NO_FILTERS, null);
      // Every category ticked: the same events pass, by the general path.
      const ticked = applyFilters(m, { ...NO_FILTERS, cats: m.categories.map((c) => c.id) }, null);
      expect(all.events).toEqual(ticked.events);
      expect(all.events).toEqual(m.events);
      expect([...all.places].sort()).toEqual([...ticked.places].sort());
      expect(all.categoryCounts).toEqual(ticked.categoryCounts);
      // A copy: a consumer that reorders it cannot reorder the story.
      expect(all.events).not.toBe(m.events);
    }
  });
});
