import { describe, it, expect, beforeAll } from 'vitest';
import { Atlas } from '../../src/lib/atlas.svelte.ts';
import { loadStoryCode } from '../../src/lib/story-code.svelte.ts';
import { SearchIndex } from '../../src/lib/story/filter.ts';
import { buildModel } from '../../src/lib/story/model.ts';
import { parseHash, formatHash } from '../../src/lib/url/hash.ts';
import type { StoryBundle } from '../../src/lib/story/types.ts';
import { seedWith } from './helpers/stories.ts';

// The page loads the code that shows a story with the story (the loader does, before it hands a story over).
beforeAll(loadStoryCode);

/** An app state holding the seed story, as after loading. */
function withSeed(): Atlas {
  const atlas = new Atlas();
  atlas.story = buildModel(seedWith() as StoryBundle);
  return atlas;
}

/** Applies a link written as the reader would paste it. */
async function open(atlas: Atlas, hash: string, options?: { jump?: boolean }): Promise<void> {
  await atlas.applyLink(parseHash(hash).state, options);
}

describe('Atlas.applyLink: where a link meets the story', () => {
  it('selects the place and event a link names, and says so to screen readers', async () => {
    const atlas = withSeed();
    await open(atlas, '#place=khan-younis&event=kalderon-bibas-handover');
    expect(atlas.place).toBe('khan-younis');
    expect(atlas.event).toBe('kalderon-bibas-handover');
    expect(atlas.selectedPlace?.properties.name).toBe('Khan Younis');
    expect(atlas.source).toBe('link');
    expect(atlas.announcement).toMatch(/^Event selected: /);
    expect(atlas.notices).toEqual([]);
  });

  it('restores exactly the pair a link names, even an event that is not at the place', async () => {
    const atlas = withSeed();
    await open(atlas, '#place=ramallah&event=patients-cross-to-egypt');
    expect([atlas.place, atlas.event]).toEqual(['ramallah', 'patients-cross-to-egypt']);
  });

  it.each([
    ['#place=atlantis', ['The place “atlantis” in the link is not in this story.']],
    ['#event=nothing-happened', ['The event “nothing-happened” in the link is not in this story.']],
    [
      '#place=atlantis&event=nothing-happened',
      ['The place “atlantis” in the link is not in this story.', 'The event “nothing-happened” in the link is not in this story.'],
    ],
  ])('turns the unknown ids of %s into notices and selects nothing', async (hash, notices) => {
    const atlas = withSeed();
    await open(atlas, hash);
    expect(atlas.notices).toEqual(notices);
    expect(atlas.place).toBeNull();
    expect(atlas.event).toBeNull();
  });

  it('keeps the known half of a link whose other id is unknown', async () => {
    const atlas = withSeed();
    await open(atlas, '#place=rafah&event=nothing-happened');
    expect(atlas.place).toBe('rafah');
    expect(atlas.event).toBeNull();
    expect(atlas.notices).toEqual(['The event “nothing-happened” in the link is not in this story.']);
  });

  it('applies the time range, categories and search, and the lists follow them', async () => {
    const atlas = withSeed();
    await open(atlas, '#from=2025-02&to=2025-02&cat=prisoner-release&q=ofer');
    expect(atlas.filters).toEqual({ from: '2025-02', to: '2025-02', cats: ['prisoner-release'], q: 'ofer' });
    expect(atlas.filtering).toBe(true);
    const shown = atlas.filtered!.events;
    expect(shown.map((e) => e.id)).toContain('bus-from-ofer-to-ramallah');
    for (const e of shown) expect(e.category).toBe('prisoner-release');
    expect(atlas.notices).toEqual([]);
  });

  it('leaves out categories the story does not have, with a notice', async () => {
    const atlas = withSeed();
    await open(atlas, '#cat=ceasefire,no-such-category');
    expect(atlas.cats).toEqual(['ceasefire']);
    expect(atlas.notices).toEqual(['Some categories in the link are not in this story and were ignored.']);
  });

  it('turns a reversed time range the right way round, with a notice', async () => {
    const atlas = withSeed();
    await open(atlas, '#from=2025-02-01&to=2024-05-07');
    expect([atlas.from, atlas.to]).toEqual(['2024-05-07', '2025-02-01']);
    expect(atlas.notices).toEqual(['The time range in the link was reversed; it has been turned the right way round.']);
  });

  it('reads "2024-05" to "2024" as May to December, not as a reversed range', async () => {
    const atlas = withSeed();
    await open(atlas, '#from=2024-05&to=2024');
    expect([atlas.from, atlas.to]).toEqual(['2024-05', '2024']);
    expect(atlas.notices).toEqual([]);
  });

  it('replaces the whole selection and every filter: what a later link leaves out is cleared', async () => {
    const atlas = withSeed();
    await open(atlas, '#place=rafah&event=rafah-crossing-reopens&cat=crossing-status&q=rafah&from=2024');
    await open(atlas, '#place=ofer');
    expect([atlas.place, atlas.event]).toEqual(['ofer', null]);
    expect(atlas.filters).toEqual({ from: null, to: null, cats: [], q: '' });
  });

  it('writes back the link it was given', async () => {
    const atlas = withSeed();
    const hash = '#place=khan-younis&event=gaza-detainees-released&from=2025-01&to=2025-02&cat=prisoner-release&q=%D8%AE%D8%A7%D9%86';
    await open(atlas, hash);
    expect(formatHash(atlas.link)).toBe(hash);
  });

  it('moves the camera to the link’s view, unless told the map already shows it', async () => {
    const moved = withSeed();
    await open(moved, '#map=9/31.4/34.4&place=rafah');
    expect(moved.camera).toMatchObject({ kind: 'view', view: { zoom: 9, lat: 31.4, lng: 34.4, bearing: 0, pitch: 0 } });

    const opened = withSeed();
    await open(opened, '#map=9/31.4/34.4&place=rafah', { jump: false });
    expect(opened.camera?.kind).not.toBe('view');
  });

  it('does nothing before a story is loaded', async () => {
    const atlas = new Atlas();
    await open(atlas, '#place=atlantis&cat=nothing');
    expect(atlas.notices).toEqual([]);
    expect(atlas.place).toBeNull();
    expect(atlas.camera).toBeNull();
  });
});

describe('Atlas notices', () => {
  it('keeps only the latest three, without repeats', () => {
    const atlas = new Atlas();
    for (const m of ['a', 'b', 'c', 'a', 'd']) atlas.notify(m);
    expect(atlas.notices).toEqual(['c', 'a', 'd']);
    atlas.dismiss('a');
    expect(atlas.notices).toEqual(['c', 'd']);
  });
});

describe('Atlas.searchIndex: built by the story worker, or here when a search needs it first', () => {
  it('builds no index until the reader searches, then one that finds', () => {
    const atlas = withSeed();
    expect(atlas.searchIndex).toBeNull();
    expect(atlas.filtered?.events).toHaveLength(atlas.story!.events.length);
    atlas.q = 'siegel';
    const built = atlas.searchIndex;
    expect(built).not.toBeNull();
    expect(atlas.filtered?.events.map((e) => e.id)).toEqual(['siegel-handover', 'captives-reach-israel']);
    // (That typing on does not build it again, as the page reads it: atlas-search.svelte.test.ts.)
  });

  it('uses the index handed over for the story shown, and ignores one for another story', () => {
    const atlas = withSeed();
    const story = atlas.story!;
    const other = buildModel(seedWith() as StoryBundle);
    const stale = new SearchIndex(other);
    atlas.useSearchIndex(other, stale);
    expect(atlas.searchIndex).toBeNull();
    const given = new SearchIndex(story);
    atlas.useSearchIndex(story, given);
    expect(atlas.searchIndex).toBe(given);
    atlas.q = 'khan';
    expect(atlas.searchIndex).toBe(given);
    expect(atlas.filtered?.places).toEqual(new Set(['khan-younis']));
    // A new story drops it.
    atlas.story = other;
    expect(atlas.searchIndex).not.toBe(given);
    expect(atlas.searchIndex).not.toBe(stale);
  });
});
