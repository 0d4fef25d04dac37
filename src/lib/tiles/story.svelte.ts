/**
 * A story too big for one file, read from pre-built tiles (`npm run tiles`): the map draws the
 * places from vector tiles; the app knows a place only once it is seen on the map or named by a
 * link, and fetches a place's events from its event file when the place is opened. The model
 * grows as the reader explores; a private $state version makes every read of it reactive.
 */
import type { BBox } from 'geojson';
import { byChrono, labelOf, type StoryModel } from '../story/model.ts';
import { STANDARD_CATEGORIES } from '../story/categories.ts';
import { eventsOfPlace, expandTemplate, shardOf, tilePlace, type EventShard, type TilesManifest } from './format.ts';
import type { CategoryDef, PlaceFeature, StoryEvent } from '../story/types.ts';
import type { MapPlaces } from '../story/map-places.ts';
import { TILED } from './tiled.ts';
import { tileFilter } from './filter.ts';
import type { ExpressionSpecification } from 'maplibre-gl';
import type { Filters } from '../story/filter.ts';

/** How the map draws a tiled story: its PMTiles archive, through the `pmtiles://` protocol. */
export function tilesMapPlaces(manifest: TilesManifest, manifestUrl: URL): MapPlaces {
  const bbox = manifest.bbox as BBox;
  return {
    kind: 'tiles',
    // The basemap's form (style.ts): the archive read tile by tile, zooms and bounds from the manifest.
    tiles: `pmtiles://${new URL(manifest.tiles.url, manifestUrl).href}/{z}/{x}/{y}`,
    sourceLayer: manifest.tiles.layer,
    minzoom: manifest.tiles.minzoom,
    maxzoom: manifest.tiles.maxzoom,
    clusterMaxZoom: manifest.tiles.clusterMaxZoom,
    bounds: bbox,
    focus: bbox,
  };
}

/** A read-only map whose reads depend on the story's version (so deriveds follow it). */
class LiveMap<V> implements ReadonlyMap<string, V> {
  constructor(
    private readonly inner: Map<string, V>,
    private readonly touch: () => void,
    private readonly miss: (id: string) => V | undefined = () => undefined,
  ) {}
  get(id: string): V | undefined {
    this.touch();
    return this.inner.get(id) ?? this.miss(id);
  }
  has(id: string): boolean {
    this.touch();
    return this.inner.has(id);
  }
  get size(): number {
    this.touch();
    return this.inner.size;
  }
  entries(): MapIterator<[string, V]> {
    this.touch();
    return this.inner.entries();
  }
  keys(): MapIterator<string> {
    this.touch();
    return this.inner.keys();
  }
  values(): MapIterator<V> {
    this.touch();
    return this.inner.values();
  }
  [Symbol.iterator](): MapIterator<[string, V]> {
    return this.entries();
  }
  forEach(fn: (value: V, key: string, map: ReadonlyMap<string, V>) => void): void {
    for (const [k, v] of this.entries()) fn(v, k, this);
  }
}

export class TilesStory implements StoryModel {
  readonly [TILED] = true as const;
  readonly meta: TilesManifest['story'];
  readonly bbox: BBox;
  readonly focus: BBox;
  readonly categories: CategoryDef[];
  /** The whole dataset's size, for the panel (the lists hold only what was opened). */
  readonly total: { places: number; events: number };
  readonly placeById: ReadonlyMap<string, PlaceFeature>;
  readonly eventById: ReadonlyMap<string, StoryEvent>;
  readonly eventsByPlace: ReadonlyMap<string, StoryEvent[]>;

  #version = $state(0);
  readonly #places = new Map<string, PlaceFeature>();
  readonly #events = new Map<string, StoryEvent>();
  readonly #byPlace = new Map<string, StoryEvent[]>();
  readonly #loading = new Map<string, Promise<void>>();
  readonly #shards = new Map<number, Promise<EventShard>>();
  #lists: { version: number; places: PlaceFeature[]; events: StoryEvent[] } | null = null;

  constructor(
    readonly manifest: TilesManifest,
    private readonly manifestUrl: URL,
    private readonly onProblem: (message: string) => void = console.warn,
  ) {
    this.meta = manifest.story;
    this.bbox = manifest.bbox as BBox;
    this.focus = manifest.bbox as BBox;
    this.total = { places: manifest.counts.places, events: manifest.counts.events };
    this.categories = [...new Set([...STANDARD_CATEGORIES, ...manifest.categories])].map(
      (id) => manifest.story.categories?.find((c) => c.id === id) ?? { id, label: labelOf(id) },
    );
    const touch = () => void this.#version;
    this.placeById = new LiveMap(this.#places, touch);
    this.eventById = new LiveMap(this.#events, touch);
    // Asking for a known place's events starts loading them; the answer comes with a new version.
    this.eventsByPlace = new LiveMap(this.#byPlace, touch, (id) => {
      if (this.#places.has(id)) void this.load(id);
      return undefined;
    });
  }

  /** The reader's filters as an expression over this story's tile features (see tiles/filter.ts). */
  tileFilter(filters: Pick<Filters, 'from' | 'to' | 'cats'>): ExpressionSpecification | null {
    return tileFilter(filters, this.manifest.categories);
  }

  /** The places seen or opened so far, in the order they became known. */
  get places(): PlaceFeature[] {
    return this.#current().places;
  }

  /** The events loaded so far (those of opened places), in chronological order. */
  get events(): StoryEvent[] {
    return this.#current().events;
  }

  /** Whether a place's events are being fetched. */
  pending(id: string): boolean {
    void this.#version;
    return this.#loading.has(id) && !this.#byPlace.has(id);
  }

  /**
   * Makes a place drawn on the map (a tile feature's id, name and point) known to the app. These
   * come from the tiles, untrusted: an id that is not a place id or a point off the globe is
   * ignored, a name is cut to a sane length (tilePlace). Whether it was taken.
   */
  remember(rawId: unknown, rawName: unknown, rawAt: readonly unknown[]): boolean {
    const place = tilePlace(rawId, rawName, rawAt);
    if (!place) return false;
    const { id, name, at } = place;
    if (this.#places.has(id)) return true;
    this.#places.set(id, {
      type: 'Feature',
      id,
      geometry: { type: 'Point', coordinates: at },
      properties: { name, kind: 'place', precision: { level: 'site', radiusM: 0 }, description: '' },
    });
    this.#version++;
    return true;
  }

  /** Makes places known from their event files (for links and an event's other places). */
  async resolvePlaces(ids: readonly string[]): Promise<void> {
    const unknown = ids.filter((id) => !this.#places.has(id));
    if (!unknown.length) return;
    await Promise.all(
      unknown.map(async (id) => {
        const shard = await this.#shard(shardOf(id, this.manifest.events.shards)).catch(() => null);
        const info = shard?.info?.[id];
        if (info && !this.#places.has(id) && !this.remember(id, info[2], [info[0], info[1]])) {
          this.onProblem(`The place “${id}” in the event files is malformed and was left out.`);
        }
      }),
    );
  }

  /**
   * Resolves a link's place (and, through it, its event) before the app applies the link. An event
   * can be found cheaply only among the events of a place: an event link without its place (or
   * not at it) cannot be resolved without reading every event file, so it is reported instead.
   */
  async resolveLink(link: { place?: string; event?: string }): Promise<string[]> {
    const notes: string[] = [];
    if (link.place) {
      await this.resolvePlaces([link.place]);
      if (this.#places.has(link.place)) await this.load(link.place);
    }
    if (link.event && !this.#events.has(link.event)) {
      notes.push(
        link.place
          ? `The event “${link.event}” in the link is not among the events of “${link.place}”.`
          : `The event “${link.event}” in the link cannot be looked up in this tiled dataset without its place; open a place to see its events.`,
      );
    }
    return notes;
  }

  /** Fetches a place's events (once) from the event files. */
  load(id: string): Promise<void> {
    const running = this.#loading.get(id);
    if (running) return running;
    const task = (async () => {
      let events: StoryEvent[] = [];
      try {
        // The validator is loaded only here: a page with a bundled story never needs it.
        const [raw, { checkEvents }] = await Promise.all([
          eventsOfPlace(id, this.manifest.events.shards, (s) => this.#shard(s)),
          import('../story/check-events.ts'),
        ]);
        // Validated where they enter, like any story data.
        const checked = checkEvents(raw);
        events = checked.events;
        if (checked.bad) this.onProblem(`${checked.bad} events of “${id}” were malformed and left out.`);
        events = events.sort(byChrono);
      } catch (err) {
        this.onProblem(`The events of “${id}” could not be loaded: ${(err as Error).message}`);
      }
      this.#byPlace.set(id, events);
      for (const e of events) this.#events.set(e.id, e);
      this.#version++;
    })();
    this.#loading.set(id, task);
    return task;
  }

  #shard(n: number): Promise<EventShard> {
    let p = this.#shards.get(n);
    if (!p) {
      const url = new URL(expandTemplate(this.manifest.events.url, { shard: n }), this.manifestUrl);
      const shards = this.manifest.events.shards;
      p = fetch(url)
        .then((r) => {
          if (!r.ok) throw new Error(`${url.pathname}: the server answered ${r.status}`);
          return r.json() as Promise<unknown>;
        })
        // The checker (and its schema library) is loaded only by a tiled story, on its first file.
        .then(async (json) => {
          const { checkShard } = await import('./manifest.ts');
          // Checked where it enters, like the manifest: a broken file is one clear message.
          const shard = checkShard(json, n, shards, url.pathname);
          if (typeof shard === 'string') throw new Error(shard);
          return shard;
        });
      // A failed file may be retried on the next request.
      p.catch(() => this.#shards.delete(n));
      this.#shards.set(n, p);
    }
    return p;
  }

  #current(): { places: PlaceFeature[]; events: StoryEvent[] } {
    const version = this.#version;
    if (this.#lists?.version !== version) {
      const events = [...this.#events.values()].sort(byChrono);
      this.#lists = { version, places: [...this.#places.values()], events };
    }
    return this.#lists;
  }
}
