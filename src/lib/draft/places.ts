/**
 * Finds the places an article names and resolves each to one gazetteer entry.
 *
 *  1. Names: runs of capitalised words in each sentence (with "of", "de", "al"… inside), cut at
 *     punctuation and possessives. A capitalised word that opens a sentence or sits in a
 *     title-case headline counts only when it is not a common English word (compromise's lexicon).
 *  2. Sites and regions: a name followed by "crossing", "prison", "port", "hospital", "power
 *     plant", "region"… names the site or region, not the town ("Ofer prison", "Kharkiv region").
 *  3. Persons and organisations: a name after a title ("minister", "captives"), one ending in an
 *     organisation word ("Red Cross", "Rapid Support Forces"), an all-capitals acronym, or a name
 *     of which only a part is in the gazetteer ("Ofer Kalderon", "Israel Katz") is not a place;
 *     its words are remembered, so a later bare "Kalderon" or "Ofer" is not a place either.
 *  4. Resolution: among the entries for a name, the best by source (curated places first), the
 *     countries the article names, closeness to the article's other places and population.
 * Pure and browser-safe: the gazetteer comes in as data.
 */
import nlp from 'compromise';
import distance from '@turf/distance';
import { fold, isDemonymOf } from './fold.ts';
import type { GazEntry, Gazetteer, Match } from './gazetteer.ts';
import type { Sentence } from './text.ts';
import { AREA_WORDS, CALENDAR_WORDS, CONNECTORS, ORG_WORDS, PERSON_TITLES, PLACE_WORDS, REGION_WORDS, SITE_WORDS } from './words.ts';

export interface Token {
  text: string;
  start: number;
  end: number;
  /** The word ended with a possessive 's, cut off here. */
  possessive: boolean;
  capital: boolean;
}

/** A place name found in a sentence. */
export interface Mention {
  /** The name as the article writes it ("Khan Younis", "Ofer prison"). */
  text: string;
  sentence: Sentence;
  start: number;
  end: number;
  /** The gazetteer entries it may mean. */
  matches: Match[];
  /** "crossing", "prison", "region"…: the name is a site or region named after `matches`' town. */
  siteKind?: string;
  /** Set when the site was placed at a town named elsewhere in the sentence ("… Hospital in El Fasher"). */
  placedAt?: string;
}

/** A name the finder decided is not a place, and why (for the report and the tests). */
export interface Rejected {
  text: string;
  sentence: Sentence;
  reason: 'person' | 'organisation' | 'demonym' | 'not in the gazetteer';
}

export interface FoundNames {
  mentions: Mention[];
  rejected: Rejected[];
}

const WORD = /[\p{L}\p{M}]+(?:['’\-][\p{L}\p{M}]+)*|\d+(?:[.,]\d+)*/gu;

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    let word = m[0];
    let possessive = false;
    if (/['’]s$/i.test(word)) {
      word = word.slice(0, -2);
      possessive = true;
    } else if (/s['’]$/.test(text.slice(m.index, m.index + word.length + 1))) {
      possessive = true; // "Hamas' October 7"
    }
    out.push({ text: word, start: m.index, end: m.index + word.length, possessive, capital: /^\p{Lu}/u.test(word) });
  }
  return out;
}

const tagCache = new Map<string, Set<string>>();
/** compromise's tags of a word on its own, looked up once per word (its matcher is slow). */
export function tagsOf(word: string): Set<string> {
  const w = word.toLowerCase();
  let tags = tagCache.get(w);
  if (!tags) {
    tags = new Set((nlp(w).json() as { terms: { tags: string[] }[] }[]).flatMap((s) => s.terms.flatMap((t) => t.tags)));
    tagCache.set(w, tags);
  }
  return tags;
}
const FUNCTION_TAGS = ['Verb', 'Adverb', 'Determiner', 'Preposition', 'Conjunction', 'Pronoun', 'Value', 'Auxiliary', 'Copula', 'QuestionWord', 'Modal', 'Demonym'];
const hasAny = (tags: Set<string>, list: string[]) => list.some((t) => tags.has(t));

/** Whether a word is a common English word (verb, adverb, determiner…) rather than a name. */
export function isCommonWord(word: string): boolean {
  const tags = tagsOf(word);
  return hasAny(tags, FUNCTION_TAGS) || (tags.has('Adjective') && !tags.has('ProperNoun'));
}

const isDemonym = (word: string) => tagsOf(word).has('Demonym');
const isFirstName = (word: string) => tagsOf(word).has('FirstName');
/** A noun or adjective (not a verb, pronoun, preposition…): may be a town's name at a sentence's start ("Torrent, Sedaví and…"). */
const isNounLike = (word: string) => !hasAny(tagsOf(word), FUNCTION_TAGS);

interface Span {
  tokens: Token[];
  /** Index in the sentence's token list of the first token. */
  at: number;
}

/** Runs of capitalised words that may be names. `known` says whether a word alone is a sizeable place. */
function spans(tokens: Token[], text: string, known: (word: string) => boolean): Span[] {
  const alpha = tokens.filter((t) => /^\p{L}/u.test(t.text));
  const titleCase = alpha.length >= 6 && alpha.filter((t) => t.capital).length / alpha.length >= 0.75;
  const out: Span[] = [];
  let cur: Span | undefined;
  const gapOk = (a: Token, b: Token) => /^[ \-]$/.test(text.slice(a.end + (a.possessive ? 2 : 0), b.start)) && !a.possessive;
  tokens.forEach((t, i) => {
    const opensSentence = i === 0 || /[.!?:"“]\s*$/.test(text.slice(0, t.start));
    const usable =
      t.capital && !/^\d/.test(t.text) && !CALENDAR_WORDS.test(t.text) && !((opensSentence || titleCase) && isCommonWord(t.text) && !(isNounLike(t.text) && known(t.text)));
    const prev = tokens[i - 1];
    if (usable) {
      if (cur && prev && gapOk(prev, t) && cur.tokens[cur.tokens.length - 1] === prev) cur.tokens.push(t);
      else if (cur && prev && CONNECTORS.has(prev.text.toLowerCase()) && tokens[i - 2] === cur.tokens[cur.tokens.length - 1] && gapOk(tokens[i - 2]!, prev) && gapOk(prev, t)) {
        cur.tokens.push(prev, t);
      } else {
        cur = { tokens: [t], at: i };
        out.push(cur);
      }
    }
  });
  return out;
}

const lower = (t: Token | undefined) => t?.text.toLowerCase() ?? '';
const join = (ts: Token[]) => ts.map((t) => t.text).join(' ');

/** The site or region word right after the span ("crossing", "border crossing", "power plant"), if any. */
function siteAfter(tokens: Token[], after: number, text: string): { kind: string; words: number; region: boolean } | undefined {
  for (const n of [3, 2, 1]) {
    const ws = tokens.slice(after, after + n);
    if (ws.length < n) continue;
    if (n > 1 && !ws.every((w, k) => k === 0 || /^ $/.test(text.slice(ws[k - 1]!.end, w.start)))) continue;
    const phrase = ws.map((w) => w.text.toLowerCase()).join(' ');
    const site = SITE_WORDS.get(phrase);
    if (site) return { kind: site, words: n, region: false };
    if (n === 1 && REGION_WORDS.has(phrase)) return { kind: 'region', words: 1, region: true };
  }
  return undefined;
}

export interface FindOptions {
  /** Names already known to be people's or organisations' (carried from sentence to sentence). */
  nameParts?: Set<string>;
}

/** Finds place names, sentence by sentence, rejecting persons, organisations and demonyms. */
export function findPlaceNames(sentences: Sentence[], gaz: Gazetteer): FoundNames {
  const mentions: Mention[] = [];
  const rejected: Rejected[] = [];
  const nameParts = new Set<string>();
  /** A gazetteer hit that is a big place (country, curated, city ≥ 100k) stays a place even when a person shares its name. */
  const major = (ms: Match[]) => ms.some((m) => m.entry.source !== 'geonames' || m.entry.population >= 100_000);

  for (const sentence of sentences) {
    const text = sentence.text;
    const tokens = tokenize(text);
    const known = (word: string) => gaz.lookup(word).some((m) => m.via === 'exact' && (m.entry.source !== 'geonames' || m.entry.population >= 50_000));
    for (const span of spans(tokens, text, known)) {
      const first = span.tokens[0]!;
      const last = span.tokens[span.tokens.length - 1]!;
      const afterIndex = tokens.indexOf(last) + 1;
      const spanText = join(span.tokens);
      const reject = (reason: Rejected['reason']) => {
        rejected.push({ text: spanText, sentence, reason });
        if (reason === 'person' || reason === 'organisation') for (const t of span.tokens) nameParts.add(fold(t.text));
      };

      // Sites and regions: "Ofer prison", "Rafah border crossing", "Saudi Hospital", "Kharkiv region".
      const site = last.possessive ? undefined : siteAfter(tokens, afterIndex, text);
      const ownSite = SITE_WORDS.get(last.text.toLowerCase()) ?? (span.tokens.length > 1 && first.text === 'Port' && span.tokens[1]?.text === 'of' ? 'port' : undefined);
      if (site || (ownSite && span.tokens.length > 1)) {
        const siteTokens = site ? tokens.slice(afterIndex, afterIndex + site.words) : [];
        const full = `${spanText}${siteTokens.length ? ' ' + join(siteTokens) : ''}`;
        const end = (siteTokens[siteTokens.length - 1] ?? last).end;
        const exact = gaz.lookup(full).filter((m) => m.via === 'exact');
        const kind = site?.kind ?? ownSite!;
        if (exact.length) {
          mentions.push({ text: full, sentence, start: first.start, end, matches: exact });
          continue;
        }
        const headTokens = site ? span.tokens : first.text === 'Port' ? span.tokens.slice(2) : span.tokens.slice(0, -1);
        const head = join(headTokens);
        const headMatches = headTokens.length ? placeMatches(gaz.lookup(head), head) : [];
        if (headMatches.length) {
          mentions.push({ text: full, sentence, start: first.start, end, matches: headMatches, siteKind: kind });
          continue;
        }
        // "the Saudi Hospital in El Fasher": put the site at the town the sentence names after "in".
        const next = afterIndex + (site?.words ?? 0);
        const inAt = lower(tokens[next]) === 'in' && tokens[next + 1]?.capital && /^ $/.test(text.slice(tokens[next - 1]!.end, tokens[next]!.start)) ? next + 1 : -1;
        if (inAt > 0) {
          const town = tokens.slice(inAt, inAt + 3);
          for (let n = town.length; n > 0; n--) {
            const name = join(town.slice(0, n));
            const ms = placeMatches(gaz.lookup(name), name);
            if (ms.length) {
              mentions.push({ text: full, sentence, start: first.start, end, matches: ms, siteKind: kind, placedAt: name });
              break;
            }
          }
          if (mentions[mentions.length - 1]?.text === full && mentions[mentions.length - 1]?.sentence === sentence) continue;
        }
        rejected.push({ text: full, sentence, reason: 'not in the gazetteer' });
        continue;
      }

      // A whole name that is a curated place or a country is one, whatever its last word ("West Bank").
      const whole = gaz.lookup(spanText).filter((m) => m.via === 'exact' && m.entry.source !== 'geonames');
      if (whole.length && span.tokens.length > 1) {
        mentions.push({ text: spanText, sentence, start: first.start, end: last.end, matches: whole });
        continue;
      }
      // Organisations: acronyms, organisation words.
      if (ORG_WORDS.has(last.text.toLowerCase()) && span.tokens.length > 1) {
        reject('organisation');
        continue;
      }
      if (span.tokens.length === 1 && /^[\p{Lu}]{2,}$/u.test(first.text)) {
        const countries = gaz.lookup(first.text).filter((m) => m.via === 'exact' && m.entry.source !== 'geonames');
        if (countries.length) mentions.push({ text: first.text, sentence, start: first.start, end: first.end, matches: countries });
        else reject('organisation');
        continue;
      }
      // Persons: a title right before the name, or a title opening it ("President Volodymyr Zelensky").
      const before = lower(tokens[span.at - 1]);
      if (PERSON_TITLES.has(first.text.toLowerCase()) || PERSON_TITLES.has(before)) {
        reject('person');
        continue;
      }
      if (isDemonym(first.text) && span.tokens.length === 1) {
        reject('demonym');
        continue;
      }
      // "Carlos Mazón": a first name opening a name that is not, as a whole, a place.
      if (isFirstName(first.text) && (span.tokens.length > 1 || !gaz.lookup(first.text).some((m) => m.via === 'exact'))) {
        reject('person');
        continue;
      }

      // Gazetteer: longest matches from the left; a name only partly in the gazetteer is someone's name.
      const found: { from: number; to: number; matches: Match[] }[] = [];
      for (let i = 0; i < span.tokens.length; ) {
        let hit: { from: number; to: number; matches: Match[] } | undefined;
        for (let n = Math.min(gaz.maxWords, span.tokens.length - i); n > 0; n--) {
          const part = span.tokens.slice(i, i + n);
          if (CONNECTORS.has(lower(part[0])) || CONNECTORS.has(lower(part[part.length - 1]))) continue;
          if (n === 1 && PLACE_WORDS.has(lower(part[0]))) continue;
          const name = join(part);
          const ms = placeMatches(gaz.lookup(name), name);
          if (ms.length) {
            hit = { from: i, to: i + n, matches: ms };
            break;
          }
        }
        if (hit) {
          found.push(hit);
          i = hit.to;
        } else i++;
      }
      if (found.length === 0) {
        rejected.push({ text: spanText, sentence, reason: 'not in the gazetteer' });
        continue;
      }
      const covered = new Set(found.flatMap((f) => Array.from({ length: f.to - f.from }, (_, k) => f.from + k)));
      const leftover = span.tokens.filter((t, k) => !covered.has(k) && !CONNECTORS.has(t.text.toLowerCase()) && !PLACE_WORDS.has(t.text.toLowerCase()));
      if (leftover.length > 0) {
        reject('person');
        continue;
      }
      if (found.length > 1 && found.some((f) => f.matches.every((m) => m.via === 'skeleton'))) {
        reject('person'); // two guessed spellings side by side are a person's names, not two places
        continue;
      }
      for (const f of found) {
        const ts = span.tokens.slice(f.from, f.to);
        const name = join(ts);
        if (ts.length === 1 && nameParts.has(fold(name)) && !major(f.matches)) {
          rejected.push({ text: name, sentence, reason: 'person' });
          continue;
        }
        // "Gaza City", "Gaza Strip": place words after a town's name; an area word makes it a region around the town.
        let to = f.to;
        while (to < span.tokens.length && PLACE_WORDS.has(lower(span.tokens[to]))) to++;
        const full = span.tokens.slice(f.from, to);
        const area = full.slice(ts.length).some((t) => AREA_WORDS.has(lower(t)));
        mentions.push({ text: join(full), sentence, start: ts[0]!.start, end: full[full.length - 1]!.end, matches: f.matches, ...(area ? { siteKind: 'region' } : {}) });
      }
    }
  }
  return { mentions, rejected };
}

/** Drops skeleton matches that are really a demonym of the entry ("Israeli" → Israel). */
function placeMatches(matches: Match[], name: string): Match[] {
  const f = fold(name);
  return matches.filter((m) => m.via === 'exact' || ![m.entry.name, ...m.entry.aliases].some((n) => isDemonymOf(f, fold(n))));
}

// ---------------------------------------------------------------- resolution

export interface Resolved {
  /** The names as written, first one first. */
  texts: string[];
  entry: GazEntry;
  /** The other entries the name could mean, best first. */
  others: GazEntry[];
  confidence: number;
  /** Why this entry: for the review note. */
  reason: string;
  via: 'exact' | 'skeleton';
  siteKind?: string;
  placedAt?: string;
  mentions: Mention[];
}

/** One entry per distinct name, chosen with the article's context; mentions of the same entry merged. */
export function resolvePlaces(mentions: Mention[]): Resolved[] {
  const byName = new Map<string, Mention[]>();
  for (const m of mentions) {
    const key = `${fold(m.text)}|${m.siteKind ?? ''}`;
    byName.set(key, [...(byName.get(key) ?? []), m]);
  }
  const groups = [...byName.values()];
  // Context: countries named, and the points of names with one candidate.
  const countries = new Set<string>();
  const anchors: [number, number][] = [];
  for (const g of groups) {
    const ms = g[0]!.matches;
    if (ms.every((m) => m.entry.source === 'country')) countries.add(ms[0]!.entry.country ?? '');
    const distinct = new Set(ms.map((m) => m.entry.key));
    if (distinct.size === 1 && ms[0]!.via === 'exact' && ms[0]!.entry.source !== 'country') {
      anchors.push([ms[0]!.entry.lng, ms[0]!.entry.lat]);
      if (ms[0]!.entry.country) countries.add(ms[0]!.entry.country);
    }
  }
  const centre = anchors.length ? medianPoint(anchors) : undefined;

  const out = new Map<string, Resolved>();
  for (const g of groups) {
    const first = g[0]!;
    const scored = first.matches
      .map((m) => ({ m, ...score(m, countries, centre) }))
      .sort((a, b) => b.score - a.score);
    const best = scored[0]!;
    // A spelling-variant guess far from everything else the article names is most likely wrong.
    if (best.m.via === 'skeleton' && centre && distance(centre, [best.m.entry.lng, best.m.entry.lat]) > 1500 && !countries.has(best.m.entry.country ?? '')) continue;
    const second = scored[1];
    const margin = second ? best.score - second.score : 3;
    let confidence = Math.min(0.97, 0.55 + 0.12 * margin) * (best.m.via === 'skeleton' ? 0.8 : 1);
    if (best.m.entry.source === 'curated' && best.m.via === 'exact') confidence = Math.max(confidence, 0.9);
    if (first.siteKind) confidence *= 0.7;
    const key = `${best.m.entry.key}|${first.siteKind ?? ''}`;
    const prev = out.get(key);
    if (prev) {
      prev.texts.push(first.text);
      prev.mentions.push(...g);
      continue;
    }
    out.set(key, {
      texts: [first.text],
      entry: best.m.entry,
      others: scored.slice(1).map((s) => s.m.entry),
      confidence: Math.round(confidence * 100) / 100,
      reason: best.why.join(', '),
      via: best.m.via,
      ...(first.siteKind ? { siteKind: first.siteKind } : {}),
      ...(first.placedAt ? { placedAt: first.placedAt } : {}),
      mentions: [...g],
    });
  }
  return [...out.values()];
}

function score(m: Match, countries: Set<string>, centre: [number, number] | undefined): { score: number; why: string[] } {
  const e = m.entry;
  const why: string[] = [];
  let s = 0;
  if (e.source === 'curated') (s += 4), why.push('a curated place of a story in geo/');
  if (e.source === 'country' && !m.foreign) (s += 6), why.push('a country');
  if (m.foreign) (s += 1), why.push('by its name in another language');
  if (e.population > 0) s += 0.5 * Math.log10(e.population + 1);
  if (e.featureCode === 'PPLC') (s += 1), why.push('a capital');
  else if (e.featureCode === 'PPLA') s += 0.5;
  if (e.country && countries.has(e.country) && e.source !== 'country') (s += 2), why.push(`in a country the article names or implies (${e.country})`);
  if (centre && e.source !== 'country') {
    const km = distance(centre, [e.lng, e.lat]);
    if (km < 300) (s += 2), why.push(`near the article's other places (${Math.round(km)} km)`);
    else if (km < 1000) s += 1;
  }
  if (e.population >= 100_000) why.push(`population ${e.population.toLocaleString('en')}`);
  if (m.via === 'skeleton') (s -= 1 - m.similarity), why.push(`spelling variant of “${e.name}”`);
  return { score: s, why };
}

function medianPoint(points: [number, number][]): [number, number] {
  const mid = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    const h = s.length >> 1;
    return s.length % 2 ? s[h]! : (s[h - 1]! + s[h]!) / 2;
  };
  return [mid(points.map((p) => p[0])), mid(points.map((p) => p[1]))];
}
