/** How dates, places and figures read in the UI: honest about precision, plain text only. */
import type { StoryEvent, PlaceFeature, Figure, PrecisionLevel } from './types.ts';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const SHORT = MONTHS.map((m) => m.slice(0, 3));

/** "1 February 2025", "May 2024" or "2023": no more precise than the data. */
export function formatDate(date: string, short = false): string {
  const [y, m, d] = date.split('-');
  const names = short ? SHORT : MONTHS;
  if (d && m) return `${Number(d)} ${names[Number(m) - 1]} ${y}`;
  if (m) return `${names[Number(m) - 1]} ${y}`;
  return y ?? date;
}

/** Date plus local time when known: "1 February 2025, about 08:30 (UTC+02:00)". */
export function formatWhen(e: StoryEvent, short = false): string {
  let out = formatDate(e.date, short);
  if (e.time) {
    out += `, ${e.approximateTime ? 'about ' : ''}${e.time}`;
    if (e.utcOffset && !short) out += ` (UTC${e.utcOffset})`;
  }
  return out;
}

export function precisionOfDate(date: string): 'day' | 'month' | 'year' {
  return date.length >= 10 ? 'day' : date.length >= 7 ? 'month' : 'year';
}

const LEVEL: Record<PrecisionLevel, string> = { site: 'exact site', town: 'town', region: 'region' };

/** "Location: town, within about 4 km". */
export function formatPrecision(place: PlaceFeature): string {
  const { level, radiusM } = place.properties.precision;
  const r = radiusM >= 1000 ? `${Math.round(radiusM / 100) / 10} km` : `${Math.round(radiusM)} m`;
  return `${LEVEL[level]}, within about ${r}`;
}

export function formatFigure(f: Figure): string {
  const q = f.qualifier && f.qualifier !== 'exactly' ? `${f.qualifier} ` : '';
  return `${q}${f.value.toLocaleString('en')} ${f.label}`;
}

const LANG_NAMES: Record<string, string> = { ar: 'Arabic', he: 'Hebrew', en: 'English', fr: 'French' };
export const languageName = (tag: string): string => LANG_NAMES[tag] ?? tag;

/** Text direction of a language tag, for dir= on names in other scripts. */
export function dirOf(tag: string): 'rtl' | 'ltr' {
  return /^(ar|he|fa|ur|yi|ps|syr|dv)(-|$)/.test(tag) ? 'rtl' : 'ltr';
}
