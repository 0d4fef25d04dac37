/**
 * npm run draft:eval — runs the drafter on the labelled set in tests/fixtures/draft-eval and prints,
 * per article and in total (tuned and held-out apart):
 *   - place recall and precision: a drafted place counts when one of its names is the label's
 *     (folded, or the same transliteration skeleton) and it lies within the label's tolerance;
 *   - people and organisations taken for places: drafted place names that sit inside a name the
 *     labels list as not a place;
 *   - event-date accuracy: labelled (paragraph, date) pairs that some drafted event of that
 *     paragraph has.
 * Then every miss. The seed article is run twice: with the gazetteer as shipped (its own story in
 * geo/ is a curated entry) and leaving its own story out of the gazetteer.
 *
 * Labels: <id>.labels.json beside <id>.txt (our own short texts carrying the names, people and
 * dates of real articles), or with "text" pointing at a kept article and "story" at its story in
 * geo/, whose places the article names and whose events are the labels.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import distance from '@turf/distance';
import { draftStory, type Draft } from '../../src/lib/draft/draft.ts';
import { fold, skeleton } from '../../src/lib/draft/fold.ts';
import { parsePublished } from '../../src/lib/draft/dates.ts';
import type { Gazetteer } from '../../src/lib/draft/gazetteer.ts';
import { curatedEntries, loadGazetteer } from './gazetteer.ts';
import { listStoryDirs } from '../story-files.ts';

const SET = 'tests/fixtures/draft-eval';

export interface LabelPlace {
  name: string;
  aliases?: string[];
  lngLat: [number, number];
  tolKm: number;
}
export interface Labels {
  id: string;
  split: 'tuned' | 'held-out';
  region: string;
  published: string;
  text?: string;
  story?: string;
  places?: LabelPlace[];
  notPlaces: string[];
  events?: { paragraph: number; date: string }[];
}

export interface ArticleScore {
  id: string;
  split: string;
  labels: number;
  found: number;
  hits: number;
  personsAsPlaces: string[];
  dates: number;
  datesRight: number;
  missed: string[];
  wrong: string[];
  wrongDates: string[];
  ms: number;
}

/** Labels of a kept article whose story is in geo/: the places the text names, the story's events. */
function labelsFromStory(l: Labels, text: string): Labels {
  const dir = l.story!;
  const places = JSON.parse(readFileSync(join(dir, 'places.geojson'), 'utf8')) as {
    features: { id: string; geometry: { type: string; coordinates: unknown }; properties: { name: string; aliases?: string[]; precision: { radiusM: number } } }[];
  };
  const entries = new Map(curatedEntries('geo').map((e) => [e.key.split('/').pop(), e]));
  const folded = ` ${fold(text)} `;
  const named = places.features.filter((f) => [f.properties.name, ...(f.properties.aliases ?? [])].some((n) => folded.includes(` ${fold(n)} `)));
  const events = JSON.parse(readFileSync(join(dir, 'events.json'), 'utf8')) as { cite: { paragraph: number }; date: string }[];
  return {
    ...l,
    places: named.map((f) => {
      const e = entries.get(f.id)!;
      const area = f.geometry.type !== 'Point';
      return { name: f.properties.name, aliases: f.properties.aliases ?? [], lngLat: [e.lng, e.lat], tolKm: area ? 100 : Math.max(2, f.properties.precision.radiusM / 1000) };
    }),
    events: events.map((e) => ({ paragraph: e.cite.paragraph, date: e.date })),
  };
}

const sameName = (a: string, b: string) => fold(a) === fold(b) || (fold(a).length >= 5 && skeleton(fold(a)) === skeleton(fold(b)));

export function scoreDraft(draft: Draft, labels: Labels, ms: number): ArticleScore {
  const found = draft.report.places;
  const used = new Set<number>();
  const missed: string[] = [];
  let hits = 0;
  for (const label of labels.places ?? []) {
    const names = [label.name, ...(label.aliases ?? [])];
    const i = found.findIndex((p, k) => !used.has(k) && p.names.some((n) => names.some((m) => sameName(n, m))) && distance(label.lngLat, [p.lng, p.lat]) <= label.tolKm);
    if (i >= 0) {
      used.add(i);
      hits++;
    } else {
      const near = found.find((p) => p.names.some((n) => names.some((m) => sameName(n, m))));
      missed.push(near ? `${label.name} (placed ${Math.round(distance(label.lngLat, [near.lng, near.lat]))} km off, at ${near.entry})` : `${label.name} (not found)`);
    }
  }
  const wrong = found.filter((_, k) => !used.has(k)).map((p) => `${p.names[0]} → ${p.entry}`);
  const personsAsPlaces = found.flatMap((p) =>
    p.mentions
      .filter((m) => labels.notPlaces.some((np) => occurrences(m.sentence, np).some(([a, b]) => m.start >= a && m.end <= b)))
      .map((m) => `${m.sentence.slice(m.start, m.end)} (¶${m.paragraph})`),
  );
  let datesRight = 0;
  const wrongDates: string[] = [];
  for (const ev of labels.events ?? []) {
    const got = draft.events.filter((e) => e.cite.paragraph === ev.paragraph).map((e) => e.date);
    if (got.includes(ev.date)) datesRight++;
    else wrongDates.push(`¶${ev.paragraph}: want ${ev.date}, drafted ${got.length ? [...new Set(got)].join(', ') : 'no event'}`);
  }
  return {
    id: labels.id,
    split: labels.split,
    labels: labels.places?.length ?? 0,
    found: found.length,
    hits,
    personsAsPlaces,
    dates: labels.events?.length ?? 0,
    datesRight,
    missed,
    wrong,
    wrongDates,
    ms,
  };
}

function occurrences(text: string, needle: string): [number, number][] {
  const out: [number, number][] = [];
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) out.push([i, i + needle.length]);
  return out;
}

const pct = (a: number, b: number) => (b === 0 ? '—' : `${((100 * a) / b).toFixed(0)}%`);

export function formatTable(scores: ArticleScore[]): string {
  const rows = ['| article | set | places labelled | found | recall | precision | persons/orgs as places | dates right | ms |', '|---|---|---|---|---|---|---|---|---|'];
  const line = (s: Omit<ArticleScore, 'missed' | 'wrong' | 'wrongDates'>, bold = false) => {
    const b = (x: string) => (bold ? `**${x}**` : x);
    rows.push(
      `| ${b(s.id)} | ${s.split} | ${s.labels} | ${s.found} | ${b(pct(s.hits, s.labels))} | ${b(pct(s.hits, s.found))} | ${s.personsAsPlaces.length} | ${b(`${s.datesRight}/${s.dates} (${pct(s.datesRight, s.dates)})`)} | ${Math.round(s.ms)} |`,
    );
  };
  for (const split of ['tuned', 'held-out']) {
    const group = scores.filter((s) => s.split === split && !s.id.endsWith('(own story in gazetteer)'));
    for (const s of scores.filter((x) => x.split === split)) line(s);
    if (!group.length) continue;
    const sum = (k: 'labels' | 'found' | 'hits' | 'dates' | 'datesRight' | 'ms') => group.reduce((a, s) => a + s[k], 0);
    line({ id: `total ${split}`, split, labels: sum('labels'), found: sum('found'), hits: sum('hits'), personsAsPlaces: group.flatMap((s) => s.personsAsPlaces), dates: sum('dates'), datesRight: sum('datesRight'), ms: sum('ms') }, true);
  }
  return rows.join('\n');
}

export function loadSet(dir = SET): { labels: Labels; text: string }[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.labels.json'))
    .sort()
    .flatMap((f) => {
      const labels = JSON.parse(readFileSync(join(dir, f), 'utf8')) as Labels;
      const textFile = labels.text ?? join(dir, f.replace('.labels.json', '.txt'));
      if (!existsSync(textFile)) {
        console.log(`(skipped ${labels.id}: its text ${textFile} is not on this machine)`);
        return [];
      }
      const text = readFileSync(textFile, 'utf8');
      return [{ labels: labels.story ? labelsFromStory(labels, text) : labels, text }];
    });
}

function run(gaz: Gazetteer, labels: Labels, text: string, id = labels.id): ArticleScore {
  const t0 = performance.now();
  const draft = draftStory(text, gaz, { published: parsePublished(labels.published)! });
  return { ...scoreDraft(draft, labels, performance.now() - t0), id };
}

function main(): void {
  const set = loadSet();
  const storyIds = new Set(listStoryDirs('geo').map((d) => d.split('/').pop()));
  const shipped = loadGazetteer();
  const scores: ArticleScore[] = [];
  for (const { labels, text } of set) {
    const own = labels.story?.split('/').pop();
    if (own && storyIds.has(own)) {
      // Honest number first: the article's own curated places left out of the gazetteer.
      scores.push(run(loadGazetteer({ excludeStory: own }), labels, text, `${labels.id} (own story left out)`));
      scores.push(run(shipped, labels, text, `${labels.id} (own story in gazetteer)`));
    } else scores.push(run(shipped, labels, text));
  }
  console.log(formatTable(scores));
  console.log('\nMisses:');
  for (const s of scores) {
    const parts = [
      ...s.missed.map((m) => `missed ${m}`),
      ...s.wrong.map((w) => `extra ${w}`),
      ...s.personsAsPlaces.map((p) => `person/org as place: ${p}`),
      ...s.wrongDates.map((d) => `date ${d}`),
    ];
    console.log(`- ${s.id} [${s.split}]: ${parts.length ? parts.join('; ') : 'none'}`);
  }
}

if (process.argv[1]?.endsWith('eval.ts')) {
  try {
    main();
  } catch (err) {
    console.error(`draft:eval: ${(err as Error).message}`);
    process.exitCode = 1;
  }
}
