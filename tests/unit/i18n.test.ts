import { describe, it, expect, vi } from 'vitest';
import { define, kindName, setLanguage, locale, t } from '../../src/lib/i18n/i18n.svelte.ts';
import { categoryName } from '../../src/lib/i18n/msgs-panel.ts';
import { EN as MAIN } from '../../src/lib/i18n/en.ts';
import { EN_PANEL_PARTS } from '../../src/lib/i18n/en-panel.ts';
import { EN_SHARE } from '../../src/lib/i18n/en-share.ts';
import { EN_POPUP } from '../../src/lib/i18n/en-popup.ts';
import { EN_TIMELINE } from '../../src/lib/i18n/en-timeline.ts';
import { EN_VOCAB } from '../../src/lib/i18n/en-vocab.ts';
import { STANDARD_CATEGORIES } from '../../src/lib/story/categories.ts';
import { labelOf } from '../../src/lib/story/model.ts';
import ar from '../../src/lib/i18n/ar.json';
import he from '../../src/lib/i18n/he.json';
import { fill, pluralOf, formatStoryDate, formatNumber, formatTick, pickLanguage, intlLocale, languageIn } from '../../src/lib/i18n/lang.ts';
import { ticks } from '../../src/lib/ui/timeScale.ts';
import { parseHash } from '../../src/lib/url/hash.ts';

type Tree = Record<string, Record<string, unknown>>;
const EN = { ...MAIN, ...EN_PANEL_PARTS, ...EN_SHARE, ...EN_POPUP, ...EN_TIMELINE, ...EN_VOCAB };
const CATALOGUES: [string, Tree][] = [['ar', ar as Tree], ['he', he as Tree]];

describe('plural rules', () => {
  it('Arabic has six forms: 0, 1, 2, 3–10, 11–99 and 100 each pick their own', () => {
    const forms = [0, 1, 2, 3, 10, 11, 99, 100, 102].map((n) => pluralOf('ar', n));
    expect(forms).toEqual(['zero', 'one', 'two', 'few', 'few', 'many', 'many', 'other', 'other']);
  });

  it('Hebrew has one, two and other; English one and other', () => {
    expect([1, 2, 3, 10, 20].map((n) => pluralOf('he', n))).toEqual(['one', 'two', 'other', 'other', 'other']);
    expect([0, 1, 2].map((n) => pluralOf('en', n))).toEqual(['other', 'one', 'other']);
  });

  it('"1 event", "2 events" and "11 events" all read differently in Arabic', () => {
    const m = ar.panel.events;
    expect(fill('ar', m, { count: 0 })).toBe('لا أحداث');
    expect(fill('ar', m, { count: 1 })).toBe('حدث واحد');
    expect(fill('ar', m, { count: 2 })).toBe('حدثان');
    expect(fill('ar', m, { count: 3 })).toBe('3 أحداث');
    expect(fill('ar', m, { count: 11 })).toBe('11 حدثًا');
    expect(fill('ar', m, { count: 100 })).toBe('100 حدث');
  });

  it('Hebrew says "one event", "two events", then the number', () => {
    expect(fill('he', he.panel.events, { count: 1 })).toBe('אירוע אחד');
    expect(fill('he', he.panel.events, { count: 2 })).toBe('שני אירועים');
    expect(fill('he', he.panel.events, { count: 14 })).toBe('14 אירועים');
  });

  it('English counts with grouping, and a form the message lacks falls back to other', () => {
    expect(fill('en', EN.panel.events, { count: 1 })).toBe('1 event');
    expect(fill('en', EN.panel.events, { count: 12345 })).toBe('12,345 events');
    expect(fill('ar', { other: '{count} x' }, { count: 2 })).toBe('2 x');
  });

  it('values fill their slots; numbers take the language digits (Western in all three)', () => {
    expect(fill('ar', ar.detail.paragraph, { n: 12 })).toBe('الفقرة 12 من المقال');
    expect(formatNumber('ar', 1234567)).toBe('1,234,567');
    expect(formatNumber('he', 1234.5)).toBe('1,234.5');
    expect(intlLocale('ar')).toBe('ar-u-nu-latn');
  });
});

describe('dates', () => {
  const cases: [string, string, boolean, string][] = [
    ['en', '2025-02-01', false, '1 February 2025'],
    ['en', '2025-02-01', true, '1 Feb 2025'],
    ['en', '2024-05', false, 'May 2024'],
    ['en', '2023', false, '2023'],
    ['ar', '2025-02-01', false, '1 فبراير 2025'],
    ['ar', '2024-05', false, 'مايو 2024'],
    ['ar', '2023', false, '2023'],
    ['he', '2025-02-01', false, '1 בפברואר 2025'],
    ['he', '2024-05', false, 'מאי 2024'],
    ['he', '2023', false, '2023'],
  ];
  for (const [lang, date, short, out] of cases) {
    it(`${lang}: ${date}${short ? ' (short)' : ''} → ${out}`, () => expect(formatStoryDate(lang, date, short)).toBe(out));
  }

  it('a calendar date is never moved a day by the time zone (formatted in UTC)', () => {
    expect(formatStoryDate('he', '2025-01-01')).toBe('1 בינואר 2025');
    expect(formatStoryDate('ar', '2024-12-31')).toBe('31 ديسمبر 2024');
  });

  it('timeline ticks carry Arabic and Hebrew month names, and stay English without a format', () => {
    const t0 = Date.UTC(2025, 0, 1);
    const t1 = Date.UTC(2025, 5, 1);
    expect(ticks(t0, t1, 600).map((t) => t.label)).toEqual(['Jan 2025', 'Feb', 'Mar', 'Apr', 'May', 'Jun']);
    const arLabels = ticks(t0, t1, 600, 80, (d, f) => formatTick('ar', d, f)).map((t) => t.label);
    expect(arLabels[0]).toBe('يناير 2025');
    expect(arLabels[1]).toBe('فبراير');
    const heLabels = ticks(t0, t1, 600, 80, (d, f) => formatTick('he', d, f)).map((t) => t.label);
    expect(heLabels[1]).toBe('פבר׳');
    expect(heLabels.join(' ')).not.toMatch(/[A-Za-z]/);
  });

  it('names a language in the interface language', () => {
    expect(languageIn('ar', 'en')).toBe('الإنجليزية');
    expect(languageIn('he', 'en')).toBe('אנגלית');
  });
});

describe('link problems', () => {
  it('the English messages are the URL module’s own sentences, and Arabic ones replace them', () => {
    const en = (m: string) => (values: Record<string, string>) => fill('en', m, values);
    const english = { ...EN_VOCAB.link, tooLong: en(EN_VOCAB.link.tooLong), id: en(EN_VOCAB.link.id), date: en(EN_VOCAB.link.date) };
    expect(parseHash('#place=Bad&from=2025-13&map=x&cat=A,b&%E0%A4%A', english).problems).toEqual(parseHash('#place=Bad&from=2025-13&map=x&cat=A,b&%E0%A4%A').problems);
    const arabic = { ...ar.link, tooLong: (v: Record<string, string>) => fill('ar', ar.link.tooLong, v), id: (v: Record<string, string>) => fill('ar', ar.link.id, v), date: (v: Record<string, string>) => fill('ar', ar.link.date, v) };
    expect(parseHash('#event=Bad_ID', arabic).problems).toEqual(['معرّف «event» في الرابط غير صالح، فتم تجاهله.']);
  });
});

describe('the reader language', () => {
  it('is the first browser language we have, by primary subtag, else English', () => {
    expect(pickLanguage(['fr-FR', 'ar-EG', 'he'])).toBe('ar');
    expect(pickLanguage(['he-IL'])).toBe('he');
    expect(pickLanguage(['iw'])).toBe('he');
    expect(pickLanguage(['de', 'fr'])).toBe('en');
    expect(pickLanguage([])).toBe('en');
    expect(pickLanguage(undefined)).toBe('en');
  });
});

describe('the catalogues', () => {
  it('cover every standard category, whose English label is the story model’s own', () => {
    expect(Object.keys(EN_VOCAB.categories).sort()).toEqual([...STANDARD_CATEGORIES].sort());
    for (const [id, label] of Object.entries(EN_VOCAB.categories)) expect(labelOf(id)).toBe(label);
  });

  const forms = { ar: ['zero', 'one', 'two', 'few', 'many', 'other'], he: ['one', 'two', 'other'] } as Record<string, string[]>;
  for (const [lang, cat] of CATALOGUES) {
    it(`${lang} translates every English message and nothing else`, () => {
      for (const [part, messages] of Object.entries(EN)) {
        expect(Object.keys(cat[part] ?? {}).sort(), `${lang}.${part}`).toEqual(Object.keys(messages).sort());
      }
      expect(Object.keys(cat).sort()).toEqual(Object.keys(EN).sort());
    });

    it(`${lang} keeps every {value} of the English message, and has the language's plural forms`, () => {
      for (const [part, messages] of Object.entries(EN)) {
        for (const [key, en] of Object.entries(messages as Record<string, unknown>)) {
          const tr = cat[part]?.[key];
          const slots = (m: unknown) => new Set(JSON.stringify(m).match(/\{\w+\}/g) ?? []);
          for (const slot of slots(en)) if (slot !== '{count}') expect(slots(tr).has(slot), `${lang}.${part}.${key} ${slot}`).toBe(true);
          if (typeof en === 'object') {
            expect(typeof tr, `${lang}.${part}.${key}`).toBe('object');
            const have = Object.keys(tr as object);
            const needed = forms[lang]!.filter((f) => f !== 'zero');
            for (const f of needed) expect(have, `${lang}.${part}.${key}`).toContain(f);
          }
          // No interface text left in Latin letters, bar file formats and placeholders.
          const text = (typeof tr === 'string' ? [tr] : Object.values(tr as object)).join(' ').replace(/\{\w+\}|PNG|GeoJSON|CSV/g, '');
          expect(text, `${lang}.${part}.${key}`).not.toMatch(/[A-Za-z]/);
        }
      }
    });
  }
});

describe('the messages of the interface', () => {
  it('read like a plain object: by key, with `in` and Object.keys; English filled without any catalogue', () => {
    const part = define('test-part', { plain: 'Plain', one: { one: '{count} thing', other: '{count} things' }, value: 'At {n}' } as const);
    expect(part.plain).toBe('Plain');
    expect(part.one({ count: 1 })).toBe('1 thing');
    expect(part.one({ count: 1200 })).toBe('1,200 things');
    expect(part.value({ n: 'noon' })).toBe('At noon');
    expect(Object.keys(part)).toEqual(['plain', 'one', 'value']);
    expect('plain' in part).toBe(true);
    expect('missing' in part).toBe(false);
  });

  it('never take an inherited name for a message (a kind or category called "constructor" stays as written)', () => {
    expect(kindName(t.kinds, 'constructor')).toBe('constructor');
    expect(kindName(t.kinds, '__proto__')).toBe('__proto__');
    expect(categoryName([{ id: 'toString', label: 'Own label' }], 'toString', 'ar', 'en')).toBe('Own label');
  });

  it('name a story\'s own category in the reader\'s language where the story translates it', () => {
    const own = [{ id: 'handover', label: 'Handover', translations: { ar: { label: 'تسليم' } } }];
    expect(categoryName(own, 'handover', 'ar', 'en')).toBe('تسليم');
    expect(categoryName(own, 'handover', 'he', 'en')).toBe('Handover');
    expect(categoryName(own, 'handover', 'en', 'en')).toBe('Handover');
    expect(categoryName(own, 'unknown-id', 'ar', 'en')).toBe('unknown-id');
  });

  it('switch with the catalogue merged over the English (a part no catalogue has keeps its English); of two quick switches the later wins, whichever catalogue comes last', async () => {
    const extra = define('not-in-any-catalogue', { hello: 'Hello' });
    let releaseArabic = () => {};
    const arabicHeld = new Promise<void>((resolve) => (releaseArabic = resolve));
    const requested: string[] = [];
    vi.stubGlobal('fetch', async (url: string) => {
      requested.push(String(url));
      const arabic = /ar\.json/.test(String(url));
      if (arabic) await arabicHeld;
      return { ok: true, json: async () => structuredClone(arabic ? ar : he) };
    });
    try {
      const first = setLanguage('ar');
      const second = setLanguage('he');
      await second;
      releaseArabic();
      await first;
      expect(locale.current).toBe('he');
      expect(t.panel.eventsHeading).toBe(he.panel.eventsHeading);
      expect(extra.hello).toBe('Hello');
      expect(t.panel.events({ count: 2 })).toBe(fill('he', he.panel.events, { count: 2 }));
      // Kinds: English has none of its own (the story's word shows); the catalogue adds them.
      expect(Object.keys(t.kinds).length).toBeGreaterThan(0);
      await setLanguage('ar');
      expect(t.panel.eventsHeading).toBe(ar.panel.eventsHeading);
      await setLanguage('en');
      expect(locale.current).toBe('en');
      expect(t.panel.eventsHeading).toBe(MAIN.panel.eventsHeading);
      expect(Object.keys(t.kinds)).toEqual([]);
      // Each catalogue fetched once.
      expect(requested.map((u) => u.match(/(ar|he)\.json/)?.[1]).sort()).toEqual(['ar', 'he']);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
