/**
 * The parts of the story panel that show a loaded story: one chunk, fetched when the story is
 * there (after the map has drawn it), so the first paint of the map does not wait on them.
 */
export { default as EventList } from './EventList.svelte';
export { default as PlaceList } from './PlaceList.svelte';
export { default as EventDetail } from './EventDetail.svelte';
export { default as FilterBar } from './FilterBar.svelte';
