/**
 * Opens the story a link asks for and hands it to the app state: which story (the link's dataset,
 * else its story, else the first one published), loading it in the story worker with progress for
 * the panel, and applying the link once the story is in. What went wrong becomes errors (nothing
 * to show) or notices (shown, with something left out).
 */
import { t } from '../i18n/i18n.svelte.ts';
import type { Atlas } from '../atlas.svelte.ts';
import { loadStoryCode } from '../story-code.svelte.ts';
import type { ParsedLink } from '../url/hash.ts';
import { resolveDataUrl, allowedDataOrigins } from '../url/data.ts';
import { loadStoryIndex, type StoryIndexEntry } from './load.ts';
import { loadInWorker, type LoadProgress } from './worker-load.ts';
import { Activity } from './pace.ts';

/** A story as chosen: its bundle, and (a bundled story) its places file for the map to draw first. */
interface Chosen {
  url: URL;
  places?: { url: URL; focus: [number, number, number, number]; cluster: boolean };
}

export class StoryLoader {
  loading = $state(true);
  errors = $state.raw<string[]>([]);
  progress = $state.raw<LoadProgress | null>(null);
  /** The link is applied: from now on, state changes are written back to the URL. */
  ready = $state(false);
  /** The stories published here (empty when a data= link opened a dataset instead). */
  stories = $state.raw<StoryIndexEntry[]>([]);
  /** Whether the reader is moving the map (the map tells it): the loading work gives way then. */
  readonly activity = new Activity();

  #atlas: Atlas;
  #link: ParsedLink;
  #base: URL;
  #dataOrigins: string[];
  /** The link's data= was opened (a refused one is dropped from the links we write). */
  #dataAccepted = false;

  /**
   * @param base the folder the site is served from (stories/, the basemap and data= paths are
   *   relative to it)
   * @param dataOrigins other hosts a data= link may open, besides the site's own (by default
   *   those the build was given in VITE_DATA_ORIGINS)
   */
  constructor(atlas: Atlas, link: ParsedLink, base: URL, dataOrigins = allowedDataOrigins(import.meta.env.VITE_DATA_ORIGINS)) {
    this.#atlas = atlas;
    this.#link = link;
    this.#base = base;
    this.#dataOrigins = dataOrigins;
    // The story worker is not started here: a bundled story is drawn from its places file first,
    // and the worker (its code too) is loaded only once the map has drawn it (worker-load.ts).
  }

  /** Starts loading at once (the download need not wait for the map); the returned function stops it. */
  start(): () => void {
    const controller = new AbortController();
    this.#load(controller.signal)
      .catch((err: Error) => {
        if (err.name !== 'AbortError') this.errors = [`The story could not be loaded: ${err.message}`];
      })
      .finally(() => (this.loading = false));
    return () => controller.abort();
  }

  async #load(signal: AbortSignal): Promise<void> {
    const atlas = this.#atlas;
    const { state: link, problems } = this.#link;
    for (const p of problems) atlas.notify(p);
    const chosen = await this.#chooseStory(signal);
    if (!chosen) return;
    const { url, places: placesFile } = chosen;
    // Fetch, parse, validate and index in a worker; the map gets its places first and draws
    // while the lists are prepared.
    let fitted = false;
    const result = await loadInWorker(url, {
      signal,
      onProgress: (p) => (this.progress = p),
      onPlaces: (places) => {
        atlas.mapPlaces = places;
        if (!link.view) {
          atlas.requestCamera({ kind: 'fit-story' });
          fitted = true;
        }
      },
      onProblem: (message) => atlas.notify(message),
      activity: this.activity,
      // The code that shows a story comes with the story, not in the first download.
      code: loadStoryCode,
      ...(placesFile ? { places: placesFile } : {}),
    });
    if (!result.ok) {
      atlas.mapPlaces = null;
      this.errors = result.errors;
      return;
    }
    for (const w of result.warnings) console.warn(w);
    atlas.linkExtras = {
      ...(this.#dataAccepted && link.data ? { data: link.data } : {}),
      ...(link.extra ? { extra: link.extra } : {}),
      nameStory: this.stories.length > 1 || Boolean(link.story),
    };
    // Loaded alongside the model (above): in by now.
    await loadStoryCode();
    if (signal.aborted) return;
    atlas.story = result.model;
    void result.search?.then((index) => index && atlas.useSearchIndex(result.model, index));
    // The map opened on the link's view, if it had one; else it shows the whole story.
    await atlas.applyLink(link, { jump: false });
    if (signal.aborted) return;
    if (!link.view && !fitted) atlas.requestCamera({ kind: 'fit-story' });
    this.ready = true;
  }

  /** The dataset the link asks for (data=), else the link's story, else the first bundled story. */
  async #chooseStory(signal: AbortSignal): Promise<Chosen | undefined> {
    const { data, story: wanted } = this.#link.state;
    if (data) {
      const url = resolveDataUrl(data, this.#base, this.#dataOrigins);
      if (url) {
        this.#dataAccepted = true;
        return { url };
      }
      this.#atlas.notify(t.notices.notOnSite);
    }
    const index = await loadStoryIndex(this.#base, signal);
    if (typeof index === 'string') {
      this.errors = [index];
      return undefined;
    }
    this.stories = index;
    const entry = (wanted && index.find((s) => s.id === wanted)) || index[0];
    if (wanted && entry && entry.id !== wanted) this.#atlas.notify(t.notices.badStory({ id: wanted, title: entry.title }));
    if (!entry) {
      this.errors = [t.notices.noStory];
      return undefined;
    }
    const url = new URL(entry.file, this.#base);
    if (!entry.places || !entry.focus || entry.cluster === undefined) return { url };
    return { url, places: { url: new URL(entry.places, this.#base), focus: entry.focus, cluster: entry.cluster } };
  }
}
