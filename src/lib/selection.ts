/**
 * What the app state (Atlas) does once a story is in: selecting a place or an event (with its
 * announcement and camera request) and applying a link. Part of the story's code (with-story.ts,
 * story-code.svelte.ts): nothing can be selected before a story, so a reader's first download
 * holds none of it. Atlas's methods of the same names are the way in.
 */
import type { Atlas, SelectionSource } from './atlas.svelte.ts';
import type { StoryModel } from './story/model.ts';
import type { LinkState } from './url/hash.ts';
import { t, whenIn } from './i18n/i18n.svelte.ts';
import { placeName } from './i18n/places.ts';
import { eventTitle } from './story/translate.ts';
import { filterSpan } from './story/range.ts';
import { isTiled } from './tiles/tiled.ts';

export function selectPlace(atlas: Atlas, story: StoryModel, id: string | null, source: SelectionSource): void {
  const place = id ? story.placeById.get(id) : undefined;
  atlas.source = source;
  atlas.place = place ? place.id : null;
  if (place) {
    const n = story.eventsByPlace.get(place.id)?.length ?? 0;
    atlas.announcement = t.notices.placeSelected({ name: placeName(place, atlas.lang).text, count: n });
    // The camera moves only if the place is hidden (a tap near an edge, under the card).
    atlas.requestCamera({ kind: 'reveal', placeIds: [place.id], source });
  }
}

export function selectEvent(atlas: Atlas, story: StoryModel, id: string | null, source: SelectionSource): void {
  const event = id ? story.eventById.get(id) : undefined;
  atlas.source = source;
  atlas.event = event ? event.id : null;
  // A place popup that is not one of the event's places would point the reader elsewhere.
  // (A link restores exactly what it names, even an unrelated pair.)
  if (source !== 'link' && event && atlas.place && !event.places.some((p) => p.id === atlas.place)) atlas.place = null;
  if (event) {
    // A tiled story learns the event's other places, so its links and arrows work.
    if (isTiled(story)) void story.resolvePlaces(event.places.map((p) => p.id));
    const title = eventTitle(event, atlas.lang, story.meta.language ?? 'en').text;
    atlas.announcement = t.notices.eventSelected({ title, when: whenIn(atlas.lang, t.when, event) });
    atlas.requestCamera({ kind: 'frame', eventId: event.id, source });
  }
}

/**
 * Atlas.applyLink's work (see there). `stale`: whether a newer link, or another story, came while
 * a tiled story looked this link's places up.
 */
export async function applyLink(atlas: Atlas, story: StoryModel, link: LinkState, { jump, stale }: { jump: boolean; stale: () => boolean }): Promise<void> {
  if (isTiled(story)) {
    const notes = await story.resolveLink(link);
    if (stale()) return;
    for (const note of notes) atlas.notify(note);
  }
  if (link.place && !story.placeById.has(link.place)) {
    atlas.notify(t.notices.badPlace({ id: link.place }));
  }
  if (link.event && !story.eventById.has(link.event)) {
    atlas.notify(t.notices.badEvent({ id: link.event }));
  }
  setFilters(atlas, story, link);
  selectPlace(atlas, story, link.place ?? null, 'link');
  selectEvent(atlas, story, link.event ?? null, 'link');
  if (jump && link.view) atlas.requestCamera({ kind: 'view', view: link.view });
}

/** Sets every filter at once (from a link), keeping only categories the story knows. */
function setFilters(atlas: Atlas, story: StoryModel, f: Pick<LinkState, 'from' | 'to' | 'cat' | 'q'>): void {
  let { from = null, to = null } = f;
  // Reversed only when the range would be empty: "2024-05" to "2024" is May to December.
  if (from && to && filterSpan({ from, to })[0] >= filterSpan({ from, to })[1]) {
    [from, to] = [to, from];
    atlas.notify(t.notices.reversed);
  }
  const known = new Set(story.categories.map((c) => c.id));
  const cats = (f.cat ?? []).filter((c) => known.has(c));
  if (cats.length !== (f.cat ?? []).length) atlas.notify(t.notices.badCats);
  atlas.from = from;
  atlas.to = to;
  // The same categories again would still be a new array: everything filtered would be redone.
  if (cats.length !== atlas.cats.length || cats.some((c, i) => c !== atlas.cats[i])) atlas.cats = cats;
  atlas.q = f.q ?? '';
}
