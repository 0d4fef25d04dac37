/**
 * The interface's messages: one object per part of the interface (`t.panel.events({ count })`,
 * `t.notices.cleared`), read reactively in components and in code alike. English is in the code as
 * plain text and functions: an English reader downloads no i18n library and no catalogue. Arabic
 * and Hebrew are JSON catalogues merged over the English by @nanostores/i18n, which `setLanguage`
 * fetches together with the first catalogue a reader chooses (translated.ts). It switches only once
 * both are in, so the page never flashes English text in between; a message a catalogue lacks keeps
 * its English text.
 */
import { EN, type Catalogue } from './en.ts';
import { type Lang, type Values, type Plural, fill, formatStoryDate } from './lang.ts';
import { dirOf } from '../story/format.ts';

export type Fn = (values?: Values) => string;
export type Wrapped<T> = {
  readonly [K in keyof T]: T[K] extends string ? (T[K] extends `${string}{${string}` ? Fn : string) : Fn;
};
type Dict = Record<string, unknown>;
export type Ready = typeof ready;

/** A part of the interface: its English messages, and where its current messages go. */
export interface Part {
  readonly name: string;
  readonly english: Dict;
  set(messages: Dict): void;
}

let current = $state<Lang>('en');
/** The interface language, read reactively (`locale.current`). */
export const locale = {
  get current(): Lang {
    return current;
  },
};

const parts: Part[] = [];
/** The catalogue engine, loaded with the first language other than English. */
let engine: typeof import('./translated.ts') | undefined;

/**
 * A message ready to call: `{name}` filled with values (numbers in the language's digits) and an
 * object of plural forms chosen by `values.count` (Intl.PluralRules); plain text stays text.
 */
export function ready(lang: string, message: unknown): unknown {
  return typeof message === 'string' && !message.includes('{') ? message : (values?: Values) => fill(lang, message as string | Plural, values);
}

function english(dict: Dict): Dict {
  const out: Dict = {};
  for (const [key, value] of Object.entries(dict)) out[key] = ready('en', value);
  return out;
}

/**
 * The messages of one part of the interface, from its English (once per part). Reading a message
 * is reactive: a component or effect that reads one follows a change of language. Only the
 * part's own messages are read (never `constructor` or another inherited name).
 */
export function define<T extends Dict>(name: string, englishText: T): Wrapped<T> {
  let messages = $state.raw(english(englishText));
  const part: Part = { name, english: englishText, set: (m) => (messages = m) };
  parts.push(part);
  engine?.attach(part, ready);
  const own = (key: string | symbol): key is string => typeof key === 'string' && Object.hasOwn(messages, key);
  // Read like a plain object of the current messages: by key, `in`, Object.keys and entries.
  return new Proxy({} as Wrapped<T>, {
    get: (_, key) => (own(key) ? messages[key] : undefined),
    has: (_, key) => own(key),
    ownKeys: () => Object.keys(messages),
    getOwnPropertyDescriptor: (_, key) => (own(key) ? { value: messages[key], enumerable: true, configurable: true, writable: false } : undefined),
  });
}

const part = <K extends keyof Catalogue>(name: K) => define(name, EN[name]);

/** The parts the first screen needs; the rest are defined in msgs-*.ts, loaded with their components. */
export const t = {
  app: part('app'),
  panel: part('panel'),
  when: part('when'),
  load: part('load'),
  tools: part('tools'),
  /** Standard kinds of place: translated in ar/he; English shows the story's own word. */
  kinds: define('kinds', {} as Record<string, string>),
  notices: part('notices'),
  /** English: the URL module's own sentences (an empty part: the App passes none for English). */
  link: define('link', {} as Record<string, string | Fn>),
  /** English: MapLibre's own titles (an empty part). */
  maplibre: define('maplibre', {} as Record<string, string>),
};

let switches = 0;

/**
 * Switches the interface to `lang` once its catalogue (and, the first time, the engine) is in. If
 * it cannot be fetched the interface stays as it is and the error is thrown to the caller. A
 * switch overtaken by a later one changes nothing (`locale.current` says which language is shown).
 */
export async function setLanguage(lang: Lang): Promise<void> {
  const serial = ++switches;
  if (lang !== 'en' || engine) {
    const loaded = engine ?? (await import('./translated.ts'));
    await loaded.load(lang);
    if (!engine) {
      engine = loaded;
      for (const p of parts) engine.attach(p, ready);
    }
    // A reader arrowing through the chooser: the last choice wins, whichever catalogue came last.
    if (serial !== switches) return;
    engine.use(lang);
  }
  current = lang;
  if (typeof document !== 'undefined') {
    document.documentElement.lang = lang;
    document.documentElement.dir = dirOf(lang);
  }
}

/** A kind of place in the interface language (`kinds` is `t.kinds`), when it is a standard kind. */
export function kindName(kinds: Record<string, string>, kind: string): string {
  return Object.hasOwn(kinds, kind) ? kinds[kind]! : kind;
}

/** Unicode's left-to-right isolate and its end (written as code points: no invisible characters in the source). */
const LRI = String.fromCharCode(0x2066);
const PDI = String.fromCharCode(0x2069);

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
  const offset = dirOf(lang) === 'rtl' ? LRI + e.utcOffset + PDI : (e.utcOffset ?? '');
  const time = e.utcOffset && !short ? when.offset({ time: e.time, offset }) : e.time;
  return (e.approximateTime ? when.aboutTime : when.time)({ date, time });
}
