/**
 * What the page needs only once a story is in, as one chunk: the filtering and search, the story
 * in the side panel, what the map shows of it beyond its places, selecting in it and applying
 * links to it, and its title in the reader's language (for the window's title). Loaded through
 * story-code.svelte.ts, never imported statically.
 */
export { applyFilters, SearchIndex } from './story/filter.ts';
export { default as StoryContent } from './ui/StoryContent.svelte';
export { default as StoryStates } from './map/StoryStates.svelte';
export { storyTitle } from './story/translate.ts';
export { selectPlace, selectEvent, applyLink } from './selection.ts';
