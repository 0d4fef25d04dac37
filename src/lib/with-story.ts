/**
 * What the page needs only once a story is in, as one chunk: the filtering and search, the story
 * in the side panel, what the map shows of it beyond its places, and its texts in the reader's
 * language (titles and names for the window's title and the announcements). Loaded through
 * story-code.svelte.ts, never imported statically.
 */
export { applyFilters, SearchIndex } from './story/filter.ts';
export { default as StoryContent } from './ui/StoryContent.svelte';
export { default as StoryStates } from './map/StoryStates.svelte';
export { storyTitle, eventTitle } from './story/translate.ts';
export { placeName } from './i18n/places.ts';
