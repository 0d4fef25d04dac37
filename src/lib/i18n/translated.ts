/**
 * The catalogue engine for languages other than English, fetched with the first of them a reader
 * chooses: @nanostores/i18n merges each catalogue over the English of every part (a message the
 * catalogue lacks keeps its English text) and keeps the catalogues it has fetched. Its stores feed
 * the parts' reactive messages (i18n.svelte.ts).
 */
import { atom } from 'nanostores';
import { createI18n, transform } from '@nanostores/i18n';
import type { Lang, Plural, Values } from './lang.ts';
import type { Part, Ready, Fn } from './i18n.svelte.ts';
import arUrl from './ar.json?url';
import heUrl from './he.json?url';

const URLS: Record<Exclude<Lang, 'en'>, string> = { ar: arUrl, he: heUrl };

const code = atom<Lang>('en');

async function fetchCatalogue(lang: string): Promise<Record<string, Record<string, unknown>>> {
  const url = URLS[lang as Exclude<Lang, 'en'>];
  if (!url) return {};
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${res.status} ${res.statusText}`);
  return (await res.json()) as Record<string, Record<string, unknown>>;
}

const i18n = createI18n(code, {
  // Only called for a language not yet in the cache (load fills it before switching).
  get: (lang) => fetchCatalogue(lang) as never,
});

/** `{name}` values and plural forms, in the language the library is showing (set by `attach`). */
let ready: Ready | undefined;
const vars = transform((lang: string, message: string | Plural, values: Values = {}): string => {
  // A translation may leave out a value its English takes: then it is plain text.
  const filled = ready!(lang, message);
  return typeof filled === 'string' ? filled : (filled as Fn)(values);
});

/** The parts attached so far, by name. */
const names = new Set<string>();

/**
 * Fetches a language's catalogue once (English has none). A part the catalogue lacks altogether
 * is entered empty, so it shows its English: left out, the library would fetch again for it and
 * hold back the whole switch until that fetch brought it.
 */
export async function load(lang: Lang): Promise<void> {
  if (lang === 'en' || i18n.cache[lang]) return;
  const catalogue = await fetchCatalogue(lang);
  for (const name of names) catalogue[name] ??= {};
  i18n.cache[lang] = catalogue as never;
}

/** Shows `lang` (its catalogue loaded) in every part. */
export function use(lang: Lang): void {
  code.set(lang);
}

/**
 * Feeds a part's messages from the library from now on. `readyWith` (i18n.svelte.ts's `ready`,
 * passed in so that this chunk does not share a module with the main one) says which messages
 * take values, and fills them, as it does for English.
 */
export function attach(part: Part, readyWith: Ready): void {
  ready = readyWith;
  names.add(part.name);
  for (const [lang, catalogue] of Object.entries(i18n.cache) as [string, Record<string, unknown>][]) if (lang !== 'en') catalogue[part.name] ??= {};
  const base: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(part.english)) {
    base[key] = typeof readyWith('en', value) === 'string' ? value : vars(value as never);
  }
  i18n(part.name, base as never).subscribe((messages) => part.set(messages as Record<string, unknown>));
}
