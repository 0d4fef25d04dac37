/**
 * Dates in a sentence, resolved against the publication date with chrono-node (English; chrono
 * has no Arabic or Hebrew parser), at the precision the text gives: day, month or year.
 *
 * On top of chrono:
 *   - a month glued to its day ("February11") is read as "February 11" and flagged;
 *   - a weekday that contradicts the date ("Saturday, February 11, 2025": a Tuesday) is flagged,
 *     and when dropping or swapping a digit of the day gives that weekday (11 → 1), that date is
 *     taken, with the reason in the note;
 *   - a bare weekday ("on Saturday") is the last such day on or before the reference, the next
 *     one only when the sentence speaks of the future;
 *   - "last May", "last year", "last month";
 *   - a month or day without a year that would fall after the reference is taken a year back;
 *   - durations ("15-month war", "for three days", "18 months") are not dates.
 * Pure, browser-safe.
 */
import * as chrono from 'chrono-node';
import { FUTURE_CUES } from './words.ts';
import type { DatePrecision } from '../story/types.ts';

export interface FoundDate {
  /** YYYY, YYYY-MM or YYYY-MM-DD. */
  date: string;
  precision: DatePrecision;
  /** The words of the sentence it comes from. */
  text: string;
  /** Problems a person should look at (typos, contradictions, future dates). */
  notes: string[];
  /** How a relative date was counted ("Saturday" → 1 February 2025): routine, for the event's note only. */
  info?: string;
  /** HH:MM when the text gives a time with the day. */
  time?: string;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTH_RE = '(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)';

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m?: number, d?: number) => (m === undefined ? `${y}` : d === undefined ? `${y}-${pad(m)}` : `${y}-${pad(m)}-${pad(d)}`);
const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
const weekdayOf = (y: number, m: number, d: number) => utc(y, m, d).getUTCDay();
const isReal = (y: number, m: number, d: number) => d >= 1 && utc(y, m, d).getUTCDate() === d;
const longDate = (y: number, m: number, d: number) => `${d} ${MONTHS[m - 1]![0]!.toUpperCase()}${MONTHS[m - 1]!.slice(1)} ${y}`;

/** A duration, not a date: "for three days", "18 months", "15-month". */
const DURATION = /^(?:for|during|over|within|in)?\s*(?:the\s+)?(?:past|last|next)?\s*(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|few)[\s-]+(?:days?|weeks?|months?|years?|decades?)$/i;

/** Dates in `sentence`, relative to `ref` (the publication date, UTC midnight). */
export function findDates(sentence: string, ref: Date): FoundDate[] {
  const notes: { at: number; text: string }[] = [];
  // "February11" → "February 11" (same length + 1: offsets after it shift by one; only used for notes).
  const text = sentence.replace(new RegExp(`\\b${MONTH_RE}(\\d{1,2})\\b`, 'gi'), (all, month: string, day: string, at: number) => {
    notes.push({ at, text: `“${all}” has no space between month and day; read as “${month} ${day}”` });
    return `${month} ${day}`;
  });
  const out: FoundDate[] = [];
  const refY = ref.getUTCFullYear();
  const refM = ref.getUTCMonth() + 1;
  const future = FUTURE_CUES.test(sentence);

  for (const r of chrono.en.casual.parse(text, { instant: ref, timezone: 0 })) {
    const words = r.text.trim();
    if (DURATION.test(words) || /^for\b/i.test(words)) continue;
    // "nine hours later": counted from the story's last event, not from publication; left to the caller's news day.
    if (/\b(?:hours?|minutes?)\s+(?:later|earlier|after|before)\b/i.test(words)) continue;
    const c = r.start;
    const certain = (k: 'day' | 'month' | 'year' | 'weekday') => c.isCertain(k);
    const own = notes.filter((n) => n.at >= r.index - 1 && n.at <= r.index + r.text.length).map((n) => n.text);
    let y = c.get('year')!;
    let m = c.get('month')!;
    let d = c.get('day')!;
    const time = c.isCertain('hour') ? `${pad(c.get('hour')!)}:${pad(c.get('minute') ?? 0)}` : undefined;

    if (certain('day') && certain('month')) {
      if (!certain('year') && utc(y, m, d) > ref && !future) y -= 1;
      if (certain('weekday')) {
        const said = c.get('weekday')!;
        if (weekdayOf(y, m, d) !== said) {
          const fix = typoFix(y, m, d, said, ref);
          const note = `“${words}”: ${longDate(y, m, d)} was a ${WEEKDAYS[weekdayOf(y, m, d)]}, not a ${WEEKDAYS[said]}`;
          if (fix !== undefined) {
            own.push(`${note}; took ${longDate(y, m, fix)}, the ${WEEKDAYS[said]} that the day with a digit dropped or swapped gives (a typo?)`);
            d = fix;
          } else own.push(`${note}; kept the date as written`);
        }
      }
      if (utc(y, m, d) > ref && !future) own.push(`${iso(y, m, d)} is after the publication date ${ref.toISOString().slice(0, 10)}`);
      out.push({ date: iso(y, m, d), precision: 'day', text: words, notes: own, ...(time ? { time } : {}) });
    } else if (certain('weekday')) {
      // A bare weekday: the last one on or before the reference (the next one for future talk).
      const said = c.get('weekday')!;
      const back = (ref.getUTCDay() - said + 7) % 7;
      const day = new Date(ref.getTime() + (future && back !== 0 ? 7 - back : -back) * 86_400_000);
      out.push({
        date: iso(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate()),
        precision: 'day',
        text: words,
        notes: own,
        info: `“${words}” taken as ${WEEKDAYS[said]} ${longDate(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate())}, the ${future ? 'next' : 'last'} ${WEEKDAYS[said]} ${future ? 'after' : 'on or before'} the publication date`,
        ...(time ? { time } : {}),
      });
    } else if (certain('month')) {
      if (!certain('year') && (y > refY || (y === refY && m > refM)) && !future) y = m > refM ? refY - 1 : refY;
      out.push({ date: iso(y, m), precision: 'month', text: words, notes: own });
    } else if (certain('year')) {
      out.push({ date: iso(y), precision: 'year', text: words, notes: own });
    }
    // A time alone ("at 7 a.m.") gives no date.
  }

  // A bare year ("in 2009", "since 1948"): chrono leaves these out.
  for (const m of text.matchAll(/\b(?:in|of|by|until|from|to)\s+((?:1[89]|20)\d\d)\b(?![-–\d])/gi)) {
    if (out.some((d) => d.text.includes(m[1]!))) continue;
    out.push({ date: m[1]!, precision: 'year', text: m[0], notes: [] });
  }

  // "last May", "last month", "last year": chrono leaves these out.
  for (const m of text.matchAll(new RegExp(`\\blast (${MONTH_RE}|month|year)\\b`, 'gi'))) {
    const what = m[1]!.toLowerCase();
    if (what === 'year') out.push({ date: iso(refY - 1), precision: 'year', text: m[0], notes: [] });
    else if (what === 'month') out.push({ date: refM === 1 ? iso(refY - 1, 12) : iso(refY, refM - 1), precision: 'month', text: m[0], notes: [] });
    else {
      const month = MONTHS.findIndex((name) => name.startsWith(what.slice(0, 3))) + 1;
      out.push({ date: iso(month >= refM ? refY - 1 : refY, month), precision: 'month', text: m[0], notes: [] });
    }
  }
  return out;
}

/** A day that drops a repeated digit or swaps the two ("11" → 1, "12" → 21) and falls on `weekday`, closest to `ref`. */
function typoFix(y: number, m: number, d: number, weekday: number, ref: Date): number | undefined {
  const s = String(d);
  const options = new Set<number>();
  for (let i = 0; i < s.length; i++) options.add(Number(s.slice(0, i) + s.slice(i + 1)));
  if (s.length === 2) options.add(Number(s[1]! + s[0]!));
  const fits = [...options].filter((x) => x >= 1 && x !== d && isReal(y, m, x) && weekdayOf(y, m, x) === weekday);
  fits.sort((a, b) => Math.abs(utc(y, m, a).getTime() - ref.getTime()) - Math.abs(utc(y, m, b).getTime() - ref.getTime()));
  return fits[0];
}

/** Parses a --published value: a real YYYY-MM-DD date, or undefined. */
export function parsePublished(value: string): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || !isReal(y, mo, d)) return undefined;
  return utc(y, mo, d);
}
