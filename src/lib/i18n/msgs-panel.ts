/**
 * Messages of a part of the interface that loads on demand: imported only by its own
 * components, so its English text rides in their chunk, not in the main bundle. (The Arabic and
 * Hebrew catalogues hold every part: one file per language.)
 */
import { define } from './i18n.svelte.ts';
import { EN_PANEL_PARTS } from './en-panel.ts';
import { storyText } from '../story/translate.ts';
import type { CategoryDef } from '../story/types.ts';

export const tDetail = define('detail', EN_PANEL_PARTS.detail);
export const tList = define('list', EN_PANEL_PARTS.list);
export const tFilters = define('filters', EN_PANEL_PARTS.filters);
/** Standard categories: translated in ar/he; English shows the story's own label. */
export const tCategories = define('categories', {} as Record<string, string>);

/**
 * A category's label in `lang`: a standard one from the catalogue, a story's own from its
 * translations where it has one, else as the story writes it.
 */
export function categoryName(categories: readonly CategoryDef[], id: string, lang: string, storyLang: string): string {
  if (Object.hasOwn(tCategories, id)) return tCategories[id]!;
  const own = categories.find((c) => c.id === id);
  return own ? storyText(own, 'label', lang, storyLang).text : id;
}
