/**
 * The code a reader needs only once a story is in (with-story.ts: filtering and search, the story
 * in the side panel, its selection and filters on the map, selecting and applying links). It is
 * no part of the first download: the loader starts it with the story worker, after the map has
 * drawn the places, and hands the app the story only once it is in, so none of it ever shows
 * later than the story.
 */
type StoryCode = typeof import('./with-story.ts');

let code = $state.raw<StoryCode | null>(null);
let loading: Promise<StoryCode> | null = null;

/** The loaded code, or null before it is in (there is no story then either). */
export const storyCode = {
  get current(): StoryCode | null {
    return code;
  },
};

/** Loads the code (once; again after a failure). */
export function loadStoryCode(): Promise<StoryCode> {
  loading ??= import('./with-story.ts').then(
    (m) => (code = m),
    (err: unknown) => {
      loading = null;
      throw err;
    },
  );
  return loading;
}
