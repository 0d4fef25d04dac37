/**
 * The drafter's rules, one by one, with exact expectations: transliteration folding, persons and
 * organisations vs places, sites vs towns, relative dates and their precision. A small hand-made
 * gazetteer keeps these independent of the built one.
 */
import { describe, expect, it } from 'vitest';
import { fold, skeleton, isDemonymOf, similarity } from '../../src/lib/draft/fold.ts';
import { Gazetteer, type GazEntry } from '../../src/lib/draft/gazetteer.ts';
import { findPlaceNames, resolvePlaces } from '../../src/lib/draft/places.ts';
import { findDates, parsePublished } from '../../src/lib/draft/dates.ts';
import { draftStory, findFigures } from '../../src/lib/draft/draft.ts';
import { splitArticle, checkArticleText } from '../../src/lib/draft/text.ts';
import { validateBundle } from '../../src/lib/story/validate.ts';

const town = (key: string, name: string, lng: number, lat: number, population: number, country: string, aliases: string[] = []): GazEntry => ({
  key,
  source: 'geonames',
  name,
  aliases,
  lng,
  lat,
  kind: 'town',
  level: 'town',
  radiusM: 3000,
  country,
  population,
});
const ENTRIES: GazEntry[] = [
  town('g:khan', 'Khān Yūnis', 34.3064, 31.3462, 173183, 'PS'),
  town('g:beit', 'Bayt Ūnyā', 35.1667, 31.8889, 25000, 'PS', ['Beituniya']),
  town('g:rafah', 'Rafaḩ', 34.2436, 31.2972, 126305, 'PS'),
  town('g:gaza', 'Gaza', 34.4667, 31.5016, 410000, 'PS'),
  town('g:ramallah', 'Ramallah', 35.2042, 31.8996, 24599, 'PS'),
  town('g:ofer', 'Ofer', 35.0, 32.6, 1200, 'IL'),
  town('g:valencia-es', 'Valencia', -0.3774, 39.4698, 814208, 'ES'),
  town('g:valencia-ve', 'Valencia', -68.0077, 10.162, 1385224, 'VE'),
  town('g:kharkiv', 'Kharkiv', 36.2304, 49.9935, 1430885, 'UA'),
  town('g:siegel', 'Siegelsbach', 9.08, 49.27, 1600, 'DE'),
  { key: 'country:ES', source: 'country', name: 'Spain', aliases: [], lng: -3.6, lat: 40.2, kind: 'country', level: 'region', radiusM: 350000, country: 'ES', population: 0 },
  { key: 'country:IL', source: 'country', name: 'Israel', aliases: [], lng: 34.85, lat: 30.9, kind: 'country', level: 'region', radiusM: 70000, country: 'IL', population: 0 },
  { key: 'curated:s/ofer', source: 'curated', name: 'Ofer prison', aliases: ['Camp Ofer'], lng: 35.185, lat: 31.877, kind: 'prison', level: 'site', radiusM: 2000, population: 0, story: 's' },
];
const gaz = new Gazetteer(ENTRIES);
const sentences = (text: string) => splitArticle(`Headline\n${text}`).sentences.slice(1);
const placesIn = (text: string) => findPlaceNames(sentences(text), gaz).mentions.map((m) => m.text);
const resolvedIn = (text: string) => resolvePlaces(findPlaceNames(sentences(text), gaz).mentions);
const REF = parsePublished('2025-02-01')!;

describe('transliteration folding', () => {
  it('gives Khan Younis, Khan Yunis and Khan Yunes one skeleton', () => {
    expect(['Khan Younis', 'Khan Yunis', 'Khan Yunes', 'Khān Yūnis'].map((n) => skeleton(fold(n)))).toEqual(['khn ns', 'khn ns', 'khn ns', 'khn ns']);
  });
  it('gives Beitunia, Beituniya and Beitunya one skeleton', () => {
    expect(['Beitunia', 'Beituniya', 'Beitunya'].map((n) => skeleton(fold(n)))).toEqual(['btn', 'btn', 'btn']);
  });
  it('drops diacritics, apostrophes and leading Arabic articles', () => {
    expect(fold('Al-‘Arīsh')).toBe('arish');
    expect(fold('El Arish')).toBe('arish');
    expect(fold("Kup'yans'k")).toBe('kupyansk');
  });
  it('finds every spelling of Khan Younis and Beitunia in the gazetteer', () => {
    for (const n of ['Khan Younis', 'Khan Yunis', 'Khan Yunes']) expect(gaz.lookup(n).map((m) => m.entry.key)).toEqual(['g:khan']);
    for (const n of ['Beitunia', 'Beituniya', 'Beitunya']) expect(gaz.lookup(n).map((m) => m.entry.key)).toEqual(['g:beit']);
  });
  it('meets doubled digraphs and long vowels written double (Zaporizhzhia / Zaporizhia, Tartus / Tartouss)', () => {
    expect(skeleton(fold('Zaporizhzhia'))).toBe(skeleton(fold('Zaporizhia')));
    expect(skeleton(fold('Tartus'))).toBe(skeleton(fold('Tartouss')));
    expect(similarity('tartus', 'tartouss')).toBe(1);
    expect(similarity('defence', 'defiance')).toBeLessThan(0.8);
  });
  it('does not take a demonym for its country', () => {
    expect(isDemonymOf('israeli', 'israel')).toBe(true);
    expect(isDemonymOf('syrian', 'syria')).toBe(true);
    expect(placesIn('Israeli forces closed it.')).toEqual([]);
  });
});

describe('person or organisation vs place', () => {
  it('takes Ofer Kalderon for a person and Ofer prison for a place', () => {
    const text = 'Dual national Ofer Kalderon was freed. A bus left Ofer prison for Ramallah.';
    expect(placesIn(text)).toEqual(['Ofer prison', 'Ramallah']);
  });
  it('does not take Yarden Bibas, Keith Siegel, Red Cross or Hamas for places', () => {
    const text = 'Israeli citizen Yarden Bibas and Keith Siegel were handed over to the Red Cross in Khan Younis. Hamas said so.';
    const found = findPlaceNames(sentences(text), gaz);
    expect(found.mentions.map((m) => m.text)).toEqual(['Khan Younis']);
    expect(found.rejected.map((r) => [r.text, r.reason])).toEqual([
      ['Yarden Bibas', 'person'],
      ['Keith Siegel', 'person'],
      ['Red Cross', 'organisation'],
      ['Hamas', 'not in the gazetteer'],
    ]);
  });
  it('remembers a person, so a later bare surname or first name is not a place', () => {
    expect(placesIn('Captive Ofer Kalderon waved. Later Ofer smiled in Gaza.')).toEqual(['Gaza']);
  });
  it('takes a country that is also a first name for the country unless it opens a name', () => {
    expect(placesIn('Minister Israel Katz spoke. Rockets hit Israel.')).toEqual(['Israel']);
  });
  it('takes acronyms for organisations', () => {
    expect(placesIn('The RSF attacked Gaza.')).toEqual(['Gaza']);
  });
});

describe('site vs town', () => {
  it('makes "X prison" the prison, from the curated entry', () => {
    const [r] = resolvedIn('They left Ofer prison.');
    expect(r!.entry.key).toBe('curated:s/ofer');
    expect(r!.siteKind).toBeUndefined();
  });
  it('makes "X crossing" a site named after the town, at the town, flagged', () => {
    const [r] = resolvedIn('Patients left through the Rafah crossing.');
    expect([r!.texts[0], r!.entry.key, r!.siteKind]).toEqual(['Rafah crossing', 'g:rafah', 'crossing']);
  });
  it('makes "X region" a region around the town', () => {
    const [r] = resolvedIn('A missile hit the Kharkiv region.');
    expect([r!.texts[0], r!.entry.key, r!.siteKind]).toEqual(['Kharkiv region', 'g:kharkiv', 'region']);
  });
});

describe('resolution from context', () => {
  it('chooses Valencia in Spain when the article names Spain', () => {
    const [, valencia] = resolvedIn('Floods hit Spain. Valencia was cut off.');
    expect(valencia!.entry.key).toBe('g:valencia-es');
  });
  it('chooses the bigger Valencia without context', () => {
    expect(resolvedIn('Valencia was cut off.')[0]!.entry.key).toBe('g:valencia-ve');
  });
});

describe('dates', () => {
  const one = (text: string, ref = REF) => findDates(text, ref).map((d) => [d.date, d.precision]);
  it('reads "on Saturday" as the last Saturday on or before publication, at day precision', () => {
    expect(one('It happened on Saturday.')).toEqual([['2025-02-01', 'day']]);
    expect(one('It happened on Thursday.')).toEqual([['2025-01-30', 'day']]);
  });
  it('leaves "nine hours later" to the story\'s day rather than counting from publication', () => {
    expect(one('About nine hours later a second quake hit.')).toEqual([]);
  });
  it('reads "last May" as May of the year before, at month precision', () => {
    expect(one('The crossing closed last May.')).toEqual([['2024-05', 'month']]);
  });
  it('gives month and year precision where the text gives no day', () => {
    expect(one('It closed in May 2024.')).toEqual([['2024-05', 'month']]);
    expect(one('It was built in 2009.')).toEqual([['2009', 'year']]);
  });
  it('takes a day without a year in the past', () => {
    expect(one('The truce began on January 19.')).toEqual([['2025-01-19', 'day']]);
    expect(one('It opened on March 3.')).toEqual([['2024-03-03', 'day']]);
  });
  it('does not take durations for dates', () => {
    expect(one("In Israel's 15-month war, hospitals closed.")).toEqual([]);
    expect(one('They mourned for three days.')).toEqual([]);
    expect(one('After a siege of 18 months the city fell.')).toEqual([]);
  });
  it('flags "February11" and the weekday it contradicts, and takes the Saturday the typo hides', () => {
    const [d] = findDates('The crossing reopened on Saturday, February11, 2025, for patients.', REF);
    expect(d!.date).toBe('2025-02-01');
    expect(d!.notes).toHaveLength(2);
    expect(d!.notes[0]).toContain('February11');
    expect(d!.notes[1]).toContain('11 February 2025 was a Tuesday, not a Saturday');
  });
  it('rejects a --published that is not a real date', () => {
    expect(parsePublished('2025-02-30')).toBeUndefined();
    expect(parsePublished('yesterday')).toBeUndefined();
    expect(parsePublished('2025-02-01')?.toISOString()).toBe('2025-02-01T00:00:00.000Z');
  });
});

describe('figures', () => {
  it('reads the number, its qualifier and what it counts', () => {
    expect(findFigures('The process to free 183 Palestinian prisoners began; at least 73 of them had long terms.').map((f) => [f.value, f.qualifier, f.label])).toEqual([
      [183, 'exactly', 'Palestinian prisoners'],
    ]);
    expect(findFigures('More than 6,000 patients were ready, about 1.5 million people fled, 40% of homes fell.').map((f) => [f.value, f.qualifier, f.label])).toEqual([
      [6000, 'more than', 'patients'],
      [1_500_000, 'about', 'people'],
    ]);
  });
});

describe('the publication date, when none is given', () => {
  const now = new Date('2026-11-30T12:00:00Z');
  const published = (text: string) => draftStory(text, gaz, { now, id: 'test-draft' }).story.published;
  it('is the latest full date of the text, and relative dates are counted from it', () => {
    const d = draftStory('Talks\n\nThe talks opened on 3 March 2024.\n\nOn Saturday, 50 patients crossed from Khan Yunis to the Rafah crossing.\n', gaz, { now, id: 'test-draft' });
    expect(d.story.published.date).toBe('2024-03-03');
    expect(d.story.published.note).toContain('the latest full date in the text');
    // "On Saturday": the Saturday on or before 3 March 2024, not the one before today.
    expect(d.events.map((e) => e.date)).toContain('2024-03-02');
  });
  it('takes a full date the drafter had to correct, and says so, rather than today', () => {
    const p = published('Crossing\n\nThe crossing reopened on Saturday, February11, 2025, for patients.\n');
    expect(p.date).toBe('2025-02-01');
    expect(p.note).toContain('read with a correction');
    expect(p.note).toContain('February11');
  });
  it('is not told by a weekday or a day without its year, which are counted from it', () => {
    const p = published('Patients\n\nOn Saturday, 50 patients crossed.\n\nThe truce began on January 19.\n');
    expect(p.date).toBe('2026-11-30');
    expect(p.note).toContain('today');
  });
  it('is never a date after today', () => {
    expect(published('Plans\n\nThe talks opened on 3 March 2024. A summit is set for 9 June 2031.\n').date).toBe('2024-03-03');
  });
});

describe('the draft', () => {
  const article = 'Patients cross into Egypt\n\nOn Saturday, 50 patients crossed from Khan Yunis to the Rafah crossing.\n\nThe truce began on January 19.\n';
  const draft = draftStory(article, gaz, { published: REF, id: 'test-draft' });
  it('cites paragraphs as non-empty lines and gives roles for "from X to Y"', () => {
    const [e] = draft.events;
    expect([e!.date, e!.cite.paragraph, e!.places]).toEqual(['2025-02-01', 2, [{ id: 'khan-yunis', role: 'from' }, { id: 'rafah-crossing', role: 'to' }]]);
    expect(e!.figures?.map((f) => [f.value, f.label])).toEqual([[50, 'patients']]);
  });
  it('marks every guess with a review note and every title with a placeholder', () => {
    expect(draft.events.every((e) => e.title.startsWith('[placeholder]') && e.notes?.some((n) => n.kind === 'review'))).toBe(true);
    expect(draft.places.features.every((p) => p.properties.notes?.some((n) => n.kind === 'review'))).toBe(true);
  });
  it('is valid with warnings, each one a drafter mark', () => {
    const result = validateBundle(draft, { now: new Date('2026-01-01') });
    expect(result.errors).toEqual([]);
    expect(result.warnings.length).toBeGreaterThan(0);
    expect(result.warnings.every((w) => w.draft)).toBe(true);
  });
});

describe('bad article text', () => {
  it('says what is wrong with empty, binary and one-line texts', () => {
    expect(checkArticleText('  \n ')).toBe('the article is empty');
    expect(checkArticleText('abc\u0000def\nmore')).toMatch(/binary/);
    expect(checkArticleText('Only a headline')).toMatch(/no paragraphs/);
    expect(checkArticleText('Headline\nA paragraph.')).toBeUndefined();
  });
});
