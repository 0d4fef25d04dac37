/**
 * The app's state: the loaded story, what is selected, what the camera was asked to do, and the
 * notices the reader sees. User actions change it; the map, the lists and the URL follow it.
 */
import { getContext, setContext, untrack } from 'svelte';
import type { StoryModel } from '../story/model.ts';
import type { PlaceFeature, StoryEvent } from '../story/types.ts';
import type { View, LinkState } from '../url/hash.ts';
import { formatWhen } from '../story/format.ts';
import type { MapPlaces } from '../story/map-places.ts';

/** What the map should do with its camera; each request carries a fresh serial. */
export type CameraRequest =
  | { kind: 'view'; view: View; serial: number }
  | { kind: 'fit-story'; serial: number }
  /** Bring these places into view, moving only if one of them is off screen. */
  | { kind: 'reveal'; placeIds: string[]; serial: number };

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
  /** Link parts that ride along unchanged: the dataset, keys of other tools, whether to name the story. */
  linkExtras = $state.raw<{ data?: string; extra?: [string, string][]; nameStory?: boolean }>({});
  #serial = 0;

  /** Everything a shared link carries, for the URL and the share panel. */
  link: LinkState = $derived.by(() => {
    const { data, extra, nameStory } = this.linkExtras;
    return {
      ...(this.view ? { view: this.view } : {}),
      ...(data ? { data } : {}),
      ...(this.story && nameStory ? { story: this.story.meta.id } : {}),
      ...(this.place ? { place: this.place } : {}),
      ...(this.event ? { event: this.event } : {}),
      ...(this.embed ? { embed: true } : {}),
      ...(extra ? { extra } : {}),
    };
  });

  selectedPlace: PlaceFeature | undefined = $derived(this.place ? this.story?.placeById.get(this.place) : undefined);
  selectedEvent: StoryEvent | undefined = $derived(this.event ? this.story?.eventById.get(this.event) : undefined);

  /** Places to highlight: the selected place and every place of the selected event. */
  highlighted: ReadonlySet<string> = $derived.by(() => {
    const ids = new Set<string>();
    if (this.place) ids.add(this.place);
    for (const p of this.selectedEvent?.places ?? []) ids.add(p.id);
    return ids;
  });

  requestCamera(request: { kind: 'view'; view: View } | { kind: 'fit-story' } | { kind: 'reveal'; placeIds: string[] }): void {
    this.camera = { ...request, serial: ++this.#serial };
  }

  selectPlace(id: string | null, source: SelectionSource): void {
    const place = id ? this.story?.placeById.get(id) : undefined;
    this.source = source;
    this.place = place ? place.id : null;
    if (place) {
      const n = this.story?.eventsByPlace.get(place.id)?.length ?? 0;
      this.announcement = `${place.properties.name} selected: ${n} event${n === 1 ? '' : 's'}.`;
      if (source !== 'map') this.requestCamera({ kind: 'reveal', placeIds: [place.id] });
    }
  }

  selectEvent(id: string | null, source: SelectionSource): void {
    const event = id ? this.story?.eventById.get(id) : undefined;
    this.source = source;
    this.event = event ? event.id : null;
    // A place popup that is not one of the event's places would point the reader elsewhere.
    if (event && this.place && !event.places.some((p) => p.id === this.place)) this.place = null;
    if (event) {
      this.announcement = `Event selected: ${event.title}, ${formatWhen(event)}.`;
      if (source !== 'link') this.requestCamera({ kind: 'reveal', placeIds: event.places.map((p) => p.id) });
    }
  }

  clearSelection(): void {
    this.place = null;
    this.event = null;
    this.announcement = 'Selection cleared.';
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
