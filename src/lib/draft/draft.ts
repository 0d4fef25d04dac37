/**
 * From article text to a draft story (story.json, places.geojson, events.json) and a report of
 * everything a person must decide. The core of `npm run draft`, pure and browser-safe, so the
 * editor can run the same code in a worker: it takes the text and a built Gazetteer, returns data.
 *
 * Every guess carries a `review` note; titles, summaries and descriptions are placeholders that
 * point at their sentence (src/lib/story/draft-marks.ts), so nothing the machine wrote can be
 * published before a person has rewritten it.
 */
import type { Figure, Note, PlaceCollection, PlaceFeature, PlaceRole, StoryEvent, StoryMeta } from '../story/types.ts';
import { PLACEHOLDER } from '../story/draft-marks.ts';
import type { GazEntry, Gazetteer } from './gazetteer.ts';
import { splitArticle, type Sentence } from './text.ts';
import { findPlaceNames, resolvePlaces, tagsOf, type Rejected, type Resolved } from './places.ts';
import { findDates, type FoundDate } from './dates.ts';

export interface DraftOptions {
  /** Publication date (UTC midnight); the reference for relative dates. */
  published?: Date;
  id?: string;
  /** "Today": a publication date is never later. Defaults to now. */
  now?: Date;
}

export interface DraftPlaceReport {
  id: string;
  names: string[];
  entry: string;
  source: GazEntry['source'];
  lng: number;
  lat: number;
  confidence: number;
  others: string[];
  note: string;
  /** Where the article names it: paragraph, the sentence, and the name's offsets in it. */
  mentions: { paragraph: number; sentence: string; start: number; end: number }[];
}

export interface DraftEventReport {
  id: string;
  date: string;
  paragraph: number;
  sentence: string;
  places: string;
  category: string;
}

export interface Draft {
  story: StoryMeta;
  places: PlaceCollection;
  events: StoryEvent[];
  report: {
    places: DraftPlaceReport[];
    events: DraftEventReport[];
    rejected: Rejected[];
    /** Everything that needs a person's decision, one line each. */
    decisions: string[];
  };
}

const DAY = 86_400_000;
/** A dated day this close to publication is "the news day" that undated sentences inherit. */
const NEWS_WINDOW_DAYS = 7;

export function slugify(text: string, max = 6): string {
  const words = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean)
    .slice(0, max);
  return words.join('-') || 'item';
}

function unique(base: string, taken: Set<string>): string {
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
}

const excerpt = (s: string, words = 8) => {
  const ws = s.split(/\s+/);
  return ws.slice(0, words).join(' ') + (ws.length > words ? '…' : '');
};
const review = (text: string): Note => ({ kind: 'review', text });
const describeEntry = (e: GazEntry) =>
  `${e.name}${e.country && e.source !== 'country' ? ` (${e.country})` : ''} [${e.source}${e.story ? ` ${e.story}` : ''}] at ${e.lat}, ${e.lng}`;

export function draftStory(articleText: string, gaz: Gazetteer, opts: DraftOptions = {}): Draft {
  const article = splitArticle(articleText);
  const decisions: string[] = [];
  const now = opts.now ?? new Date();

  // The reference date: given, or the latest full date in the text that is not in the future (even
  // one the drafter had to correct, such as a typo'd day, which the note then names: an article's
  // own dates are a far better guess than today), else today.
  let published = opts.published;
  let publishedNote: string | undefined;
  if (!published) {
    const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
    // A full date names its day, month and year: "Saturday" or "January 19" are counted from the
    // reference itself, so they cannot tell it.
    const days = article.sentences
      .flatMap((s) => findDates(s.text, today))
      .filter((d) => d.precision === 'day' && /\b\d{4}\b/.test(d.text) && d.date <= today.toISOString().slice(0, 10));
    const latest = days.sort((a, b) => a.date.localeCompare(b.date)).pop();
    published = latest ? new Date(`${latest.date}T00:00:00Z`) : today;
    const how = !latest ? 'today' : latest.notes.length ? `the latest full date in the text, “${latest.text}”, read with a correction (${latest.notes.join('; ')})` : 'the latest full date in the text';
    publishedNote = `${PLACEHOLDER} no publication date was given (--published); the drafter took ${published.toISOString().slice(0, 10)}, ${how}. Check it.`;
    decisions.push(`publication date: none given; took ${published.toISOString().slice(0, 10)} (${latest ? (latest.notes.length ? 'latest full date in the text, corrected' : 'latest full date in the text') : 'today'})`);
  }
  const publishedDate = published.toISOString().slice(0, 10);

  // Places.
  const found = findPlaceNames(article.sentences, gaz);
  const resolved = resolvePlaces(found.mentions);
  const placeIds = new Set<string>();
  const features: PlaceFeature[] = [];
  const placeReport: DraftPlaceReport[] = [];
  const idOf = new Map<Resolved, string>();
  for (const r of resolved) {
    const e = r.entry;
    const region = r.siteKind === 'region';
    const name = e.source === 'curated' && !r.siteKind ? e.name : r.texts[0]!;
    const id = unique(slugify(name), placeIds);
    idOf.set(r, id);
    const aliases = [...new Set([...r.texts, ...(e.source === 'curated' ? e.aliases.filter((a) => /^[\p{Script=Latin}\s'’-]+$/u.test(a)) : [e.name])])].filter((a) => a !== name);
    const candidates = 1 + r.others.length;
    let note: string;
    if (r.siteKind && r.placedAt) {
      note = `${r.texts[0]}: no gazetteer entry for this ${r.siteKind}; placed at ${describeEntry(e)}, the place the sentence says it is in (“in ${r.placedAt}”). Find its own coordinates.`;
    } else if (r.siteKind) {
      note = `${r.texts[0]}: no gazetteer entry for this ${r.siteKind}; placed at ${describeEntry(e)}, the ${e.kind} it is named after${region ? ', as a region of radius 50 km' : ''}. Find its own coordinates.`;
    } else {
      note = `${r.texts.join(' / ')}: ${candidates} candidate${candidates === 1 ? '' : 's'}; chose ${describeEntry(e)}${r.reason ? ` (${r.reason})` : ''}${r.others.length ? `; others: ${r.others.slice(0, 3).map(describeEntry).join('; ')}` : ''}.`;
    }
    if (r.via === 'skeleton') note += ` The name was matched as a spelling variant of “${e.name}”: check it.`;
    const level = r.siteKind ? (region ? 'region' : 'town') : e.level;
    const radiusM = region ? Math.max(e.radiusM, 50_000) : e.radiusM;
    features.push({
      type: 'Feature',
      id,
      geometry: { type: 'Point', coordinates: [e.lng, e.lat] },
      properties: {
        name,
        ...(e.names && Object.keys(e.names).length ? { names: e.names } : {}),
        ...(aliases.length ? { aliases } : {}),
        kind: r.siteKind ?? e.kind,
        precision: { level, radiusM },
        description: `${PLACEHOLDER} describe ${name} (first named in paragraph ${r.mentions[0]!.sentence.paragraph}, sentence ${r.mentions[0]!.sentence.index})`,
        notes: [review(note)],
      },
    });
    placeReport.push({
      id,
      names: r.texts,
      entry: describeEntry(e),
      source: e.source,
      lng: e.lng,
      lat: e.lat,
      confidence: r.confidence,
      others: r.others.slice(0, 5).map(describeEntry),
      note,
      mentions: r.mentions.map((m) => ({ paragraph: m.sentence.paragraph, sentence: m.sentence.text, start: m.start, end: m.end })),
    });
    if (r.confidence < 0.7) decisions.push(`place ${id}: ${note} (confidence ${r.confidence})`);
  }
  const unknown = [...new Set(found.rejected.filter((x) => x.reason === 'not in the gazetteer').map((x) => x.text))];
  if (unknown.length) decisions.push(`names not in the gazetteer (a place to add by hand, or not a place): ${unknown.join(', ')}`);

  // Events.
  const placesIn = (s: Sentence) => resolved.filter((r) => r.mentions.some((m) => m.sentence === s));
  const events: StoryEvent[] = [];
  const eventIds = new Set<string>();
  const eventReport: DraftEventReport[] = [];
  const ref = published;
  let newsDay: FoundDate = { date: publishedDate, precision: 'day', text: 'the publication date', notes: [] };
  let lastPlaces: StoryEvent['places'] = [];
  const mostNamed = [...resolved].sort((a, b) => b.mentions.length - a.mentions.length)[0];

  for (const s of article.sentences) {
    const dates = findDates(s.text, ref).filter((d) => !new RegExp(`\\bsince\\s+(?:the\\s+)?${escape(d.text)}`, 'i').test(s.text));
    for (const d of dates) {
      const t = new Date(`${d.date.length === 10 ? d.date : d.date + '-01'.repeat(d.date.length === 7 ? 1 : 2)}T00:00:00Z`);
      if (d.precision === 'day' && Math.abs(t.getTime() - ref.getTime()) <= NEWS_WINDOW_DAYS * DAY) newsDay = d;
    }
    const here = placesIn(s);
    const figures = findFigures(s.text, dates);
    const happening = HAPPENING.test(s.text);
    if (dates.length === 0 && !(here.length > 0 && happening) && figures.length === 0) continue;

    let places: StoryEvent['places'] = here.map((r) => ({ id: idOf.get(r)!, role: roleOf(r, s) }));
    const placeNotes: Note[] = [];
    if (places.length === 0) {
      const para = article.sentences.filter((x) => x.paragraph === s.paragraph).flatMap(placesIn);
      if (para.length) places = [...new Set(para)].map((r) => ({ id: idOf.get(r)!, role: 'at' as PlaceRole }));
      else if (lastPlaces.length) places = lastPlaces;
      else if (mostNamed) places = [{ id: idOf.get(mostNamed)!, role: 'at' }];
      else {
        decisions.push(`paragraph ${s.paragraph}, sentence ${s.index}: a dated happening with no place anywhere near it; no event made`);
        continue;
      }
      placeNotes.push(review(`The sentence names no place; took ${places.map((p) => p.id).join(', ')} from ${para.length ? 'its paragraph' : 'the events before it'}.`));
    }
    lastPlaces = places;

    // A date in "under the deal of January 19", "following the October 7 attack" is a reference
    // point; when every date of the sentence is one, the sentence reports news of the day too.
    const referential = (d: FoundDate) => new RegExp(`\\b(?:under|following|after|before|ahead of|prior to)\\s+(?:\\S+\\s+){0,5}${escape(d.text)}`, 'i').test(s.text);
    const eventDates = dates.length === 0 ? [newsDay] : dates.every(referential) && (happening || figures.length > 0) && !dates.includes(newsDay) ? [...dates, newsDay] : dates;
    for (const d of eventDates) {
      const category = categoryOf(s.text);
      const id = unique(`p${s.paragraph}-${slugify(dates.includes(d) ? d.text : s.text, 4)}`.replace(/-+$/, ''), eventIds);
      const notes: Note[] = [
        review(
          dates.includes(d)
            ? `Date ${d.date} (${d.precision}) read from “${d.text}”${d.info ? `: ${d.info}` : ''}.`
            : `The sentence gives no date; took ${d.date}, the article's day (${d.text === 'the publication date' ? 'the publication date' : `from “${d.text}” earlier in the article`}).`,
        ),
        ...(dates.includes(d) ? d.notes.map((n) => review(n)) : []),
        ...placeNotes,
        review(`Category “${category.id}” guessed from the word “${category.word}”.`),
      ];
      if (dates.includes(d)) for (const n of d.notes) decisions.push(`paragraph ${s.paragraph}: ${n}`);
      const event: StoryEvent = {
        id,
        date: d.date,
        ...(d.time && d.precision === 'day' ? { time: d.time } : {}),
        title: `${PLACEHOLDER} title for paragraph ${s.paragraph}, sentence ${s.index}: “${excerpt(s.text)}”`,
        summary: `${PLACEHOLDER} summary of paragraph ${s.paragraph}, sentence ${s.index}, in your own words`,
        category: category.id,
        places,
        ...(figures.length ? { figures } : {}),
        cite: { paragraph: s.paragraph },
        notes,
      };
      events.push(event);
      eventReport.push({
        id,
        date: d.date,
        paragraph: s.paragraph,
        sentence: excerpt(s.text, 12),
        places: places.map((p) => `${p.id} (${p.role})`).join(', '),
        category: category.id,
      });
    }
  }

  const headline = article.paragraphs[0] ?? '';
  const points = features.map((f) => (f.geometry as { coordinates: number[] }).coordinates);
  const story: StoryMeta = {
    id: opts.id ?? `${slugify(headline, 5)}-${publishedDate}`,
    title: `${PLACEHOLDER} a title in your own words (the headline is paragraph 1: “${excerpt(headline)}”)`,
    language: 'en',
    published: { date: publishedDate, ...(publishedNote ? { note: publishedNote } : {}) },
    source: { name: `${PLACEHOLDER} the outlet that published the article` },
    paragraphs: article.paragraphs.length,
    ...(points.length ? { bbox: bboxOf(points) } : {}),
  };
  for (const f of features) if (!events.some((e) => e.places.some((p) => p.id === f.id))) decisions.push(`place ${f.id}: no event uses it`);
  return {
    story,
    places: { type: 'FeatureCollection', features },
    events,
    report: { places: placeReport, events: eventReport, rejected: found.rejected, decisions },
  };
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** [west, south, east, north] around the points with a margin, within the world. */
function bboxOf(points: number[][]): [number, number, number, number] {
  const xs = points.map((p) => p[0]!);
  const ys = points.map((p) => p[1]!);
  const r = (x: number) => Math.round(x * 100) / 100;
  return [r(Math.max(-180, Math.min(...xs) - 0.5)), r(Math.max(-90, Math.min(...ys) - 0.5)), r(Math.min(180, Math.max(...xs) + 0.5)), r(Math.min(90, Math.max(...ys) + 0.5))];
}

/** Verbs of things that happen (not of things said or felt). */
const HAPPENING =
  /\b(?:kill|killed|killing|die|died|dead|struck|strike|strikes|hit|hits|released?|freed|handed|crossed?|cross|fled|flee|reached|arrived?|closed?|opened|reopened|seized|attacked|shelled|bombed|flooded|collapsed|declared|approved|evacuated?|deported|left|began|begun|destroyed|wounded|injured|rescued|captured|stormed|fired|burst|swept|flattened|occupied|took effect|take effect|agreed|exchange|transferred|carried|greeted|counted|reported)\b/i;

const CATEGORIES: [RegExp, string][] = [
  [/\b(?:ceasefire|cease-fire|truce|armistice)\b/i, 'ceasefire'],
  [/\b(?:crossing|border)\b.*\b(?:open\w*|clos\w*|reopen\w*|shut\w*)\b|\b(?:open\w*|clos\w*|reopen\w*|shut\w*)\b.*\bcrossing\b/i, 'crossing-status'],
  [/\b(?:captives?|hostages?|handed over)\b/i, 'captive-release'],
  [/\b(?:prisoners?|detainees?|deport\w*)\b/i, 'prisoner-release'],
  [/\b(?:patients?|evacuat\w*|medical treatment)\b/i, 'medical-evacuation'],
  [/\b(?:missiles?|strikes?|struck|shell\w*|bomb\w*|attack\w*|raids?|seiz\w*|offensive|troops|fighters|drones?|stormed|siege)\b/i, 'military-operation'],
  [/\b(?:aid|hospitals?|shelter|camps?|food|malnutrition|displaced|homeless|flood\w*|rain|earthquake|quake|rescue\w*|dead|died|mourning)\b/i, 'humanitarian'],
];

function categoryOf(text: string): { id: string; word: string } {
  for (const [re, id] of CATEGORIES) {
    const m = re.exec(text);
    if (m) return { id, word: m[0].split(/\s+/)[0]! };
  }
  return { id: 'context', word: '(none: the default)' };
}

/** "from X to Y", "through X": roles of a place in its sentence; "at" otherwise. */
function roleOf(r: Resolved, s: Sentence): PlaceRole {
  const m = r.mentions.find((x) => x.sentence === s)!;
  const before = s.text.slice(Math.max(0, m.start - 16), m.start).toLowerCase();
  if (/\bfrom\s+(?:the\s+)?(?:\S+['’]s\s+)?$/.test(before)) return 'from';
  if (/\b(?:through|via)\s+(?:the\s+)?$/.test(before)) return 'via';
  if (/\b(?:to|into|towards?|reached|reach|arrived in|arrived at)\s+(?:the\s+)?$/.test(before) && /\bfrom\b|\b(?:cross|evacuat|transfer|travel|deport|fled|flee|move|carr|bus)\w*/i.test(s.text)) return 'to';
  return 'at';
}

const isVerb = (word: string) => ['Verb', 'Adverb'].some((t) => tagsOf(word).has(t));

const QUALIFIERS: [RegExp, Figure['qualifier'] | undefined][] = [
  [/^at least$/i, 'at least'],
  [/^(?:more than|over)$/i, 'more than'],
  [/^(?:fewer than|less than)$/i, 'fewer than'],
  [/^(?:about|around|nearly|almost|some|roughly|an estimated|approximately)$/i, 'about'],
];
const STOP = /^(?:of|in|on|at|to|from|and|or|who|which|that|were|was|had|have|has|are|is|will|would|had|for|with|by|as|the|a|an|said|more|per|%)$/i;

/** Numbers the sentence gives, with their qualifier and the words that say what they count. */
export function findFigures(text: string, dates: FoundDate[] = []): Figure[] {
  const out: Figure[] = [];
  const re = /(?:\b(at least|more than|over|fewer than|less than|about|around|nearly|almost|some|roughly|an estimated|approximately)\s+)?\b(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s+(million|thousand|billion))?\b/gi;
  for (const m of text.matchAll(re)) {
    const raw = m[2]!;
    const after = text.slice(m.index + m[0].length);
    if (/^(?:\.\d|[-–]\w|\s*(?:%|per ?cent|percent|a\.m\.|p\.m\.|am\b|pm\b|:\d))/i.test(after)) continue;
    if (dates.some((d) => d.text.includes(raw))) continue;
    if (/^(?:19|20)\d\d$/.test(raw)) continue;
    const words = after.trim().split(/\s+/).map((w) => w.replace(/[^\p{L}\p{N}'’-]/gu, ''));
    const label: string[] = [];
    for (const w of words) {
      if (!w || STOP.test(w) || label.length === 3 || (label.length > 0 && isVerb(w))) break;
      label.push(w);
      if (/[,.;:]$/.test(after.trim().split(/\s+/)[label.length - 1] ?? '')) break;
    }
    if (label.length === 0) continue;
    const scale = { million: 1e6, thousand: 1e3, billion: 1e9 }[(m[3] ?? '').toLowerCase() as 'million'] ?? 1;
    const value = Number(raw.replace(/,/g, '')) * scale;
    const q = QUALIFIERS.find(([r]) => m[1] && r.test(m[1]))?.[1];
    out.push({
      label: label.join(' '),
      value,
      qualifier: q ?? 'exactly',
      notes: [review(`Figure read from “${m[0].trim()} ${label.join(' ')}”: check the value, its qualifier and what it counts.`)],
    });
  }
  return out;
}
