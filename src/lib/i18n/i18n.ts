/**
 * The interface's messages, through @nanostores/i18n: one store per part of the interface
 * (`$t.panel.events(...)` in a component, `t.notices.get()` in code), English in the bundle,
 * Arabic and Hebrew fetched as JSON when chosen. `setLanguage` fetches the catalogue first and
 * switches only once it is in, so the page never flashes English text in between; a message the
 * catalogue lacks keeps its English text (the library merges the catalogue over the base).
 */
import { atom } from 'nanostores';
import { createI18n, transform, type Messages } from '@nanostores/i18n';
import { EN, type Catalogue } from './en.ts';
import { type Lang, type Plural, type Values, fill, formatStoryDate } from './lang.ts';
import { dirOf } from '../story/format.ts';
import arUrl from './ar.json?url';
import heUrl from './he.json?url';

/** The interface language (the stores below follow it). */
export const locale = atom<Lang>('en');

const URLS: Record<Exclude<Lang, 'en'>, string> = { ar: arUrl, he: heUrl };

async function fetchCatalogue(code: string): Promise<Record<string, Record<string, unknown>>> {
  const url = URLS[code as Exclude<Lang, 'en'>];
  if (!url) return {};
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${res.status} ${res.statusText}`);
  return (await res.json()) as Record<string, Record<string, unknown>>;
}

const i18n = createI18n(locale, {
  // Only called for a language not yet in the cache (setLanguage fills it before switching).
  get: (code) => fetchCatalogue(code) as never,
});

export type Fn = (values?: Values) => string;
export type Wrapped<T> = {
  [K in keyof T]: T[K] extends string ? (T[K] extends `${string}{${string}` ? Fn : string) : Fn;
};

/**
 * `{name}` values (numbers in the language's digits) and plural forms: an object of forms is
 * chosen by `values.count` with Intl.PluralRules; a form the language lacks falls back to `other`.
 */
const vars = transform((code: string, message: string | Plural, values: Values = {}): string => fill(code, message, values));

/** The store of one part of the interface, from its English messages (once per part). */
export function define<T extends Record<string, unknown>>(name: string, english: T): Messages<Wrapped<T>> {
  const base: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(english)) {
    base[key] = typeof value === 'string' && !value.includes('{') ? value : vars(value as never);
  }
  const store = i18n(name, base as never) as unknown as Messages<Wrapped<T>>;
  // Kept subscribed: code outside components (notices) reads them with .get(), always current.
  store.listen(() => {});
  return store;
}

const part = <K extends keyof Catalogue>(name: K) => define(name, EN[name]);

/** The parts the first screen needs; the rest are defined in lazy.ts, loaded with their components. */
export const t = {
  app: part('app'),
  panel: part('panel'),
  when: part('when'),
  load: part('load'),
  tools: part('tools'),
  popup: part('popup'),
  /** Standard kinds of place: translated in ar/he; English shows the story's own word. */
  kinds: define('kinds', {} as Record<string, string>),
  notices: part('notices'),
  /** English: the URL module's own sentences (an empty part: the App passes none for English). */
  link: define('link', {} as Record<string, string | Fn>),
  /** English: MapLibre's own titles (an empty part). */
  maplibre: define('maplibre', {} as Record<string, string>),
};

/**
 * Switches the interface to `lang` once its catalogue is in (fetched once per language). If it
 * cannot be fetched the interface stays as it is and the error is thrown to the caller.
 */
export async function setLanguage(lang: Lang): Promise<void> {
  if (lang !== 'en' && !i18n.cache[lang]) {
    i18n.cache[lang] = (await fetchCatalogue(lang)) as never;
  }
  locale.set(lang);
  if (typeof document !== 'undefined') {
    document.documentElement.lang = lang;
    document.documentElement.dir = dirOf(lang);
  }
}

/** A kind of place in the interface language (`kinds` is `$t.kinds`), when it is a standard kind. */
export function kindName(kinds: Record<string, string>, kind: string): string {
  return Object.hasOwn(kinds, kind) ? kinds[kind]! : kind;
}

/** A category's label (`std` is `$t.categories`): the standard ones translated, a story's own as written. */
export function categoryName(std: Record<string, string>, categories: readonly { id: string; label: string }[], id: string): string {
  if (Object.hasOwn(std, id)) return std[id]!;
  return categories.find((c) => c.id === id)?.label ?? id;
}

/** When an event happened, in the language: its date, and its local time when known. */
export function whenIn(
  lang: string,
  when: { time: Fn; aboutTime: Fn; offset: Fn },
  e: { date: string; time?: string; approximateTime?: boolean; utcOffset?: string },
  short = false,
): string {
  const date = formatStoryDate(lang, e.date, short);
  if (!e.time) return date;
  // The offset is written with Western signs and digits, left to right, in every language.
  const offset = dirOf(lang) === 'rtl' ? `\u2066${e.utcOffset}\u2069` : (e.utcOffset ?? '');
  const time = e.utcOffset && !short ? when.offset({ time: e.time, offset }) : e.time;
  return (e.approximateTime ? when.aboutTime : when.time)({ date, time });
}
