/**
 * Messages of a part of the interface that loads on demand: imported only by its own
 * components, so its English text rides in their chunk, not in the main bundle. (The Arabic and
 * Hebrew catalogues hold every part: one file per language.)
 */
import { define } from './i18n.svelte.ts';
import { EN_TIMELINE } from './en-timeline.ts';

export const tTimeline = define('timeline', EN_TIMELINE.timeline);
