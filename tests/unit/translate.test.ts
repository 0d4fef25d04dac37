import { describe, it, expect } from 'vitest';
import { eventTitle, eventSummary, storyTitle, storyText, primaryLanguage, type Localized } from '../../src/lib/story/translate.ts';
import type { StoryEvent, StoryMeta } from '../../src/lib/story/types.ts';
import { readBundle, SEED_DIR } from './helpers/stories.ts';

const event = (translations?: StoryEvent['translations']): StoryEvent => ({
  id: 'bus',
  date: '2025-02-01',
  title: 'Bus leaves Ofer',
  summary: 'Freed prisoners ride to Ramallah.',
  category: 'prisoner-release',
  places: [{ id: 'ofer', role: 'from' }],
  cite: { paragraph: 1 },
  ...(translations ? { translations } : {}),
});

const full = event({
  ar: { title: 'حافلة تغادر عوفر', summary: 'أسرى محررون إلى رام الله.' },
  he: { title: 'אוטובוס יוצא מעופר' },
  'ar-EG': { title: 'أوتوبيس من عوفر' },
  'zh-Hant': { title: '巴士離開奧佛' },
});

const own = (text: string): Localized => ({ text, lang: 'en', translated: true });
const untranslated = (text: string): Localized => ({ text, lang: 'en', translated: false });

describe('eventTitle and eventSummary', () => {
  const cases: [string, StoryEvent, 'title' | 'summary', string, Localized][] = [
    ['the story language gives the own text', full, 'title', 'en', own('Bus leaves Ofer')],
    ['a variety of the story language gives the own text', full, 'title', 'en-GB', own('Bus leaves Ofer')],
    ['the story language in another case gives the own text', full, 'title', 'EN', own('Bus leaves Ofer')],
    ['a carried language gives its translation', full, 'title', 'ar', { text: 'حافلة تغادر عوفر', lang: 'ar', translated: true }],
    ['an exact variety wins over the bare language', full, 'title', 'ar-EG', { text: 'أوتوبيس من عوفر', lang: 'ar-EG', translated: true }],
    ['a tag in another case still matches exactly', full, 'title', 'AR-eg', { text: 'أوتوبيس من عوفر', lang: 'ar-EG', translated: true }],
    ['an uncarried variety falls back to its language', full, 'title', 'ar-SA', { text: 'حافلة تغادر عوفر', lang: 'ar', translated: true }],
    ['a variety the story lacks falls back to its language for the summary too', full, 'summary', 'ar-EG', { text: 'أسرى محررون إلى رام الله.', lang: 'ar', translated: true }],
    ['a language with the title only leaves the summary untranslated', full, 'summary', 'he', untranslated('Freed prisoners ride to Ramallah.')],
    ['Hebrew with a region finds Hebrew', full, 'title', 'he-IL', { text: 'אוטובוס יוצא מעופר', lang: 'he', translated: true }],
    ['the bare language finds its only variety', event({ 'ar-EG': { title: 'أوتوبيس' } }), 'title', 'ar', { text: 'أوتوبيس', lang: 'ar-EG', translated: true }],
    ['a script variety is found by its full tag', full, 'title', 'zh-Hant', { text: '巴士離開奧佛', lang: 'zh-Hant', translated: true }],
    ['a language the story does not carry is untranslated', full, 'title', 'fr', untranslated('Bus leaves Ofer')],
    ['an event without translations is untranslated in another language', event(), 'title', 'ar', untranslated('Bus leaves Ofer')],
    ['an event without translations is itself in its own language', event(), 'summary', 'en', own('Freed prisoners ride to Ramallah.')],
    ['no language asked gives the own text', full, 'title', '', own('Bus leaves Ofer')],
    ['a blank translation (unvalidated data) is passed over', event({ ar: { title: '  ' } }), 'title', 'ar', untranslated('Bus leaves Ofer')],
    ['a tag naming an Object property finds nothing', full, 'title', 'constructor', untranslated('Bus leaves Ofer')],
    ['"__proto__" finds nothing', full, 'title', '__proto__', untranslated('Bus leaves Ofer')],
  ];
  it.each(cases)('%s', (_, ev, field, lang, expected) => {
    const got = field === 'title' ? eventTitle(ev, lang, 'en') : eventSummary(ev, lang, 'en');
    expect(got).toEqual(expected);
  });

  it('reports the story language as written when it falls back', () => {
    expect(eventTitle(event(), 'ar', 'en-GB')).toEqual({ text: 'Bus leaves Ofer', lang: 'en-GB', translated: false });
  });

  it('never gives a translation into the story language over the story text', () => {
    expect(eventTitle(event({ en: { title: 'Another title' } }), 'en', 'en').text).toBe('Bus leaves Ofer');
  });
});

describe('storyTitle', () => {
  const meta: StoryMeta = {
    id: 'rafah',
    title: 'Rafah reopens',
    language: 'en',
    published: { date: '2025-02-01' },
    paragraphs: 3,
    translations: { ar: { title: 'معبر رفح يفتح' }, he: { title: 'מעבר רפיח נפתח' } },
  };
  const cases: [string, StoryMeta, string, Localized][] = [
    ['in Arabic', meta, 'ar', { text: 'معبر رفح يفتح', lang: 'ar', translated: true }],
    ['in Hebrew from a regional tag', meta, 'he-IL', { text: 'מעבר רפיח נפתח', lang: 'he', translated: true }],
    ['in English, the story language', meta, 'en-US', own('Rafah reopens')],
    ['in French, untranslated', meta, 'fr', untranslated('Rafah reopens')],
    ['without translations, untranslated', { ...meta, translations: undefined }, 'ar', untranslated('Rafah reopens')],
  ];
  it.each(cases)('%s', (_, m, lang, expected) => expect(storyTitle(m, lang)).toEqual(expected));
});

describe('primaryLanguage', () => {
  it.each([
    ['ar-EG', 'ar'],
    ['HE', 'he'],
    ['zh-Hant-TW', 'zh'],
    ['en', 'en'],
  ])('%s → %s', (tag, primary) => expect(primaryLanguage(tag)).toBe(primary));
});

describe('the seed story', () => {
  const seed = readBundle(SEED_DIR) as { story: StoryMeta; events: StoryEvent[] };
  const script = { ar: /\p{Script=Arabic}/u, he: /\p{Script=Hebrew}/u };

  /** Every story text a reader sees, in `lang`, with the English it stands for. */
  const shown = (lang: string): [string, Localized][] => [
    [seed.story.title, storyTitle(seed.story, lang)],
    ...(seed.story.source ? [[seed.story.source.name, storyText(seed.story.source, 'name', lang, 'en')] as [string, Localized]] : []),
    ...seed.events.flatMap((e) => {
      const notes = [...(e.notes ?? []), ...(e.figures ?? []).flatMap((f) => f.notes ?? [])];
      return [
        [e.title, eventTitle(e, lang, 'en')],
        [e.summary, eventSummary(e, lang, 'en')],
        ...(e.figures ?? []).map((f) => [f.label, storyText(f, 'label', lang, 'en')]),
        ...notes.flatMap((n) => [[n.text, storyText(n, 'text', lang, 'en')], ...(n.source ? [[n.source, storyText(n, 'source', lang, 'en')]] : [])]),
      ] as [string, Localized][];
    }),
  ];

  it.each(['ar', 'he'] as const)('reads fully in %s: its title, its source, and every event\'s title, summary, figures and notes', (lang) => {
    const texts = shown(lang);
    expect(texts.length).toBeGreaterThan(1 + 2 * seed.events.length);
    for (const [, t] of texts) {
      expect(t, t.text).toMatchObject({ lang, translated: true });
      expect(t.text).toMatch(script[lang]);
    }
  });

  it('keeps every number of the English texts in the translations', () => {
    const numbers = (text: string) => (text.replace(/(\d),(\d)/g, '$1$2').match(/\d+/g) ?? []).sort();
    for (const lang of ['ar', 'he']) {
      for (const [english, t] of shown(lang)) expect(numbers(t.text), `${english} in ${lang}`).toEqual(numbers(english));
    }
  });
});
