/**
 * Messages of a part of the interface that loads on demand: imported only by its own
 * components, so its English text rides in their chunk, not in the main bundle. (The Arabic and
 * Hebrew catalogues hold every part: one file per language.)
 */
import { define } from './i18n.svelte.ts';
import { EN_PANEL_PARTS } from './en-panel.ts';

export const tDetail = define('detail', EN_PANEL_PARTS.detail);
export const tList = define('list', EN_PANEL_PARTS.list);
export const tFilters = define('filters', EN_PANEL_PARTS.filters);
/** Standard categories: translated in ar/he; English shows the story's own label. */
export const tCategories = define('categories', {} as Record<string, string>);
