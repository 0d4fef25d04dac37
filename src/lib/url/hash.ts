/**
 * The public URL contract: everything a shared link carries, in the hash.
 *
 *   #map=ZOOM/LAT/LNG[/BEARING/PITCH]&story=ID&place=ID&event=ID&…
 *
 * `map=` follows MapLibre's own `hash: 'map'` convention (as on openstreetmap.org). Parsing is
 * strict and never throws: a bad value is dropped and reported, the rest of the link still works.
 * Keys this module does not know are kept as they were, so other tools can share the hash.
 */
import { parseStoryDate } from '../story/dates.ts';
import { isLang, type Lang } from '../i18n/lang.ts';

export interface View {
  zoom: number;
  lat: number;
  lng: number;
  bearing: number;
  pitch: number;
}

export interface LinkState {
  view?: View;
  story?: string;
  place?: string;
  event?: string;
  /** Filters (time and category) and search, owned by the filters module. */
  from?: string;
  to?: string;
  cat?: string[];
  q?: string;
  /** A dataset to open instead of the bundled stories (same-origin path). */
  data?: string;
  /** Compact chrome for an <iframe>. */
  embed?: boolean;
  /** The interface language, when the sharer chose one (otherwise the reader's browser chooses). */
  lang?: Lang;
  /** Keys we do not own, in their original order and encoding. */
  extra?: [string, string][];
}

export interface ParsedLink {
  state: LinkState;
  /** One short sentence per dropped value, for the notice the reader sees. */
  problems: string[];
}

/** The sentences that report a dropped value (the interface passes them in the reader's language). */
export interface LinkProblems {
  garbled: string;
  tooLong: (values: { key: string }) => string;
  map: string;
  id: (values: { key: string }) => string;
  date: (values: { key: string }) => string;
  cats: string;
}

export const ENGLISH_PROBLEMS: LinkProblems = {
  garbled: 'Part of the link is garbled and was ignored.',
  tooLong: ({ key }) => `The link's “${key}” is too long and was ignored.`,
  map: 'The map position in the link is not valid; showing the default view.',
  id: ({ key }) => `The link's ${key} id is not valid and was ignored.`,
  date: ({ key }) => `The link's “${key}” date is not valid and was ignored.`,
  cats: 'Some categories in the link are not valid and were ignored.',
};

export const MAX_ZOOM = 24;
/**
 * MapLibre's own lowest zoom: a map shorter than one 512 px world (an embed, a landscape phone)
 * zooms out below 0, and every view the map can show must make a link the app accepts.
 */
export const MIN_ZOOM = -2;
export const MAX_PITCH = 85;
export const MAX_LAT = 85.051129;

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const MAX_VALUE_LENGTH = 500;
const KNOWN = ['map', 'story', 'place', 'event', 'from', 'to', 'cat', 'q', 'data', 'embed', 'lang'] as const;

/** A decimal number as written in a URL: no hex, no exponent, no Infinity. */
function num(text: string | undefined): number | undefined {
  if (text === undefined || !/^[-+]?(?:\d+\.?\d*|\.\d+)$/.test(text)) return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}

function wrapLng(lng: number): number {
  if (lng >= -180 && lng <= 180) return lng;
  const w = ((((lng + 180) % 360) + 360) % 360) - 180;
  return w === -180 && lng > 0 ? 180 : w;
}

/**
 * Parses `ZOOM/LAT/LNG[/BEARING[/PITCH]]` (MapLibre writes the bearing alone when the pitch is 0);
 * undefined when any part is missing, not a plain decimal, or out of range.
 */
export function parseView(text: string): View | undefined {
  const parts = text.split('/');
  if (parts.length < 3 || parts.length > 5) return undefined;
  const [zoom, lat, lng, bearing, pitch] = [...parts, '0', '0'].slice(0, 5).map(num);
  if (zoom === undefined || lat === undefined || lng === undefined || bearing === undefined || pitch === undefined) {
    return undefined;
  }
  if (zoom < MIN_ZOOM || zoom > MAX_ZOOM || Math.abs(lat) > 90 || Math.abs(lng) > 720 || Math.abs(bearing) > 360) {
    return undefined;
  }
  if (pitch < 0 || pitch > MAX_PITCH) return undefined;
  return {
    zoom,
    lat: Math.max(-MAX_LAT, Math.min(MAX_LAT, lat)),
    lng: wrapLng(lng),
    bearing: bearing === 0 ? 0 : wrapLng(bearing),
    pitch,
  };
}

/** Decimal places that keep a view within about a pixel at this zoom (MapLibre's own rule). */
function precision(zoom: number): number {
  zoom = Math.round(zoom * 100) / 100;
  return Math.max(0, Math.ceil((zoom * Math.LN2 + Math.log(512 / 360 / 0.5)) / Math.LN10));
}

const trim = (n: number, digits: number): string => {
  const s = (Math.round(n * 10 ** digits) / 10 ** digits).toFixed(digits);
  const t = s.includes('.') ? s.replace(/\.?0+$/, '') : s;
  return t === '-0' ? '0' : t;
};

export function formatView(v: View): string {
  const d = precision(v.zoom);
  let out = `${trim(v.zoom, 2)}/${trim(v.lat, d)}/${trim(v.lng, d)}`;
  // As MapLibre's Hash: the bearing when either is set, the pitch only when set.
  const bearing = trim(v.bearing, 1);
  const pitch = trim(v.pitch, 0);
  if (bearing !== '0' || pitch !== '0') out += `/${bearing}`;
  if (pitch !== '0') out += `/${pitch}`;
  return out;
}

function decode(text: string): string | undefined {
  try {
    return decodeURIComponent(text.replace(/\+/g, '%20'));
  } catch {
    return undefined;
  }
}

/** Characters kept readable in values: `/` (map), `,` (lists), `:`, `@`. */
function encode(text: string): string {
  return encodeURIComponent(text).replace(/%2F/g, '/').replace(/%2C/g, ',').replace(/%3A/g, ':').replace(/%40/g, '@');
}

export function parseHash(hash: string, say: LinkProblems = ENGLISH_PROBLEMS): ParsedLink {
  const state: LinkState = {};
  const problems: string[] = [];
  const body = hash.replace(/^#/, '');
  if (!body) return { state, problems };
  for (const pair of body.split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const rawKey = eq < 0 ? pair : pair.slice(0, eq);
    const rawValue = eq < 0 ? '' : pair.slice(eq + 1);
    const key = decode(rawKey);
    const value = decode(rawValue);
    if (key === undefined || value === undefined) {
      problems.push(say.garbled);
      continue;
    }
    if (!key) continue;
    if (!(KNOWN as readonly string[]).includes(key)) {
      state.extra = [...(state.extra ?? []), [rawKey, rawValue]];
      continue;
    }
    if (value.length > MAX_VALUE_LENGTH) {
      problems.push(say.tooLong({ key }));
      continue;
    }
    switch (key as (typeof KNOWN)[number]) {
      case 'map': {
        const view = parseView(value);
        if (view) state.view = view;
        else problems.push(say.map);
        break;
      }
      case 'story':
      case 'place':
      case 'event': {
        if (SLUG.test(value)) state[key as 'story' | 'place' | 'event'] = value;
        else problems.push(say.id({ key }));
        break;
      }
      case 'from':
      case 'to': {
        if (parseStoryDate(value)) state[key as 'from' | 'to'] = value;
        else problems.push(say.date({ key }));
        break;
      }
      case 'cat': {
        const cats = value.split(',').filter(Boolean);
        const good = cats.filter((c) => SLUG.test(c));
        if (good.length !== cats.length) problems.push(say.cats);
        if (good.length) state.cat = [...new Set(good)];
        break;
      }
      case 'q':
        if (value.trim()) state.q = value;
        break;
      case 'data':
        state.data = value;
        break;
      case 'embed':
        if (value === '1' || value === '') state.embed = true;
        break;
      case 'lang':
        // An unknown language is ignored quietly: the reader's own languages choose instead.
        if (isLang(value)) state.lang = value;
        break;
    }
  }
  return { state, problems };
}

/** Formats a state as a hash (with its leading `#`, or '' when empty). Keys in a fixed order. */
export function formatHash(state: LinkState): string {
  const parts: string[] = [];
  if (state.view) parts.push(`map=${formatView(state.view)}`);
  if (state.data) parts.push(`data=${encode(state.data)}`);
  if (state.story) parts.push(`story=${state.story}`);
  if (state.place) parts.push(`place=${state.place}`);
  if (state.event) parts.push(`event=${state.event}`);
  if (state.from) parts.push(`from=${state.from}`);
  if (state.to) parts.push(`to=${state.to}`);
  if (state.cat?.length) parts.push(`cat=${state.cat.join(',')}`);
  if (state.q) parts.push(`q=${encode(state.q)}`);
  if (state.embed) parts.push('embed=1');
  if (state.lang) parts.push(`lang=${state.lang}`);
  for (const [k, v] of state.extra ?? []) parts.push(v === '' ? k : `${k}=${v}`);
  return parts.length ? `#${parts.join('&')}` : '';
}
