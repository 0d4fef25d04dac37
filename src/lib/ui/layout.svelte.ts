/**
 * Which layout the page is in. "Phone" means a narrow screen (≤ 640 px) or a short one (≤ 500 px:
 * a phone held sideways, a small embed): the story becomes a bottom sheet and a place's card is
 * docked at the bottom of the map instead of floating beside the place. The CSS of App.svelte
 * and StoryPanel.svelte uses the same media query.
 */
import { MediaQuery } from 'svelte/reactivity';

export const PHONE_QUERY = '(max-width: 640px), (max-height: 500px)';

/** Whether the page is in its phone layout (reactive). */
export const phoneLayout = new MediaQuery(PHONE_QUERY, false);
