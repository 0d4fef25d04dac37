/**
 * The app's state: the loaded story, what is selected, what the camera was asked to do, and the
 * notices the reader sees. User actions change it; the map, the lists and the URL follow it.
 */
import { getContext, setContext, untrack } from 'svelte';
import type { StoryModel } from './story/model.ts';
import type { PlaceFeature, StoryEvent } from './story/types.ts';
import { formatHash, type View, type LinkState } from './url/hash.ts';
import { t, locale, setLanguage } from './i18n/i18n.svelte.ts';
import { LANG_NAMES, type Lang } from './i18n/lang.ts';
import type { SearchIndex, FilterResult } from './story/filter.ts';
import { isFiltering, type Filters } from './story/range.ts';
import type { MapPlaces } from './story/map-places.ts';
import { storyCode } from './story-code.svelte.ts';

/** What the map should do with its camera; each request carries a fresh serial. */
export type CameraRequest =
  | { kind: 'view'; view: View; serial: number }
  | { kind: 'fit-story'; serial: number }
  /** Bring these places into view, moving only if one of them is hidden (off screen or under an overlay). */
  | { kind: 'reveal'; placeIds: string[]; source: SelectionSource; serial: number }
  /** Frame an event: its places in view, its movements long enough to read. */
  | { kind: 'frame'; eventId: string; source: SelectionSource; serial: number };

type CameraAsk = CameraRequest extends infer R ? (R extends CameraRequest ? Omit<R, 'serial'> : never) : never;

const MAX_NOTICES = 3;

export type SelectionSource = 'map' | 'list' | 'link';

export class Atlas {
  story = $state.raw<StoryModel | null>(null);
  /** How the map draws the story's places; known before the story (the map draws while it loads). */
  mapPlaces = $state.raw<MapPlaces | null>(null);
  place = $state<string | null>(null);
  event = $state<string | null>(null);
  /** The camera as the map last reported it (written only by the map). */
  view = $state.raw<View | null>(null);
  camera = $state.raw<CameraRequest | null>(null);
  notices = $state<string[]>([]);
  /** Text for the aria-live region: what just got selected. */
  announcement = $state('');
  /** Where the last selection came from (a map click should not move the map). */
  source = $state<SelectionSource>('link');
  embed = $state(false);
  /** The interface language; a shared link names it only when the reader chose it (or a link did). */
  lang = $state<Lang>('en');
  langChosen = $state(false);
  /** Time range, categories and search: what the lists, the map and the timeline show. */
  from = $state<string | null>(null);
  to = $state<string | null>(null);
  cats = $state<string[]>([]);
  q = $state('');
  /** Link parts that ride along unchanged: the dataset, keys of other tools, whether to name the story. */
  linkExtras = $state.raw<{ data?: string; extra?: [string, string][]; nameStory?: boolean }>({});
  #serial = 0;
  #linkSerial = 0;

  /** Everything a shared link carries, for the URL and the share panel. */
  link: LinkState = $derived.by(() => {
    const { data, extra, nameStory } = this.linkExtras;
    return {
      ...(this.view ? { view: this.view } : {}),
      ...(data ? { data } : {}),
      ...(this.story && nameStory ? { story: this.story.meta.id } : {}),
      ...(this.place ? { place: this.place } : {}),
      ...(this.event ? { event: this.event } : {}),
      ...(this.from ? { from: this.from } : {}),
      ...(this.to ? { to: this.to } : {}),
      ...(this.cats.length ? { cat: [...this.cats] } : {}),
      ...(this.q.trim() ? { q: this.q } : {}),
      ...(this.embed ? { embed: true } : {}),
      ...(this.langChosen ? { lang: this.lang } : {}),
      ...(extra ? { extra } : {}),
    };
  });

  filters: Filters = $derived({ from: this.from, to: this.to, cats: this.cats, q: this.q });
  filtering: boolean = $derived(isFiltering(this.filters));
  /** A search index built elsewhere (the story worker) for this story. */
  #searchGiven = $state.raw<{ story: StoryModel; index: SearchIndex } | null>(null);
  /** Changes only when the query goes from empty to not, or back: not on every keystroke. */
  #searching = $derived(this.q.trim() !== '');
  /**
   * Search is a lookup, not a scan per keystroke. The story worker builds the index and hands it
   * over after the lists; until then (and for a tiled story) it is built here, once a search
   * needs it (about a second of the page's time at 100k events).
   */
  searchIndex: SearchIndex | null = $derived.by(() => {
    const story = this.story;
    if (!story) return null;
    const given = this.#searchGiven;
    if (given?.story === story) return given.index;
    const code = storyCode.current;
    return this.#searching && code ? new code.SearchIndex(story) : null;
  });
  // (The index only when searching: its arrival then does not filter 100k events again.)
  // (Null without the story's code, story-code.svelte.ts: the loader shows no story before it.)
  filtered: FilterResult | null = $derived(
    this.story && storyCode.current ? storyCode.current.applyFilters(this.story, this.filters, this.#searching ? this.searchIndex : null) : null,
  );

  /** Takes the search index of `story` built elsewhere (kept only while that story is shown). */
  useSearchIndex(story: StoryModel, index: SearchIndex): void {
    if (story === this.story) this.#searchGiven = { story, index };
  }

  selectedPlace: PlaceFeature | undefined = $derived(this.place ? this.story?.placeById.get(this.place) : undefined);
  selectedEvent: StoryEvent | undefined = $derived(this.event ? this.story?.eventById.get(this.event) : undefined);

  /** Places to highlight: the selected place and every place of the selected event. */
  highlighted: ReadonlySet<string> = $derived.by(() => {
    const ids = new Set<string>();
    if (this.place) ids.add(this.place);
    for (const p of this.selectedEvent?.places ?? []) ids.add(p.id);
    return ids;
  });

  /**
   * The link to this same view and filters with another selection: the href of every in-app
   * link, so "open in new tab" or "copy link" on an event gives a link that works on its own.
   */
  hrefFor(selection: { place?: string | null; event?: string | null }): string {
    const { place: _p, event: _e, ...rest } = this.link;
    return formatHash({
      ...rest,
      ...(selection.place ? { place: selection.place } : {}),
      ...(selection.event ? { event: selection.event } : {}),
    });
  }

  requestCamera(request: CameraAsk): void {
    this.camera = { ...request, serial: ++this.#serial } as CameraRequest;
  }

  /**
   * Selects a place (null: none) and announces it; the camera brings it into view if it is hidden.
   * With the story's code (story-code.svelte.ts, selection.ts): there is nothing to select before.
   */
  selectPlace(id: string | null, source: SelectionSource): void {
    if (this.story) storyCode.current?.selectPlace(this, this.story, id, source);
  }

  /** Selects an event (null: none) and announces it; the camera frames it. See selectPlace. */
  selectEvent(id: string | null, source: SelectionSource): void {
    if (this.story) storyCode.current?.selectEvent(this, this.story, id, source);
  }

  clearSelection(): void {
    this.place = null;
    this.event = null;
    this.announcement = t.notices.cleared;
  }

  /**
   * The one place a link meets the story. Place and event ids the story lacks, and categories it
   * does not know, become notices and are left out; the rest is selected and filtered as the link
   * says. A tiled story looks the link's place (and its events) up first, so this may finish
   * later; a newer link wins over an older one still being looked up.
   * `jump: false` leaves the camera alone: at start the map already opened on the link's view.
   * (The work is the story's code's, selection.ts: it is in whenever a story is.)
   */
  async applyLink(link: LinkState, { jump = true }: { jump?: boolean } = {}): Promise<void> {
    const story = this.story;
    const code = storyCode.current;
    if (!story || !code) return;
    const serial = ++this.#linkSerial;
    await code.applyLink(this, story, link, { jump, stale: () => serial !== this.#linkSerial || story !== this.story });
  }

  clearFilters(): void {
    this.from = null;
    this.to = null;
    this.cats = [];
    this.q = '';
    this.announcement = t.notices.filtersCleared;
  }

  /**
   * Switches the interface language once its messages are in. `chosen`: the reader (or a link)
   * picked it, so links made from now on carry it; a language from the browser's preferences does not.
   */
  async chooseLanguage(lang: Lang, chosen = true): Promise<void> {
    try {
      await setLanguage(lang);
    } catch (err) {
      // Offline, or the site lacks the catalogue: the reader keeps the page as it was, and is told.
      console.error('The interface language could not be loaded:', err);
      this.notify(t.notices.languageFailed({ language: LANG_NAMES[lang] }));
      return;
    }
    // A later choice may have overtaken this one: the language shown is the one the app follows.
    this.lang = locale.current;
    if (chosen) this.langChosen = true;
  }

  /** Shows a notice; only the latest few stay, so a burst of bad links cannot bury the map. */
  notify(message: string): void {
    // Untracked: called from effects, which must not come to depend on the notices they add.
    untrack(() => {
      this.notices = [...this.notices.filter((m) => m !== message), message].slice(-MAX_NOTICES);
    });
  }

  dismiss(message: string): void {
    this.notices = this.notices.filter((m) => m !== message);
  }
}

const KEY = Symbol('atlas');
export const setAtlas = (atlas: Atlas): Atlas => setContext(KEY, atlas);
export function getAtlas(): Atlas {
  const atlas = getContext<Atlas | undefined>(KEY);
  if (!atlas) throw new Error('getAtlas() needs an Atlas set by the App');
  return atlas;
}
