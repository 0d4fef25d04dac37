/**
 * The interface languages and the Intl conventions of each: pure, no DOM, no stores (the URL
 * module, the unit tests and the interface's messages all use it).
 *
 * Digits: English and Hebrew use Western digits (Israeli print and web use them). Arabic also uses
 * Western digits (`nu-latn`), as Arabic news sites of the Levant and the Gulf do (Al Jazeera, Al
 * Arabiya): the story's figures, dates and times then read the same as in the English source and
 * as in the map's labels; Arabic-Indic digits would be one tag away (`ar` alone).
 */
export const LANGS = ['en', 'ar', 'he'] as const;
export type Lang = (typeof LANGS)[number];

/** Each language's name in its own script, for the chooser. */
export const LANG_NAMES: Record<Lang, string> = { en: 'English', ar: 'العربية', he: 'עברית' };

export const isLang = (value: unknown): value is Lang => (LANGS as readonly unknown[]).includes(value);

/** The locale given to Intl: British English (day month year), Arabic with Western digits, Hebrew. */
const INTL: Record<Lang, string> = { en: 'en-GB', ar: 'ar-u-nu-latn', he: 'he' };
export const intlLocale = (lang: string): string => INTL[lang as Lang] ?? INTL.en;


/**
 * The language for a reader without a `lang` key: the first of the browser's languages whose
 * primary subtag we have ("ar-EG" → ar, "iw" → he, the old code for Hebrew), else English.
 */
export function pickLanguage(preferred: readonly string[] | undefined): Lang {
  for (const tag of preferred ?? []) {
    const primary = String(tag).toLowerCase().split(/[-_]/)[0];
    const lang = primary === 'iw' ? 'he' : primary;
    if (isLang(lang)) return lang;
  }
  return 'en';
}

/**
 * One Intl formatter per language and options, made on first use: building one costs far more
 * than using it (locale data is looked up each time), and a list formats a date per row.
 */
const formatters = new Map<string, Intl.PluralRules | Intl.NumberFormat | Intl.DateTimeFormat>();
function cached<F extends Intl.PluralRules | Intl.NumberFormat | Intl.DateTimeFormat>(kind: string, lang: string, options: object, make: (locale: string) => F): F {
  const key = `${kind} ${lang} ${JSON.stringify(options)}`;
  let f = formatters.get(key) as F | undefined;
  if (!f) formatters.set(key, (f = make(intlLocale(lang))));
  return f;
}

/** The plural category of `n` in a language (Arabic has six: zero, one, two, few, many, other). */
export const pluralOf = (lang: string, n: number): Intl.LDMLPluralRule => cached('plural', lang, {}, (l) => new Intl.PluralRules(l)).select(n);

export const formatNumber = (lang: string, n: number): string => cached('number', lang, {}, (l) => new Intl.NumberFormat(l)).format(n);

const MONTH_LONG = { day: 'numeric', month: 'long', year: 'numeric' } as const;
const MONTH_SHORT = { day: 'numeric', month: 'short', year: 'numeric' } as const;

/**
 * A story date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`) in a language, no more precise than the data:
 * "1 February 2025", "1 فبراير 2025", "1 בפברואר 2025"; "May 2024"; "2023". Calendar dates, so
 * formatted in UTC (no time zone may move them a day).
 */
export function formatStoryDate(lang: string, date: string, short = false): string {
  const [y, m, d] = date.split('-').map(Number);
  if (y === undefined || !Number.isFinite(y)) return date;
  const at = new Date(Date.UTC(y, (m ?? 1) - 1, d ?? 1));
  if (y < 100) at.setUTCFullYear(y);
  const opts: Intl.DateTimeFormatOptions = { ...(short ? MONTH_SHORT : MONTH_LONG), timeZone: 'UTC' };
  if (!d) delete opts.day;
  if (!m) delete opts.month;
  return cached('date', lang, opts, (l) => new Intl.DateTimeFormat(l, opts)).format(at);
}

/** A time-axis tick label: the unit's own fields of a UTC instant, in a language. */
export function formatTick(lang: string, t: Date, fields: Intl.DateTimeFormatOptions): string {
  const opts: Intl.DateTimeFormatOptions = { ...fields, timeZone: 'UTC', hourCycle: 'h23' };
  return cached('date', lang, opts, (l) => new Intl.DateTimeFormat(l, opts)).format(t);
}

/** A language's name in the interface language ("الإنجليزية" for en in Arabic), or its tag. */
export function languageIn(lang: string, tag: string): string {
  try {
    return new Intl.DisplayNames([intlLocale(lang)], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

export type Values = Record<string, string | number>;
/** A message's plural forms, by CLDR category. */
export type Plural = Partial<Record<Intl.LDMLPluralRule, string>>;

/**
 * A message with its values: the plural form for `values.count` (Intl.PluralRules; a form the
 * message lacks falls back to `other`), then `{name}` replaced, numbers in the language's digits.
 */
export function fill(lang: string, message: string | Plural, values: Values = {}): string {
  const text = typeof message === 'string' ? message : (message[pluralOf(lang, Number(values.count))] ?? message.other ?? '');
  return text.replace(/\{(\w+)\}/g, (_, key: string) => {
    const v = values[key];
    return typeof v === 'number' ? formatNumber(lang, v) : (v ?? '');
  });
}
