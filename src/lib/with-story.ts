/**
 * What the page needs only once a story is in, as one chunk: the filtering and search, and the
 * story in the side panel. Loaded through story-code.svelte.ts, never imported statically.
 */
export { applyFilters, SearchIndex } from './story/filter.ts';
export { default as StoryContent } from './ui/StoryContent.svelte';
