/**
 * The seed story's translations reach every reader unchanged: through the story worker's checks
 * and wire, through the pre-built tiles (manifest and event files, checked again on the page),
 * and through the editor (open, edit, export) without losing a translation it does not edit.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateBundle } from '../../src/lib/story/validate.ts';
import { buildModel } from '../../src/lib/story/model.ts';
import { checkEvents } from '../../src/lib/story/check-events.ts';
import { eventTitle, eventSummary, storyTitle } from '../../src/lib/story/translate.ts';
import { indexOf, assemble, slices } from '../../src/lib/load/wire.ts';
import { checkManifest, checkShard } from '../../src/lib/tiles/manifest.ts';
import { eventsOfPlace, type EventShard } from '../../src/lib/tiles/format.ts';
import { buildTiles } from '../../tools/tiles.ts';
import { openTexts } from '../../src/editor/files.ts';
import { docFromBundle, editEvent, editStory, storyFiles } from '../../src/editor/doc.ts';
import type { StoryBundle, StoryEvent } from '../../src/lib/story/types.ts';
import { readBundle, SEED_DIR } from './helpers/stories.ts';

const seed = readBundle(SEED_DIR) as StoryBundle;
const translationsById = new Map(seed.events.map((e) => [e.id, e.translations]));

describe('translations through the story worker', () => {
  it('survive validation, the model, the wire slices and structured cloning', () => {
    const checked = validateBundle(structuredClone(seed));
    expect(checked.ok).toBe(true);
    const model = buildModel(checked.bundle!);
    // What the worker posts: slices of places and events, then the index (structuredClone = postMessage).
    const events = [...slices(model.events, 5)].flatMap((part) => structuredClone(part));
    const places = [...slices(model.places, 5)].flatMap((part) => structuredClone(part));
    const page = assemble(events, places, structuredClone(indexOf(model)));
    expect(page.meta.translations).toEqual(seed.story.translations);
    expect(page.events).toHaveLength(seed.events.length);
    for (const e of page.events) expect(e.translations, e.id).toEqual(translationsById.get(e.id));
    expect(page.eventsByPlace.get('khan-younis')!.map((e) => eventTitle(e, 'he', 'en').lang)).toEqual(['he', 'he']);
  });
});

describe('translations through the pre-built tiles', () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'atlas-tiles-i18n-'));
    writeFileSync(join(dir, 'bundle.json'), JSON.stringify(seed));
    await buildTiles(join(dir, 'bundle.json'), join(dir, 'out'), { maxZoom: 8, shards: 2, now: new Date('2025-06-01T00:00:00Z') });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keep the story title in the manifest, as the page checks it', () => {
    const checked = checkManifest(JSON.parse(readFileSync(join(dir, 'out', 'manifest.json'), 'utf8')));
    expect(checked.ok).toBe(true);
    const story = (checked as { ok: true; manifest: { story: StoryBundle['story'] } }).manifest.story;
    expect(story.translations).toEqual(seed.story.translations);
    expect(storyTitle(story, 'ar').text).toBe(seed.story.translations!.ar!.title);
  });

  it('keep every event text in the event files, as the page reads and checks them', async () => {
    const load = async (s: number): Promise<EventShard> => {
      const shard = checkShard(JSON.parse(readFileSync(join(dir, 'out', 'events', `${s}.json`), 'utf8')), s, 2, `${s}.json`);
      if (typeof shard === 'string') throw new Error(shard);
      return shard;
    };
    const seen = new Set<string>();
    for (const place of seed.places.features) {
      const { events, bad } = checkEvents(await eventsOfPlace(place.id, 2, load));
      expect(bad).toBe(0);
      for (const e of events) {
        expect(e.translations, e.id).toEqual(translationsById.get(e.id));
        seen.add(e.id);
      }
    }
    expect(seen.size).toBe(seed.events.length);
  });
});

describe('translations through the editor', () => {
  const files = () => {
    const out = storyFiles(seed);
    return Object.entries(out).map(([name, text]) => ({ name: `rafah/${name}`, text }));
  };

  it('are opened from a story folder and exported again unchanged', () => {
    const opened = openTexts(files());
    expect(opened.kind).toBe('story');
    const bundle = (opened as { bundle: StoryBundle }).bundle;
    const again = storyFiles(bundle);
    expect(JSON.parse(again['story.json']).translations).toEqual(seed.story.translations);
    expect((JSON.parse(again['events.json']) as StoryEvent[]).map((e) => e.translations)).toEqual(seed.events.map((e) => e.translations));
  });

  it('are kept when the editor changes the English title, summary or date of an event or the story', () => {
    let doc = docFromBundle(structuredClone(seed));
    doc = editEvent(doc, 'siegel-handover', (e) => {
      e.title = 'Keith Siegel freed in Gaza City';
      e.summary = 'A shorter summary.';
      e.date = '2025-02-01';
    });
    doc = editStory(doc, (s) => (s.title = 'Another title'));
    const out = storyFiles(doc.bundle!);
    const siegel = (JSON.parse(out['events.json']) as StoryEvent[]).find((e) => e.id === 'siegel-handover')!;
    expect(siegel.title).toBe('Keith Siegel freed in Gaza City');
    expect(siegel.translations).toEqual(translationsById.get('siegel-handover'));
    expect(eventSummary(siegel, 'ar', 'en').translated).toBe(true);
    expect(JSON.parse(out['story.json']).translations).toEqual(seed.story.translations);
  });
});
