/**
 * The gazetteer as data and its lookup index. The data is a compact, JSON-ready table made by
 * tools/draft/gazetteer.ts (GeoNames cities, country names and shapes) plus the curated places of
 * the project's stories; the index is built once (new Gazetteer(data)) and then answers exact and
 * transliteration-tolerant lookups. Pure, browser-safe: the editor's worker can fetch the same JSON.
 */
import { fold, similarity, skeleton } from './fold.ts';
import type { PrecisionLevel } from '../story/types.ts';

export type GazSource = 'curated' | 'country' | 'geonames';

/** One place a name may mean. */
export interface GazEntry {
  /** Stable key, e.g. "geonames:281133", "country:EG", "curated:rafah-crossing-2025-02-01/rafah". */
  key: string;
  source: GazSource;
  /** The entry's main name, as written in its source. */
  name: string;
  /** Other names and spellings (curated aliases and names{}, country names in other languages). */
  aliases: string[];
  /** Names in other languages, keyed by language tag (curated places and countries). */
  names?: Record<string, string>;
  /** More names in other languages, searchable but weaker evidence: Spanish "Granada" is Grenada, and a city too. */
  foreign?: string[];
  lng: number;
  lat: number;
  kind: string;
  level: PrecisionLevel;
  radiusM: number;
  /** ISO 3166-1 alpha-2 of the country it is in (or is), when known. */
  country?: string;
  population: number;
  /** GeoNames feature code: PPLC capital, PPLA seat of a first-order division… */
  featureCode?: string;
  /** Curated entries: the story it comes from (for leave-one-out evaluation). */
  story?: string;
}

/**
 * The serialised gazetteer. Countries and curated places are whole entries; the ~135k GeoNames
 * towns are one tab-separated line each (geonameid, name, other name, longitude, latitude,
 * population, country code, feature code), about 6 MB instead of 28 as objects.
 */
export interface GazetteerData {
  version: 1;
  /** Where the rows come from, with licences; printed by the CLI and kept in the file. */
  sources: string[];
  entries: GazEntry[];
  towns?: string;
}

/** Uncertainty of a town's point from its size: a bigger town is a wider target. */
export function townRadiusM(population: number): number {
  if (population >= 1_000_000) return 15_000;
  if (population >= 100_000) return 6_000;
  if (population >= 10_000) return 3_000;
  return 2_000;
}

/** The entries of a GazetteerData, its town lines unpacked. */
export function entriesOf(data: GazetteerData): GazEntry[] {
  const out = [...data.entries];
  for (const line of (data.towns ?? '').split('\n')) {
    const [id, name, alt, lng, lat, pop, country, featureCode] = line.split('\t');
    if (!id || !name) continue;
    const population = Number(pop) || 0;
    out.push({
      key: `geonames:${id}`,
      source: 'geonames',
      name,
      aliases: alt ? [alt] : [],
      lng: Number(lng),
      lat: Number(lat),
      kind: population >= 100_000 ? 'city' : 'town',
      level: 'town',
      radiusM: townRadiusM(population),
      ...(country ? { country } : {}),
      population,
      ...(featureCode ? { featureCode } : {}),
    });
  }
  return out;
}

export interface Match {
  entry: GazEntry;
  /** How the name met the entry: its exact folded form, or its transliteration skeleton. */
  via: 'exact' | 'skeleton';
  /** Spelling similarity of the folded forms (1 for exact). */
  similarity: number;
  /** Met only through a name in another language (GazEntry.foreign). */
  foreign?: boolean;
}

export class Gazetteer {
  readonly entries: GazEntry[];
  // One entry or a list per key: most names are unique, and a quarter-million one-element arrays
  // cost more to build than the rest of the index.
  private readonly exact = new Map<string, GazEntry | GazEntry[]>();
  /** Entries reached only through one of their foreign names, per folded name. */
  private readonly viaForeign = new Map<string, Set<GazEntry>>();
  /** Skeleton → rows of (skFolded, skEntry): parallel arrays instead of small objects. */
  private readonly bySkeleton = new Map<string, number | number[]>();
  private readonly skFolded: string[] = [];
  private readonly skEntry: GazEntry[] = [];
  /** Longest name, in words: candidate spans are tried from this length down. */
  readonly maxWords: number;

  constructor(data: GazetteerData | GazEntry[]) {
    this.entries = Array.isArray(data) ? data : entriesOf(data);
    let maxWords = 1;
    for (const entry of this.entries) {
      const own = entry.aliases.length ? [entry.name, ...entry.aliases].map(fold) : [fold(entry.name)];
      const foreign = (entry.foreign ?? []).map(fold);
      const seen = new Set<string>();
      for (const f of [...own, ...foreign]) {
        if (!f || seen.has(f)) continue;
        seen.add(f);
        if (foreign.length && !own.includes(f)) {
          const set = this.viaForeign.get(f) ?? new Set<GazEntry>();
          set.add(entry);
          this.viaForeign.set(f, set);
        }
        push(this.exact, f, entry);
        const sk = skeleton(f);
        if (sk.length >= 3) this.addSkeleton(sk, f, entry);
        // "j" is a consonant in Arabic transliteration (Jenin) but "y" in Slavic and German ones
        // (Kupjansk = Kupiansk): index that reading too.
        if (f.includes('j')) {
          const y = f.replace(/j/g, 'y');
          const skY = skeleton(y);
          if (skY !== sk && skY.length >= 3) this.addSkeleton(skY, y, entry);
        }
        const words = f.split(' ').length;
        if (words > maxWords) maxWords = words;
      }
    }
    this.maxWords = Math.min(maxWords, 6);
  }

  private addSkeleton(sk: string, folded: string, entry: GazEntry): void {
    push(this.bySkeleton, sk, this.skFolded.length);
    this.skFolded.push(folded);
    this.skEntry.push(entry);
  }

  /** Entries whose folded name or alias equals the folded `name`. */
  exactly(name: string): GazEntry[] {
    return list(this.exact.get(fold(name)));
  }

  /**
   * Entries for a name as written in an article: exact matches when there are any; otherwise the
   * entries with the same consonant skeleton whose spelling is close (similarity ≥ 0.8), best
   * first. Skeleton matches are only tried for names of 5 letters or more.
   */
  lookup(name: string): Match[] {
    const f = fold(name);
    const exact = this.exact.has(f) ? list(this.exact.get(f)) : undefined;
    if (exact) {
      const foreign = this.viaForeign.get(f);
      return exact.map((entry) => ({ entry, via: 'exact' as const, similarity: 1, ...(foreign?.has(entry) ? { foreign: true } : {}) }));
    }
    if (f.replace(/ /g, '').length < 5) return [];
    const best = new Map<GazEntry, number>();
    const words = f.split(' ').length;
    for (const row of list(this.bySkeleton.get(skeleton(f)))) {
      const folded = this.skFolded[row]!;
      const entry = this.skEntry[row]!;
      if (folded.split(' ').length !== words) continue;
      const s = similarity(folded, f);
      if (s >= 0.8 && s > (best.get(entry) ?? 0)) best.set(entry, s);
    }
    return [...best].map(([entry, s]) => ({ entry, via: 'skeleton' as const, similarity: s })).sort((a, b) => b.similarity - a.similarity);
  }

  /** Whether any entry's folded name or alias equals this folded string. */
  hasExact(folded: string): boolean {
    return this.exact.has(folded);
  }
}

function push<T>(map: Map<string, T | T[]>, key: string, value: T): void {
  const cur = map.get(key);
  if (cur === undefined) map.set(key, value);
  else if (Array.isArray(cur)) cur.push(value);
  else map.set(key, [cur, value]);
}

function list<T>(value: T | T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}
