/**
 * A story's texts in the reader's language (an event's title and summary, the story's title, a
 * figure's label, a note, the source's name, a category), taken from the `translations` of the
 * object that holds the text when it carries that language, else the story's own text.
 * Each answer says which language the text is really in, so the page can set `lang` and `dir` on
 * the element and mark a text left untranslated. Pure; nothing here knows about the interface.
 *
 * Languages match as BCP 47 tags do for a reader: the exact tag first (case aside), then the
 * language alone, so a reader of "ar-EG" gets the story's "ar" text, and a reader of "ar" the only
 * Arabic variety a story carries ("ar-EG"). A reader of the story's own language (in any variety)
 * gets the story's text.
 */
import type { StoryEvent, StoryMeta, Translations } from './types.ts';

export interface Localized {
  text: string;
  /** The language the text is in (a translation's tag, or the story's language). */
  lang: string;
  /** Whether the text is in the language asked for (always so for the story's own language). */
  translated: boolean;
}

/**
 * One text field of a story's object (a figure's `label`, a note's `text`, …) in `lang` when the
 * object carries it, else in the story's own language.
 */
export function storyText<F extends string>(item: Partial<Record<F, string>> & { translations?: Translations<F> }, field: F, lang: string, storyLang: string): Localized {
  return localize(item[field] ?? '', item.translations, field, lang, storyLang);
}

/** The event's title in `lang` when the story carries it, else in the story's own language. */
export const eventTitle = (ev: StoryEvent, lang: string, storyLang: string): Localized => storyText(ev, 'title', lang, storyLang);

/** The event's summary in `lang` when the story carries it, else in the story's own language. */
export const eventSummary = (ev: StoryEvent, lang: string, storyLang: string): Localized => storyText(ev, 'summary', lang, storyLang);

/** The story's title in `lang` when the story carries it, else in the story's own language. */
export const storyTitle = (meta: StoryMeta, lang: string): Localized => storyText(meta, 'title', lang, meta.language);

/** "ar-EG" → "ar". */
export const primaryLanguage = (tag: string): string => tag.split('-')[0]!.toLowerCase();

/**
 * Whether a translation into `lang` would be into the story's own language: "en" for an "en"
 * story, and "en" for an "en-GB" one ("en-US" is another variety: allowed).
 */
export const isOwnLanguage = (storyLang: string, lang: string): boolean =>
  lang.toLowerCase() === storyLang.toLowerCase() || lang === primaryLanguage(storyLang);

type Texts<F extends string> = Readonly<Translations<F>>;

/**
 * `own` (in `storyLang`) or its translation into `lang`. An empty `lang` asks for nothing in
 * particular: the story's own text. Only own properties with non-blank string values count, so a
 * tag from a link ("__proto__", "constructor") or a hand-edited file cannot pull in anything else.
 */
export function localize<F extends string>(
  own: string,
  translations: Texts<F> | undefined,
  field: F,
  lang: string,
  storyLang: string,
): Localized {
  const ownText: Localized = { text: own, lang: storyLang, translated: true };
  const wanted = lang.trim().toLowerCase();
  if (!wanted || wanted === storyLang.toLowerCase()) return ownText;
  const exact = textIn(translations, field, (tag) => tag.toLowerCase() === wanted);
  if (exact) return exact;
  const primary = primaryLanguage(wanted);
  if (primary === primaryLanguage(storyLang)) return ownText;
  // The language alone ("ar") before its varieties ("ar-EG"), which come in the file's order.
  const near =
    textIn(translations, field, (tag) => tag.toLowerCase() === primary) ??
    textIn(translations, field, (tag) => primaryLanguage(tag) === primary);
  return near ?? { ...ownText, translated: false };
}

function textIn<F extends string>(translations: Texts<F> | undefined, field: F, matches: (tag: string) => boolean): Localized | undefined {
  if (!translations || typeof translations !== 'object') return undefined;
  for (const tag of Object.keys(translations)) {
    if (!matches(tag)) continue;
    const entry = translations[tag];
    const text = entry && typeof entry === 'object' && Object.hasOwn(entry, field) ? entry[field] : undefined;
    if (typeof text === 'string' && text.trim()) return { text, lang: tag, translated: true };
  }
  return undefined;
}
