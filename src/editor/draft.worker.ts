/**
 * The editor's drafting worker: the same drafter as `npm run draft` (src/lib/draft), on the
 * gazetteer the build emits at editor/gazetteer.json, fetched once on the first request. Also
 * answers which gazetteer entries a name may mean, and which basemap area outline (editor/areas.json)
 * a place's names match. Drafting a long article never blocks the page.
 */
import { draftStory } from '../lib/draft/draft.ts';
import { Gazetteer, type GazEntry, type GazetteerData } from '../lib/draft/gazetteer.ts';
import { checkArticleText } from '../lib/draft/text.ts';
import { fold } from '../lib/draft/fold.ts';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { Candidate } from './doc.ts';
import { MAX_ARTICLE_CHARS, type DraftReply, type DraftRequest } from './wire.ts';

let gazetteer: Promise<Gazetteer> | undefined;
let areas: Promise<FeatureCollection<Polygon | MultiPolygon, { name: string; names: Record<string, string> }>> | undefined;

async function fetchJson<T>(url: string, what: string): Promise<T> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`the ${what} could not be loaded (HTTP ${res.status})`);
  return (await res.json()) as T;
}

const loadGazetteer = (base: string) =>
  (gazetteer ??= fetchJson<GazetteerData>(new URL('editor/gazetteer.json', base).href, 'gazetteer').then((d) => new Gazetteer(d)).catch((err) => {
    gazetteer = undefined;
    throw err;
  }));

function candidateOf(e: GazEntry): Candidate {
  const where = e.country && e.source !== 'country' ? `, ${e.country}` : '';
  return {
    key: e.key,
    label: `${e.name}${where} (${e.source === 'curated' ? `from story ${e.story ?? ''}`.trim() : e.source === 'country' ? 'country' : `${e.kind}, ${e.population.toLocaleString('en')} people`})`,
    lng: e.lng,
    lat: e.lat,
    kind: e.kind,
    level: e.level,
    radiusM: e.radiusM,
    ...(e.names && Object.keys(e.names).length ? { names: e.names } : {}),
  };
}

/** Every entry the names may mean, best first (exact spellings, then bigger places). */
function candidatesFor(gaz: Gazetteer, names: string[], limit = 8): Candidate[] {
  const seen = new Map<string, { e: GazEntry; score: number }>();
  for (const name of names) {
    for (const m of gaz.lookup(name)) {
      const score = m.similarity * 10 + (m.entry.source === 'curated' ? 5 : m.entry.source === 'country' ? 2 : 0) + Math.log10(1 + m.entry.population) / 10;
      const prev = seen.get(m.entry.key);
      if (!prev || prev.score < score) seen.set(m.entry.key, { e: m.entry, score });
    }
  }
  return [...seen.values()].sort((a, b) => b.score - a.score).slice(0, limit).map((x) => candidateOf(x.e));
}

async function handle(req: DraftRequest): Promise<DraftReply> {
  if (req.type === 'draft') {
    if (req.text.length > MAX_ARTICLE_CHARS) {
      return { type: 'draft', id: req.id, ok: false, error: `The article is ${(req.text.length / 1e6).toFixed(1)} million characters; the drafter reads at most ${MAX_ARTICLE_CHARS / 1e6} million. Paste one article.` };
    }
    const problem = checkArticleText(req.text);
    if (problem) return { type: 'draft', id: req.id, ok: false, error: `Nothing to draft: ${problem}.` };
    const gaz = await loadGazetteer(req.base);
    const t0 = performance.now();
    const draft = draftStory(req.text, gaz, req.published ? { published: new Date(`${req.published}T00:00:00Z`) } : {});
    const candidates: Record<string, Candidate[]> = {};
    for (const p of draft.report.places) {
      const list = candidatesFor(gaz, p.names);
      // The entry the drafter chose comes first, even when the lookup ranks another higher.
      const chosen = list.findIndex((c) => c.lng === p.lng && c.lat === p.lat);
      if (chosen > 0) list.unshift(...list.splice(chosen, 1));
      candidates[p.id] = list;
    }
    return { type: 'draft', id: req.id, ok: true, draft, candidates, ms: performance.now() - t0 };
  }
  if (req.type === 'candidates') {
    const gaz = await loadGazetteer(req.base);
    return { type: 'candidates', id: req.id, candidates: candidatesFor(gaz, req.names) };
  }
  areas ??= fetchJson(new URL('editor/areas.json', req.base).href, 'area outlines');
  const all = await areas;
  const wanted = new Set(req.names.map(fold).filter(Boolean));
  const hit = all.features.find((f) => [f.properties.name, ...Object.values(f.properties.names)].some((n) => wanted.has(fold(n))));
  return { type: 'area', id: req.id, area: hit ? { name: hit.properties.name, geometry: hit.geometry } : null };
}

self.addEventListener('message', (e: MessageEvent<DraftRequest>) => {
  const req = e.data;
  handle(req).then(
    (reply) => self.postMessage(reply),
    (err: unknown) => self.postMessage({ type: 'failed', id: req.id, error: err instanceof Error ? err.message : String(err) } satisfies DraftReply),
  );
});
