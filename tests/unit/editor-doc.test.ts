import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { StoryBundle } from '../../src/lib/story/types.ts';
import { validateBundle, translationLanguages } from '../../src/lib/story/validate.ts';
import {
  acceptPlace, checkEvent, chooseCandidate, deleteEvent, docFromBundle, editEvent, makeArea, movePlace, rejectPlace, restorePlace,
  storyFiles, withPrecision, originOf, setTranslation, type EditorDoc,
} from '../../src/editor/doc.ts';
import { openTexts, OpenError } from '../../src/editor/files.ts';

const dir = 'geo/rafah-crossing-2025-02-01';
const read = (f: string) => JSON.parse(readFileSync(`${dir}/${f}`, 'utf8'));
const bundle = (): StoryBundle => ({ story: read('story.json'), places: read('places.geojson'), events: read('events.json') });

function drafted(): EditorDoc {
  const b = bundle();
  // Mark one place and one event as a drafter would.
  b.places.features[0]!.properties.notes = [{ kind: 'review', text: 'check it' }, { kind: 'context', text: 'kept' }];
  b.events[0]!.notes = [{ kind: 'review', text: 'date guessed' }];
  b.events[0]!.figures = [{ label: 'patients', value: 50, notes: [{ kind: 'review', text: 'figure' }] }];
  return docFromBundle(b);
}

describe('editor document operations', () => {
  it('accepting a place resolves its review notes and keeps the others', () => {
    const doc = drafted();
    const id = doc.bundle!.places.features[0]!.id as string;
    const next = acceptPlace(doc, id);
    expect(next.bundle!.places.features[0]!.properties.notes).toEqual([{ kind: 'context', text: 'kept' }]);
    expect(next.places[id]!.accepted).toBe(true);
    // The previous document is untouched (undo relies on it).
    expect(doc.bundle!.places.features[0]!.properties.notes).toHaveLength(2);
  });

  it('rejecting a place removes it from the events that named it, and restoring puts it back in place', () => {
    const doc = drafted();
    const id = 'ramallah';
    const uses = doc.bundle!.events.filter((e) => e.places.some((p) => p.id === id)).map((e) => e.id);
    expect(uses.length).toBeGreaterThan(0);
    const rejected = rejectPlace(doc, id);
    expect(rejected.bundle!.places.features.some((f) => f.id === id)).toBe(false);
    expect(rejected.bundle!.events.some((e) => e.places.some((p) => p.id === id))).toBe(false);
    const restored = restorePlace(rejected, id);
    for (const eid of uses) expect(restored.bundle!.events.find((e) => e.id === eid)!.places).toEqual(doc.bundle!.events.find((e) => e.id === eid)!.places);
  });

  it('moving a place rounds to 1e-5 degrees, keeps story.bbox around it and refuses impossible coordinates', () => {
    const doc = drafted();
    const next = movePlace(doc, 'ramallah', 35.2123456, 31.9087654);
    expect(next.bundle!.places.features.find((f) => f.id === 'ramallah')!.geometry).toEqual({ type: 'Point', coordinates: [35.21235, 31.90877] });
    expect(movePlace(doc, 'ramallah', 35, 95)).toBe(doc);
    expect(movePlace(doc, 'ramallah', Number.NaN, 31)).toBe(doc);
    const far = movePlace(doc, 'ramallah', 36.5, 33.5);
    const [w, s, e, n] = far.bundle!.story.bbox ?? [-180, -90, 180, 90];
    expect(36.5 >= w && 36.5 <= e && 33.5 >= s && 33.5 <= n).toBe(true);
  });

  it('choosing another candidate moves the place and takes its precision', () => {
    const doc = drafted();
    doc.places['ramallah']!.candidates = [{ key: 'geonames:1', label: 'Ramallah', lng: 35.2042, lat: 31.8996, kind: 'city', level: 'town', radiusM: 3000 }];
    const next = chooseCandidate(doc, 'ramallah', 'geonames:1');
    const f = next.bundle!.places.features.find((x) => x.id === 'ramallah')!;
    expect(f.geometry).toEqual({ type: 'Point', coordinates: [35.2042, 31.8996] });
    expect(f.properties.precision).toEqual({ level: 'town', radiusM: 3000 });
    expect(next.places['ramallah']!.chosen).toBe('geonames:1');
  });

  it('making a place an area gives it the outline and region precision', () => {
    const doc = drafted();
    const ring = [[34.2, 31.2], [34.5, 31.2], [34.5, 31.6], [34.2, 31.2]];
    const next = makeArea(doc, 'khan-younis', { type: 'Polygon', coordinates: [ring] });
    const f = next.bundle!.places.features.find((x) => x.id === 'khan-younis')!;
    expect(f.geometry.type).toBe('Polygon');
    expect(f.properties.precision.level).toBe('region');
  });

  it('marking an event checked resolves the review notes on it and on its figures', () => {
    const doc = drafted();
    const id = doc.bundle!.events[0]!.id;
    const next = checkEvent(doc, id);
    const e = next.bundle!.events[0]!;
    expect(e.notes ?? []).toEqual([]);
    expect(e.figures![0]!.notes).toBeUndefined();
  });

  it('editing and deleting events', () => {
    const doc = drafted();
    const id = doc.bundle!.events[1]!.id;
    const edited = editEvent(doc, id, (e) => (e.title = 'New title'));
    expect(edited.bundle!.events[1]!.title).toBe('New title');
    expect(doc.bundle!.events[1]!.title).not.toBe('New title');
    expect(deleteEvent(edited, id).bundle!.events.some((e) => e.id === id)).toBe(false);
  });

  it('dates change precision by cutting or padding', () => {
    expect(withPrecision('2025-02-01', 'month')).toBe('2025-02');
    expect(withPrecision('2025-02-01', 'year')).toBe('2025');
    expect(withPrecision('2025', 'day')).toBe('2025-01-01');
    expect(withPrecision('2025-02', 'day')).toBe('2025-02-01');
  });

  it('reads where a drafter placeholder points', () => {
    expect(originOf('[placeholder] title for paragraph 3, sentence 2: “x”')).toEqual({ paragraph: 3, sentence: 2 });
    expect(originOf('plain')).toBeUndefined();
  });

  it('exports the three files of a story folder, which validate as they are', () => {
    const files = storyFiles(bundle());
    const parsed = { story: JSON.parse(files['story.json']), places: JSON.parse(files['places.geojson']), events: JSON.parse(files['events.json']) };
    expect(parsed.story.$schema).toBe('../story.schema.json');
    expect(validateBundle(parsed).errors).toEqual([]);
  });
});

describe('translations in the editor', () => {
  it('writes a translated text, and takes away a blank one, its language and the translations once empty', () => {
    const figure: { label: string; translations?: Record<string, Partial<Record<'label', string>>> } = { label: 'patients' };
    setTranslation(figure, 'ar', 'label', 'مريضًا');
    expect(figure.translations).toEqual({ ar: { label: 'مريضًا' } });
    setTranslation(figure, 'he', 'label', 'חולים');
    setTranslation(figure, 'ar', 'label', '   ');
    expect(figure.translations).toEqual({ he: { label: 'חולים' } });
    setTranslation(figure, 'he', 'label', '');
    expect(figure).toEqual({ label: 'patients' });
  });

  it('keeps the other texts of a language when one is cleared', () => {
    const event = { title: 'T', summary: 'S', translations: { ar: { title: 'ع', summary: 'م' } } };
    setTranslation(event, 'ar', 'title', '');
    expect(event.translations).toEqual({ ar: { summary: 'م' } });
  });

  it('an edit of the story through the document keeps a valid story (no empty language left behind)', () => {
    const doc = docFromBundle(bundle());
    const id = doc.bundle!.events[0]!.id;
    let next = editEvent(doc, id, (e) => setTranslation(e, 'fr', 'title', 'Titre'));
    expect(next.bundle!.events[0]!.translations?.fr).toEqual({ title: 'Titre' });
    next = editEvent(next, id, (e) => setTranslation(e, 'fr', 'title', ''));
    expect(validateBundle(next.bundle).errors).toEqual([]);
    expect(next.bundle).toEqual(doc.bundle);
  });

  it('lists every language the story is translated into, wherever the text is', () => {
    const b = bundle();
    expect(translationLanguages(b)).toEqual(['ar', 'he']);
    b.places.features[5]!.properties.notes = [{ kind: 'context', text: 'x', translations: { fr: { text: 'y' } } }];
    b.events[3]!.figures = [{ label: 'l', value: 1, notes: [{ kind: 'context', text: 'n', translations: { 'pt-BR': { text: 'n' } } }] }];
    // In the order met: the story, its places' notes, then its events.
    expect(translationLanguages(b)).toEqual(['ar', 'he', 'fr', 'pt-BR']);
    expect(translationLanguages(null)).toEqual([]);
  });
});

describe('opening files', () => {
  const text = (name: string, value: unknown) => ({ name, text: typeof value === 'string' ? value : JSON.stringify(value) });

  it('opens a story folder (its three files) with the article beside it', () => {
    const b = bundle();
    const opened = openTexts([text('f/story.json', b.story), text('f/places.geojson', b.places), text('f/events.json', b.events), text('f/article.txt', 'Head\nBody')]);
    expect(opened.kind).toBe('story');
    if (opened.kind === 'story') {
      expect(opened.bundle.events.length).toBe(b.events.length);
      expect(opened.article).toBe('Head\nBody');
      expect('$schema' in opened.bundle.story).toBe(false);
    }
  });

  it('opens a bundle and an article', () => {
    expect(openTexts([text('b.json', bundle())]).kind).toBe('story');
    expect(openTexts([text('a.txt', 'Head\nBody')])).toEqual({ kind: 'article', text: 'Head\nBody', name: 'a.txt' });
  });

  it.each([
    [[text('story.json', {}), text('places.geojson', '{"type":'), text('events.json', [])], /places\.geojson is not valid JSON/],
    [[text('story.json', {}), text('events.json', [])], /missing places\.geojson/],
    [[text('x.json', { a: 1 })], /x\.json is not a story bundle/],
    [[text('x.bin', 'zz')], /x\.bin: not an article/],
  ])('refuses a malformed input with a message that names it (%#)', (files, message) => {
    expect(() => openTexts(files)).toThrow(OpenError);
    expect(() => openTexts(files)).toThrow(message);
  });

  it('refuses files of the wrong shape, naming the field', () => {
    const b = bundle() as unknown as { places: { features: { properties: Record<string, unknown> }[] } };
    b.places.features[0]!.properties.precision = 'somewhere';
    expect(() => openTexts([text('bad.json', b)])).toThrow(/malformed: .*precision/);
  });
});
