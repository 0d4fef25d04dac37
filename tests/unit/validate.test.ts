import { describe, it, expect } from 'vitest';
import { validateBundle, validatePlaces, formatIssue, type Issue } from '../../src/lib/story/validate.ts';
import { seedWith, readBundle, place, event, HOSTILE_DIR, type LooseBundle } from './helpers/stories.ts';

const files = { story: 'geo/x/story.json', places: 'geo/x/places.geojson', events: 'geo/x/events.json' };
const now = new Date('2025-06-01T12:00:00Z');
const check = (bundle: unknown) => validateBundle(bundle, { now, files });
const errorsOf = (bundle: unknown) => check(bundle).errors.map(formatIssue);
const warningsOf = (bundle: unknown) => check(bundle).warnings.map(formatIssue);

/** Gives every text a reader sees a translation into `lang` (a word of its own, tagged with the language). */
function translateAll(b: LooseBundle, lang: string): void {
  const tr = <T extends { translations?: Record<string, Record<string, string>> }>(item: T, texts: Record<string, string>) =>
    (item.translations = { ...item.translations, [lang]: { ...item.translations?.[lang], ...texts } });
  tr(b.story, { title: `${lang} title` });
  if (b.story.source) tr(b.story.source, { name: `${lang} source` });
  for (const e of b.events) {
    tr(e, { title: `${lang} title`, summary: `${lang} summary` });
    for (const f of e.figures ?? []) {
      tr(f, { label: `${lang} label` });
      for (const n of f.notes ?? []) tr(n, { text: `${lang} note` });
    }
    for (const n of e.notes ?? []) tr(n, { text: `${lang} note` });
  }
}

/** Each rule: a sentence, a small change to the seed story, and the exact message(s) it must give. */
const rules: [string, (b: LooseBundle) => void, string[]][] = [
  // Shape (schema)
  [
    'a required field that is missing is named',
    (b) => delete event(b, 'siegel-handover').title,
    ['geo/x/events.json: event "siegel-handover" field title: is required'],
  ],
  [
    'a misspelt field is reported as unknown',
    (b) => (event(b, 'siegel-handover').sumary = 'x'),
    ['geo/x/events.json: event "siegel-handover" field sumary: unknown field (check its spelling)'],
  ],
  [
    'a value of the wrong type says what was expected',
    (b) => (place(b, 'rafah').properties.precision.radiusM = '500'),
    ['geo/x/places.geojson: place "rafah" field properties.precision.radiusM: expected number, got "500"'],
  ],
  [
    'a precision radius of zero is refused',
    (b) => (place(b, 'rafah').properties.precision.radiusM = 0),
    ['geo/x/places.geojson: place "rafah" field properties.precision.radiusM: must be more than 0 metres, got 0'],
  ],
  [
    'a geometry other than Point, Polygon or MultiPolygon is refused',
    (b) => (place(b, 'rafah').geometry = { type: 'LineString', coordinates: [[34, 31], [34.1, 31.1]] }),
    ['geo/x/places.geojson: place "rafah" field geometry.type: expected "Point" | "Polygon" | "MultiPolygon", got "LineString"'],
  ],
  [
    'an unknown note kind is refused',
    (b) => (event(b, 'rafah-crossing-reopens').notes[0].kind = 'opinion'),
    ['geo/x/events.json: event "rafah-crossing-reopens" field notes[0].kind: expected "correction" | "disputed" | "context" | "review", got "opinion"'],
  ],
  [
    'an empty summary is refused',
    (b) => (event(b, 'siegel-handover').summary = '  '),
    ['geo/x/events.json: event "siegel-handover" field summary: must not be empty'],
  ],
  [
    'a source URL that is not http(s) is refused',
    (b) => (b.story.source = { name: 'x', url: 'javascript:alert(1)' }),
    ['geo/x/story.json: field source.url: "javascript:alert(1)" is not an http(s) URL'],
  ],
  [
    'a story file holding an array is refused plainly',
    (b) => (b.story = []),
    ['geo/x/story.json: expected an object, got an array'],
  ],
  [
    'an events file that is not an array is refused',
    (b) => (b.events = { events: b.events }),
    ['geo/x/events.json: expected an array, got an object'],
  ],
  // Ids
  [
    'a place id that is not a slug is refused',
    (b) => {
      place(b, 'beitunia').id = 'Beitunia Town';
      event(b, 'bus-from-ofer-to-ramallah').places[2].id = 'Beitunia Town';
    },
    ['geo/x/places.geojson: place "Beitunia Town" field id: "Beitunia Town" is not a lowercase slug (a-z, 0-9, single hyphens, like "khan-younis")'],
  ],
  [
    'an event id that is not a slug is refused',
    (b) => (event(b, 'siegel-handover').id = 'siegel--handover'),
    ['geo/x/events.json: event "siegel--handover" field id: "siegel--handover" is not a lowercase slug (a-z, 0-9, single hyphens, like "khan-younis")'],
  ],
  [
    'a place without an id is located by its index',
    (b) => {
      delete place(b, 'beitunia').id;
      event(b, 'bus-from-ofer-to-ramallah').places.pop();
    },
    ['geo/x/places.geojson: field features[6].id: is required'],
  ],
  [
    'two places with the same id are refused',
    (b) => (place(b, 'beitunia').id = 'ramallah'),
    [
      'geo/x/places.geojson: place "ramallah" field id: duplicate id: the place at features[4] has it too',
      // The event that cited the renamed place now points nowhere: said too, in the other file.
      'geo/x/events.json: event "bus-from-ofer-to-ramallah" field places[2].id: place "beitunia" does not exist',
    ],
  ],
  [
    'two events with the same id are refused',
    (b) => (event(b, 'siegel-handover').id = 'kalderon-bibas-handover'),
    ['geo/x/events.json: event "kalderon-bibas-handover" field id: duplicate id: the event at [5] has it too'],
  ],
  // References
  [
    'an event citing a place that does not exist is refused',
    (b) => (event(b, 'bus-from-ofer-to-ramallah').places[1].id = 'ramallahh'),
    ['geo/x/events.json: event "bus-from-ofer-to-ramallah" field places[1].id: place "ramallahh" does not exist'],
  ],
  [
    'an event without places is refused',
    (b) => (event(b, 'siegel-handover').places = []),
    ['geo/x/events.json: event "siegel-handover" field places: an event needs at least one place'],
  ],
  // Coordinates
  [
    'a longitude beyond 180 is refused',
    (b) => (place(b, 'rafah').geometry.coordinates = [194.2592, 31.2486]),
    ['geo/x/places.geojson: place "rafah" field geometry.coordinates: longitude 194.2592 is out of range (-180 to 180)'],
  ],
  [
    'a latitude beyond 90 is refused',
    (b) => (place(b, 'rafah').geometry.coordinates = [134.2592, -131.2486]),
    ['geo/x/places.geojson: place "rafah" field geometry.coordinates: latitude -131.2486 is out of range (-90 to 90)'],
  ],
  [
    'a polygon position out of range is located',
    (b) => (place(b, 'gaza-strip').geometry.coordinates[0][3] = [34.4, 131.4]),
    ['geo/x/places.geojson: place "gaza-strip" field geometry.coordinates[0][3]: latitude 131.4 is out of range (-90 to 90)'],
  ],
  [
    'a polygon ring that is not closed is refused',
    (b) => place(b, 'gaza-strip').geometry.coordinates[0].pop(),
    ['geo/x/places.geojson: place "gaza-strip" field geometry.coordinates[0]: ring is not closed: its last position must repeat the first'],
  ],
  [
    'a latitude beyond 90 whose swap is valid is reported as swapped',
    (b) => (place(b, 'rafah').geometry.coordinates = [31.2486, 134.2592]),
    ['geo/x/places.geojson: place "rafah" field geometry.coordinates: coordinates [31.2486, 134.2592] look swapped: GeoJSON order is [longitude, latitude]'],
  ],
  [
    'a point outside the story bbox whose swap is inside is reported as swapped',
    (b) => (place(b, 'ramallah').geometry.coordinates = [31.9, 35.2]),
    ['geo/x/places.geojson: place "ramallah" field geometry.coordinates: coordinates [31.9, 35.2] look swapped: GeoJSON order is [longitude, latitude]'],
  ],
  [
    'a point outside the story bbox is refused',
    (b) => (place(b, 'ramallah').geometry.coordinates = [-35.2, 31.9]),
    ['geo/x/places.geojson: place "ramallah" field geometry.coordinates: point [-35.2, 31.9] lies outside the story\'s bbox [33.5,30.9,35.7,32.2]'],
  ],
  [
    'without a bbox, a point far from the rest of the story is refused',
    (b) => {
      delete b.story.bbox;
      place(b, 'ramallah').geometry.coordinates = [-35.2, 31.9];
    },
    ["geo/x/places.geojson: place \"ramallah\" field geometry.coordinates: point [-35.2, 31.9] is 6451 km from the median of the story's points (limit 2000 km)"],
  ],
  [
    'a story bbox with west after east is refused',
    (b) => (b.story.bbox = [35.7, 30.9, 33.5, 32.2]),
    // The points are then checked against each other, not against a box that contains nothing.
    ['geo/x/story.json: field bbox: bbox [35.7,30.9,33.5,32.2] must be [west, south, east, north] in degrees, with west < east and south < north'],
  ],
  // Dates
  [
    'a date that does not exist is refused',
    (b) => (event(b, 'siegel-handover').date = '2025-02-30'),
    ['geo/x/events.json: event "siegel-handover" field date: date "2025-02-30" is not a real date'],
  ],
  [
    'a month 13 is refused',
    (b) => (event(b, 'egypt-closes-its-side').date = '2024-13'),
    ['geo/x/events.json: event "egypt-closes-its-side" field date: date "2024-13" is not a real date'],
  ],
  [
    'a date in another format is refused',
    (b) => (event(b, 'siegel-handover').date = '1 Feb 2025'),
    ['geo/x/events.json: event "siegel-handover" field date: date "1 Feb 2025" must be YYYY, YYYY-MM or YYYY-MM-DD'],
  ],
  [
    'an event date in the future is refused',
    (b) => (event(b, 'siegel-handover').date = '2025-06-02'),
    ['geo/x/events.json: event "siegel-handover" field date: date "2025-06-02" is in the future (today is 2025-06-01)'],
  ],
  [
    'a publication date in the future is refused',
    (b) => (b.story.published.date = '2026'),
    ['geo/x/story.json: field published.date: date "2026" is in the future (today is 2025-06-01)'],
  ],
  [
    'a time on a month-precision date is refused',
    (b) => (event(b, 'egypt-closes-its-side').time = '10:00'),
    ['geo/x/events.json: event "egypt-closes-its-side" field time: a time needs a date with a day, got "2024-05"'],
  ],
  [
    'an impossible time is refused',
    (b) => (event(b, 'kalderon-bibas-handover').time = '24:30'),
    ['geo/x/events.json: event "kalderon-bibas-handover" field time: time "24:30" must be HH:MM, from 00:00 to 23:59'],
  ],
  [
    'a malformed UTC offset is refused',
    (b) => (event(b, 'kalderon-bibas-handover').utcOffset = '+2'),
    ['geo/x/events.json: event "kalderon-bibas-handover" field utcOffset: utcOffset "+2" must look like "+02:00" (±HH:MM, at most 14 hours)'],
  ],
  [
    'a UTC offset without a time is refused',
    (b) => (event(b, 'siegel-handover').utcOffset = '+02:00'),
    ['geo/x/events.json: event "siegel-handover" field utcOffset: utcOffset is given without a time'],
  ],
  // Citations, categories, figures
  [
    'a citation before the first paragraph is refused',
    (b) => (event(b, 'siegel-handover').cite.paragraph = 0),
    ['geo/x/events.json: event "siegel-handover" field cite.paragraph: paragraph 0 is before the first (paragraphs count from 1)'],
  ],
  [
    'a citation beyond the last paragraph is refused',
    (b) => (event(b, 'siegel-handover').cite.paragraph = 25),
    ['geo/x/events.json: event "siegel-handover" field cite.paragraph: paragraph 25 is beyond the article\'s 24 paragraphs'],
  ],
  [
    'a category outside the vocabulary is refused',
    (b) => (event(b, 'siegel-handover').category = 'hostage-release'),
    ['geo/x/events.json: event "siegel-handover" field category: unknown category "hostage-release": not in the standard vocabulary nor in story.json categories'],
  ],
  [
    'a negative figure is refused',
    (b) => (event(b, 'patients-cross-to-egypt').figures[0].value = -50),
    ['geo/x/events.json: event "patients-cross-to-egypt" field figures[0].value: must be a finite number ≥ 0, got -50'],
  ],
  [
    'an infinite figure is refused',
    (b) => (event(b, 'patients-cross-to-egypt').figures[0].value = Infinity),
    ['geo/x/events.json: event "patients-cross-to-egypt" field figures[0].value: must be a finite number ≥ 0, got Infinity'],
  ],
  // Translations
  [
    'an empty translated title is refused',
    (b) => (event(b, 'siegel-handover').translations = { ar: { title: ' ', summary: 'ملخص' } }),
    ['geo/x/events.json: event "siegel-handover" field translations.ar.title: must not be empty'],
  ],
  [
    'a translated summary that is not a string is refused',
    (b) => (event(b, 'siegel-handover').translations = { he: { summary: 7 } }),
    ['geo/x/events.json: event "siegel-handover" field translations.he.summary: expected string, got 7'],
  ],
  [
    'an unknown field inside a translation is refused',
    (b) => (event(b, 'siegel-handover').translations = { ar: { title: 'عنوان', notes: 'x' } }),
    ['geo/x/events.json: event "siegel-handover" field translations.ar.notes: unknown field (check its spelling)'],
  ],
  [
    'a summary in the story title\'s translation is refused',
    (b) => (b.story.translations = { ar: { title: 'عنوان', summary: 'ملخص' } }),
    ['geo/x/story.json: field translations.ar.summary: unknown field (check its spelling)'],
  ],
  [
    'a translation with no text is refused',
    (b) => (event(b, 'siegel-handover').translations = { he: {} }),
    ['geo/x/events.json: event "siegel-handover" field translations.he: an empty translation: give title or summary in this language, or leave the language out'],
  ],
  [
    'a translation that is not an object is refused',
    (b) => (b.story.translations = { ar: 'عنوان' }),
    ['geo/x/story.json: field translations.ar: expected an object, got "عنوان"'],
  ],
  [
    'a language tag in upper case is refused',
    (b) => (event(b, 'siegel-handover').translations = { AR: { title: 'عنوان' } }),
    ['geo/x/events.json: event "siegel-handover" field translations.AR: "AR" is not a language tag like "ar", "he", "zh-Hant" or "pt-BR" (language in lower case, then an optional Script and REGION)'],
  ],
  [
    'a region in lower case is refused (one language, one spelling)',
    (b) => (event(b, 'siegel-handover').translations = { 'ar-eg': { title: 'عنوان' } }),
    ['geo/x/events.json: event "siegel-handover" field translations["ar-eg"]: "ar-eg" is not a language tag like "ar", "he", "zh-Hant" or "pt-BR" (language in lower case, then an optional Script and REGION)'],
  ],
  [
    'a language name instead of a tag is refused',
    (b) => (b.story.translations = { arabic: { title: 'عنوان' } }),
    ['geo/x/story.json: field translations.arabic: "arabic" is not a language tag like "ar", "he", "zh-Hant" or "pt-BR" (language in lower case, then an optional Script and REGION)'],
  ],
  [
    'an empty language tag is refused',
    (b) => (b.story.translations = { '': { title: 'عنوان' } }),
    ['geo/x/story.json: field translations[""]: "" is not a language tag like "ar", "he", "zh-Hant" or "pt-BR" (language in lower case, then an optional Script and REGION)'],
  ],
  [
    '"und" (no language) is refused as a translation language',
    (b) => (b.story.translations = { und: { title: 'x' } }),
    ['geo/x/story.json: field translations.und: "und" is not a language tag like "ar", "he", "zh-Hant" or "pt-BR" (language in lower case, then an optional Script and REGION)'],
  ],
  [
    'a translation into the story\'s own language is refused, in story.json and events.json',
    (b) => {
      b.story.translations = { ...b.story.translations, en: { title: 'Another title' } };
      event(b, 'siegel-handover').translations = { en: { title: 'Another title' } };
    },
    [
      'geo/x/story.json: field translations.en: "en" is the story\'s own language ("en"): the text itself is in it; translations are into other languages',
      'geo/x/events.json: event "siegel-handover" field translations.en: "en" is the story\'s own language ("en"): the text itself is in it; translations are into other languages',
    ],
  ],
  [
    'a translation into the bare language of a regional story language is refused',
    (b) => {
      b.story.language = 'en-GB';
      b.story.translations = { ...b.story.translations, en: { title: 'Another title' } };
    },
    ['geo/x/story.json: field translations.en: "en" is the story\'s own language ("en-GB"): the text itself is in it; translations are into other languages'],
  ],
];

describe('validateBundle', () => {
  it('accepts the seed story with no error and no warning', () => {
    const result = check(seedWith());
    expect(result.errors.map(formatIssue)).toEqual([]);
    expect(result.warnings.map(formatIssue)).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.bundle?.story.id).toBe('rafah-crossing-2025-02-01');
  });

  it('accepts the seed story today, with the real clock', () => {
    expect(validateBundle(seedWith()).errors).toEqual([]);
  });

  it.each(rules)('%s', (_rule, change, expected) => {
    const result = check(seedWith(change));
    expect(result.errors.map(formatIssue)).toEqual(expected);
    expect(result.ok).toBe(false);
    expect(result.bundle).toBeUndefined();
  });

  it('without a bbox, reports a far point whose swap is near the others as swapped', () => {
    // The seed's places have latitude ≈ longitude, so a swap there moves them only ~400 km (its
    // bbox catches that); the hostile fixture sits at 10 E 50 N, where a swap lands in Africa.
    const bundle = readBundle(HOSTILE_DIR);
    place(bundle, 'img-town').geometry.coordinates = [50.0, 10.0];
    expect(errorsOf(bundle)).toEqual([
      'geo/x/places.geojson: place "img-town" field geometry.coordinates: coordinates [50, 10] look swapped: GeoJSON order is [longitude, latitude]',
    ]);
  });

  it('warns, but passes, when no event uses a place', () => {
    const bundle = seedWith((b) => event(b, 'bus-from-ofer-to-ramallah').places.pop());
    expect(warningsOf(bundle)).toEqual(['geo/x/places.geojson: place "beitunia" field id: no event uses this place']);
    expect(errorsOf(bundle)).toEqual([]);
    expect(check(bundle).ok).toBe(true);
  });

  it('warns about a drafter\'s review note and placeholder texts, marking them as draft marks', () => {
    const b = seedWith((x) => {
      event(x, 'siegel-handover').notes = [{ kind: 'review', text: 'Date read from “Saturday”.' }];
      event(x, 'siegel-handover').title = '[placeholder] title for paragraph 17, sentence 1';
      place(x, 'ramallah').properties.description = '[placeholder] describe Ramallah';
    });
    const result = check(b);
    expect(result.errors).toEqual([]);
    expect(result.warnings.filter((w) => w.draft).map(formatIssue)).toEqual([
      'geo/x/places.geojson: place "ramallah" field properties.description: placeholder text from the drafter: write it in your own words',
      'geo/x/events.json: event "siegel-handover" field title: placeholder text from the drafter: write it in your own words',
      'geo/x/events.json: event "siegel-handover" field notes[0]: review note from the drafter: check, then remove it (“Date read from “Saturday”.”)',
    ]);
  });

  it('accepts translations into other languages and varieties, with a script or a region', () => {
    const bundle = seedWith((b) => {
      for (const lang of ['zh-Hant', 'pt-BR']) translateAll(b, lang);
      b.story.translations = { ...b.story.translations, 'es-419': { title: 'Cruce de Rafah' }, 'en-US': { title: 'Rafah crossing' } };
    });
    expect(errorsOf(bundle)).toEqual([]);
    expect(warningsOf(bundle)).toEqual([]);
  });

  it('warns when a language translates some events but not the others, or not the story title', () => {
    const bundle = seedWith((b) => {
      event(b, 'siegel-handover').translations = { ...event(b, 'siegel-handover').translations, fr: { title: 'Remise de Siegel', summary: 'Résumé' } };
      event(b, 'bus-from-ofer-to-ramallah').translations = { ...event(b, 'bus-from-ofer-to-ramallah').translations, fr: { title: 'Libération à Ofer' } };
    });
    const others = (n: number) => `and ${n} more`;
    expect(errorsOf(bundle)).toEqual([]);
    const warnings = warningsOf(bundle);
    expect(warnings[0]).toMatch(/^geo\/x\/events\.json: field translations\.fr\.title: the title is in "fr" on 2 of 16 events; the others show theirs untranslated: missing on "[a-z0-9-]+", /);
    expect(warnings[0]).toContain(others(9));
    expect(warnings[0]).not.toContain('"siegel-handover"');
    expect(warnings[1]).toMatch(/^geo\/x\/events\.json: field translations\.fr\.summary: the summary is in "fr" on 1 of 16 events; /);
    expect(warnings[1]).toContain(others(10));
    // What a reader of French would still see in English: every figure's label and every note.
    expect(warnings[2]).toMatch(/^geo\/x\/events\.json: field figures\[\]\.translations\.fr\.label: the label is in "fr" on 0 of 13 figures; the others show theirs untranslated: missing on "kalderon-bibas-handover" figures\[0\], /);
    expect(warnings[3]).toMatch(/^geo\/x\/events\.json: field notes\[\]\.translations\.fr\.text: the text is in "fr" on 0 of 23 notes; the others show theirs untranslated: missing on "hamas-attack-on-israel" notes\[0\], /);
    expect(warnings.slice(4)).toEqual([
      'geo/x/story.json: field translations.fr.title: events are translated into "fr" but the story\'s title is not',
      'geo/x/story.json: field source.translations.fr.name: events are translated into "fr" but the source\'s name is not',
    ]);
    expect(check(bundle).ok).toBe(true);
  });

  it('names the figures and notes a language leaves out, wherever they are', () => {
    const bundle = seedWith((b) => {
      translateAll(b, 'fr');
      delete event(b, 'prisoner-release-183').figures![1]!.translations;
      delete event(b, 'prisoner-release-183').figures![1]!.notes![0]!.translations!.fr;
      delete event(b, 'siegel-handover').notes![0]!.translations!.fr!.text;
      event(b, 'siegel-handover').notes![0]!.translations!.fr!.source = 'AFP';
      // A drafter's review note is not a text readers see: not counted.
      event(b, 'captives-reach-israel').notes = [{ kind: 'review', text: 'Date read from “Saturday”.' }];
    });
    expect(errorsOf(bundle)).toEqual([]);
    expect(warningsOf(bundle).filter((w) => w.includes('"fr"'))).toEqual([
      'geo/x/events.json: field figures[].translations.fr.label: the label is in "fr" on 12 of 13 figures; the others show theirs untranslated: missing on "prisoner-release-183" figures[1]',
      'geo/x/events.json: field notes[].translations.fr.text: the text is in "fr" on 21 of 23 notes; the others show theirs untranslated: missing on "siegel-handover" notes[0], "prisoner-release-183" figures[1].notes[0]',
    ]);
  });

  it('counts a story\'s own categories among the texts a language must cover', () => {
    const bundle = seedWith((b) => {
      translateAll(b, 'fr');
      b.story.categories = [
        { id: 'handover', label: 'Handover', translations: { fr: { label: 'Remise' } } },
        { id: 'hostage-release', label: 'Hostage release' },
      ];
    });
    expect(warningsOf(bundle).filter((w) => w.includes('"fr"'))).toEqual([
      'geo/x/story.json: field categories[].translations.fr.label: the label is in "fr" on 1 of 2 categories; the others show theirs untranslated: missing on "hostage-release"',
    ]);
  });

  it('refuses a figure, a note or the source translated into the story\'s own language, and says where', () => {
    const bundle = seedWith((b) => {
      event(b, 'prisoner-release-183').figures![0]!.translations = { en: { label: 'released prisoners' } };
      event(b, 'prisoner-release-183').figures![1]!.notes![0]!.translations = { en: { text: 'Another text' } };
      place(b, 'ofer').properties.notes![0]!.translations = { en: { text: 'Another text' } };
      b.story.source!.translations = { en: { name: 'Someone' } };
    });
    const own = (lang: string) => `"${lang}" is the story's own language ("en"): the text itself is in it; translations are into other languages`;
    expect(errorsOf(bundle)).toEqual([
      `geo/x/story.json: field source.translations.en: ${own('en')}`,
      `geo/x/places.geojson: place "ofer" field properties.notes[0].translations.en: ${own('en')}`,
      `geo/x/events.json: event "prisoner-release-183" field figures[0].translations.en: ${own('en')}`,
      `geo/x/events.json: event "prisoner-release-183" field figures[1].notes[0].translations.en: ${own('en')}`,
    ]);
  });

  it('refuses a text a figure or a note does not have, and a tag that is not a language', () => {
    const bundle = seedWith((b) => {
      event(b, 'prisoner-release-183').figures![0]!.translations = { ar: { title: 'عنوان' } };
      event(b, 'siegel-handover').notes![0]!.translations = { Arabic: { text: 'نص' } };
    });
    expect(errorsOf(bundle)).toEqual([
      'geo/x/events.json: event "siegel-handover" field notes[0].translations.Arabic: "Arabic" is not a language tag like "ar", "he", "zh-Hant" or "pt-BR" (language in lower case, then an optional Script and REGION)',
      'geo/x/events.json: event "prisoner-release-183" field figures[0].translations.ar.title: unknown field (check its spelling)',
    ]);
  });

  it('treats a placeholder in a figure\'s or a note\'s translation as a draft mark', () => {
    const bundle = seedWith((b) => {
      translateAll(b, 'fr');
      event(b, 'siegel-handover').figures![0]!.translations!.fr!.label = '[placeholder] libellé';
      event(b, 'siegel-handover').notes![0]!.translations!.fr!.text = '[placeholder] note';
    });
    expect(check(bundle).warnings.filter((w) => w.draft).map(formatIssue)).toEqual([
      'geo/x/events.json: event "siegel-handover" field figures[0].translations.fr.label: placeholder text from the drafter: write it in your own words',
      'geo/x/events.json: event "siegel-handover" field notes[0].translations.fr.text: placeholder text from the drafter: write it in your own words',
    ]);
  });

  it('treats a placeholder in a translation as a draft mark', () => {
    const bundle = seedWith((b) => {
      for (const e of b.events) e.translations = { ...e.translations, fr: { title: e.id === 'siegel-handover' ? '[placeholder] titre' : 'Titre' } };
      b.story.translations = { ...b.story.translations, fr: { title: 'Titre' } };
    });
    expect(check(bundle).warnings.filter((w) => w.draft).map(formatIssue)).toEqual([
      'geo/x/events.json: event "siegel-handover" field translations.fr.title: placeholder text from the drafter: write it in your own words',
    ]);
  });

  it('accepts a category the story declares', () => {
    const bundle = seedWith((b) => {
      b.story.categories = [{ id: 'hostage-release', label: 'Hostage release' }];
      event(b, 'siegel-handover').category = 'hostage-release';
    });
    expect(errorsOf(bundle)).toEqual([]);
  });

  it('does not call a place missing when only its own shape is broken', () => {
    const bundle = seedWith((b) => (place(b, 'ofer').properties.kind = 7));
    expect(errorsOf(bundle)).toEqual(['geo/x/places.geojson: place "ofer" field properties.kind: expected string, got 7']);
  });

  it('keeps checking the other events when one is broken', () => {
    const bundle = seedWith((b) => {
      delete event(b, 'siegel-handover').title;
      event(b, 'captives-reach-israel').date = '2025-02-29';
    });
    expect(errorsOf(bundle)).toEqual([
      'geo/x/events.json: event "siegel-handover" field title: is required',
      'geo/x/events.json: event "captives-reach-israel" field date: date "2025-02-29" is not a real date',
    ]);
  });

  it('names the bare file names when no paths are given', () => {
    const result = validateBundle(seedWith((b) => (event(b, 'siegel-handover').cite.paragraph = 99)), { now });
    expect(result.errors.map(formatIssue)).toEqual([
      'events.json: event "siegel-handover" field cite.paragraph: paragraph 99 is beyond the article\'s 24 paragraphs',
    ]);
  });

  it('returns the parsed bundle with the seed’s places and events', () => {
    const { bundle } = check(seedWith());
    expect(bundle?.places.features.map((f) => f.id)).toContain('ofer');
    expect(bundle?.events).toHaveLength(16);
  });

  it('accepts the hostile-strings fixture, which only the UI must defuse', () => {
    const result = check(readBundle(HOSTILE_DIR));
    expect(result.errors.map(formatIssue)).toEqual([]);
    expect(result.warnings.map(formatIssue)).toEqual([]);
  });
});

describe('validateBundle after validatePlaces (the story worker checks the places first, for the map)', () => {
  // The worker hands validateBundle what validatePlaces found, so the places are not checked twice:
  // every rule must still give exactly the same errors and warnings.
  const handedOver = (bundle: unknown) => validateBundle(bundle, { now, files, placesChecked: validatePlaces(bundle) });
  const same = (bundle: unknown) => {
    const alone = check(bundle);
    const after = handedOver(bundle);
    expect(after.errors.map(formatIssue)).toEqual(alone.errors.map(formatIssue));
    expect(after.warnings.map(formatIssue)).toEqual(alone.warnings.map(formatIssue));
    expect(after.ok).toBe(alone.ok);
    return after;
  };

  it.each(rules)('%s', (_rule, change, expected) => {
    expect(same(seedWith(change)).errors.map(formatIssue)).toEqual(expected);
  });

  it.each([
    ['the seed story', seedWith()],
    ['the hostile-strings fixture', readBundle(HOSTILE_DIR)],
    ['a place no event uses', seedWith((b) => event(b, 'bus-from-ofer-to-ramallah').places.pop())],
    ['a broken place shape', seedWith((b) => (place(b, 'ofer').properties.kind = 7))],
    ['a duplicate place id', seedWith((b) => (place(b, 'ofer').id = 'rafah'))],
    ['swapped coordinates without a bbox', (() => {
      const b = readBundle(HOSTILE_DIR);
      place(b, 'img-town').geometry.coordinates = [50.0, 10.0];
      return b;
    })()],
  ])('gives the same answer on %s', (_name, bundle) => {
    same(bundle);
  });

  it('returns the same places it was handed, checked once', () => {
    const bundle = seedWith();
    const early = validatePlaces(bundle);
    const result = validateBundle(bundle, { now, files, placesChecked: early });
    expect(result.ok).toBe(true);
    expect(result.bundle?.places.features).toBe(early.places);
  });

  it('does not trust a check of another bundle, or of places or a story changed since', () => {
    const good = seedWith();
    const proof = validatePlaces(good);
    const bad = seedWith((b) => (place(b, 'rafah').geometry.coordinates = [200, 31]));
    const expected = ['geo/x/places.geojson: place "rafah" field geometry.coordinates: longitude 200 is out of range (-180 to 180)'];
    expect(validateBundle(bad, { now, files, placesChecked: proof }).errors.map(formatIssue)).toEqual(expected);
    // The same bundle object with its places replaced, then its story (whose bbox the places were held to).
    const swappedPlaces = { ...good, places: bad.places };
    const replaced = Object.assign(good, { places: bad.places });
    expect(validateBundle(replaced, { now, files, placesChecked: proof }).errors.map(formatIssue)).toEqual(expected);
    expect(validateBundle(swappedPlaces, { now, files, placesChecked: proof }).errors.map(formatIssue)).toEqual(expected);
    const held = seedWith();
    const heldProof = validatePlaces(held);
    held.story = { ...held.story, bbox: [0, 0, 1, 1] };
    expect(validateBundle(held, { now, files, placesChecked: heldProof }).errors.length).toBeGreaterThan(0);
    // A failed check proves nothing.
    const failed = validatePlaces(bad);
    expect(failed.ok).toBe(false);
    expect(validateBundle(bad, { now, files, placesChecked: failed }).errors.map(formatIssue)).toEqual(expected);
  });
});

describe('validateBundle on input of any shape', () => {
  const cyclic: Record<string, unknown> = { story: {} };
  cyclic.places = cyclic;
  const throwing = {
    get story(): unknown {
      throw new Error('boom');
    },
    places: {},
    events: [],
  };
  const inputs: [string, unknown][] = [
    ['null', null],
    ['undefined', undefined],
    ['a string', '{"story":{}}'],
    ['a number', 42],
    ['NaN', NaN],
    ['a boolean', true],
    ['an array', [1, 2, 3]],
    ['an empty object', {}],
    ['parts of the wrong types', { story: 'x', places: 7, events: null }],
    ['features that are not objects', { story: {}, places: { type: 'FeatureCollection', features: [null, 'a', [], 3] }, events: [null, 'b', 4] }],
    ['geometries that are strings', { story: {}, places: { type: 'FeatureCollection', features: [{ id: 'a', geometry: 'x', properties: null }] }, events: [] }],
    ['events with places that are not objects', { story: {}, places: {}, events: [{ id: 'e', places: [null, 1, 'x'] }] }],
    ['a cyclic object', cyclic],
    ['an object whose getter throws', throwing],
  ];

  it.each(inputs)('never throws on %s and reports at least one error', (_name, input) => {
    const result = validateBundle(input);
    expect(result.ok).toBe(false);
    expect(result.errors.length).toBeGreaterThan(0);
    for (const issue of result.errors) expect(typeof formatIssue(issue)).toBe('string');
  });

  it('explains a bundle that is not an object', () => {
    expect(validateBundle(null, { files }).errors.map(formatIssue)).toEqual([
      'geo/x/story.json: expected a story bundle { story, places, events }, got null',
    ]);
  });
});

describe('formatIssue', () => {
  it('writes file, subject, field and message', () => {
    const issue: Issue = { file: 'geo/x/events.json', id: 'bus-arrives', subject: 'event', field: 'places[0].id', message: 'place "ramallahh" does not exist' };
    expect(formatIssue(issue)).toBe('geo/x/events.json: event "bus-arrives" field places[0].id: place "ramallahh" does not exist');
  });

  it('leaves out what an issue does not have', () => {
    expect(formatIssue({ file: 'story.json', field: '', message: 'not valid JSON' })).toBe('story.json: not valid JSON');
    expect(formatIssue({ file: 'story.json', field: 'bbox', message: 'bad' })).toBe('story.json: field bbox: bad');
  });
});

describe('translation languages that name an object property', () => {
  // JSON.parse makes "__proto__" an own key; the schema library skips such keys, the validator must not.
  it.each(['__proto__', 'constructor', 'prototype'])('refuses %s in story.json and events.json', (key) => {
    const bundle = seedWith((b) => {
      b.story.translations = JSON.parse(`{"${key}": {"title": "x"}}`);
      event(b, 'siegel-handover').translations = JSON.parse(`{"ar": {"title": "عنوان"}, "${key}": {"title": "x"}}`);
    });
    const field = key === '__proto__' ? 'translations.__proto__' : `translations.${key}`;
    const message = `"${key}" is not a language tag like "ar", "he", "zh-Hant" or "pt-BR" (language in lower case, then an optional Script and REGION)`;
    expect(errorsOf(bundle)).toEqual([`geo/x/story.json: field ${field}: ${message}`, `geo/x/events.json: event "siegel-handover" field ${field}: ${message}`]);
    expect(check(bundle).ok).toBe(false);
  });

  it.each(['__proto__', 'constructor'])('refuses %s in a figure\'s, a note\'s and the source\'s translations', (key) => {
    const bundle = seedWith((b) => {
      b.story.source!.translations = JSON.parse(`{"${key}": {"name": "x"}}`);
      event(b, 'prisoner-release-183').figures![0]!.translations = JSON.parse(`{"${key}": {"label": "x"}}`);
      event(b, 'prisoner-release-183').figures![0]!.notes![0]!.translations = JSON.parse(`{"${key}": {"text": "x"}}`);
    });
    const message = `"${key}" is not a language tag like "ar", "he", "zh-Hant" or "pt-BR" (language in lower case, then an optional Script and REGION)`;
    expect(errorsOf(bundle)).toEqual([
      `geo/x/story.json: field source.translations.${key}: ${message}`,
      `geo/x/events.json: event "prisoner-release-183" field figures[0].translations.${key}: ${message}`,
      `geo/x/events.json: event "prisoner-release-183" field figures[0].notes[0].translations.${key}: ${message}`,
    ]);
  });
});
