/**
 * Whether a story is a tiled one, without loading the TilesStory class: the page that shows a
 * bundled story never downloads the tiles code (worker-load.ts imports it when a manifest comes).
 */
import type { StoryModel } from '../story/model.ts';
import type { TilesStory } from './story.svelte.ts';

/** The mark every TilesStory carries. */
export const TILED: unique symbol = Symbol('tiled story');

export const isTiled = (story: StoryModel | null | undefined): story is TilesStory =>
  Boolean(story && (story as { [TILED]?: true })[TILED]);
