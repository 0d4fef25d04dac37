/**
 * The app's state: the loaded story, what is selected, what the camera was asked to do, and the
 * notices the reader sees. User actions change it; the map, the lists and the URL follow it.
 */
import { getContext, setContext, untrack } from 'svelte';
import type { StoryModel } from './story/model.ts';
import type { PlaceFeature, StoryEvent } from './story/types.ts';
import { formatHash, type View, type LinkState } from './url/hash.ts';
import { t, locale, setLanguage, whenIn } from './i18n/i18n.svelte.ts';
import { LANG_NAMES, type Lang } from './i18n/lang.ts';
import type { SearchIndex, FilterResult } from './story/filter.ts';
import { isFiltering, filterSpan, type Filters } from './story/range.ts';
import type { MapPlaces } from './story/map-places.ts';
import { isTiled } from './tiles/tiled.ts';
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

  selectPlace(id: string | null, source: SelectionSource): void {
    const place = id ? this.story?.placeById.get(id) : undefined;
    this.source = source;
    this.place = place ? place.id : null;
    if (place) {
      const n = this.story?.eventsByPlace.get(place.id)?.length ?? 0;
      // (The story's code, with its names, is in: the loader shows no story before it.)
      this.announcement = t.notices.placeSelected({ name: storyCode.current!.placeName(place, this.lang).text, count: n });
      // The camera moves only if the place is hidden (a tap near an edge, under the card).
      this.requestCamera({ kind: 'reveal', placeIds: [place.id], source });
    }
  }

  selectEvent(id: string | null, source: SelectionSource): void {
    const event = id ? this.story?.eventById.get(id) : undefined;
    this.source = source;
    this.event = event ? event.id : null;
    // A place popup that is not one of the event's places would point the reader elsewhere.
    // (A link restores exactly what it names, even an unrelated pair.)
    if (source !== 'link' && event && this.place && !event.places.some((p) => p.id === this.place)) this.place = null;
    if (event) {
      // A tiled story learns the event's other places, so its links and arrows work.
      if (isTiled(this.story)) void this.story.resolvePlaces(event.places.map((p) => p.id));
      const title = storyCode.current!.eventTitle(event, this.lang, this.story?.meta.language ?? 'en').text;
      this.announcement = t.notices.eventSelected({ title, when: whenIn(this.lang, t.when, event) });
      this.requestCamera({ kind: 'frame', eventId: event.id, source });
    }
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
   */
  async applyLink(link: LinkState, { jump = true }: { jump?: boolean } = {}): Promise<void> {
    const story = this.story;
    if (!story) return;
    const serial = ++this.#linkSerial;
    if (isTiled(story)) {
      const notes = await story.resolveLink(link);
      if (serial !== this.#linkSerial || story !== this.story) return;
      for (const note of notes) this.notify(note);
    }
    if (link.place && !story.placeById.has(link.place)) {
      this.notify(t.notices.badPlace({ id: link.place }));
    }
    if (link.event && !story.eventById.has(link.event)) {
      this.notify(t.notices.badEvent({ id: link.event }));
    }
    this.#setFilters(link);
    this.selectPlace(link.place ?? null, 'link');
    this.selectEvent(link.event ?? null, 'link');
    if (jump && link.view) this.requestCamera({ kind: 'view', view: link.view });
  }

  /** Sets every filter at once (from a link), keeping only categories the story knows. */
  #setFilters(f: Pick<LinkState, 'from' | 'to' | 'cat' | 'q'>): void {
    let { from = null, to = null } = f;
    // Reversed only when the range would be empty: "2024-05" to "2024" is May to December.
    if (from && to && filterSpan({ from, to })[0] >= filterSpan({ from, to })[1]) {
      [from, to] = [to, from];
      this.notify(t.notices.reversed);
    }
    const known = new Set(this.story?.categories.map((c) => c.id) ?? []);
    const cats = (f.cat ?? []).filter((c) => known.has(c));
    if (cats.length !== (f.cat ?? []).length) this.notify(t.notices.badCats);
    this.from = from;
    this.to = to;
    // The same categories again would still be a new array: everything filtered would be redone.
    if (cats.length !== this.cats.length || cats.some((c, i) => c !== this.cats[i])) this.cats = cats;
    this.q = f.q ?? '';
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
