/**
 * Vite plugin: the editor's two on-demand data files, served (dev) and emitted (build) under
 * editor/. Only edit.html's drafting worker fetches them; the viewer never does.
 *
 *   editor/gazetteer.json  the drafter's gazetteer (tools/draft/gazetteer.ts: GeoNames towns,
 *                          countries, and the curated places of every story in geo/), ~8 MB
 *   editor/areas.json      outlines a place can take when made an area: the polygons the basemap
 *                          draws (Natural Earth countries at 1:50m, the Gaza Strip and the West
 *                          Bank at 1:10m, world-atlas, the West Bank's eastern side redrawn on
 *                          the Jordan as the basemap does), with their names in other languages
 *
 * Both are generated, not committed: the gazetteer table is cached in .cache/draft/ by the draft
 * tool; the areas are rebuilt from world-atlas in well under a second.
 */
import type { Plugin } from 'vite';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { feature } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { curatedEntries, loadGazetteerData, SOURCES } from './draft/gazetteer.ts';
import { followRivers, vendoredRivers } from './basemap/rivers.ts';
import type { GazetteerData } from '../src/lib/draft/gazetteer.ts';

const require = createRequire(import.meta.url);
const PALESTINE = '275';

export function gazetteerJson(geo: string): string {
  const data = loadGazetteerData();
  const out: GazetteerData = { version: 1, sources: SOURCES, entries: [...curatedEntries(geo), ...data.entries], ...(data.towns ? { towns: data.towns } : {}) };
  return JSON.stringify(out);
}

type Props = { name: string; names: Record<string, string> };

const round = (rings: Position[][]): Position[][] =>
  rings.map((ring) => {
    const out: Position[] = [];
    for (const [x, y] of ring) {
      const p = [Math.round(x! * 1e3) / 1e3, Math.round(y! * 1e3) / 1e3];
      const prev = out[out.length - 1];
      if (!prev || prev[0] !== p[0] || prev[1] !== p[1]) out.push(p);
    }
    return out;
  }).filter((r) => r.length >= 4);

export function areasJson(): string {
  const countriesI18n = require('i18n-iso-countries') as typeof import('i18n-iso-countries');
  for (const lang of ['en', 'ar', 'he']) countriesI18n.registerLocale(require(`i18n-iso-countries/langs/${lang}.json`));
  const load = (file: string) => {
    const topo = JSON.parse(readFileSync(require.resolve(`world-atlas/${file}`), 'utf8')) as Topology<{ countries: GeometryCollection<{ name: string }> }>;
    return feature(topo, topo.objects.countries).features as Feature<Polygon | MultiPolygon, { name: string }>[];
  };
  const features: Feature<Polygon | MultiPolygon, Props>[] = [];
  for (const c of load('countries-50m.json')) {
    if (!c.geometry) continue;
    const a2 = countriesI18n.numericToAlpha2(String(c.id ?? ''));
    const names: Record<string, string> = {};
    const aliases = new Set<string>();
    if (a2) {
      for (const lang of ['ar', 'he']) {
        const n = countriesI18n.getName(a2, lang);
        if (n) names[lang] = n;
      }
      for (const n of countriesI18n.getName(a2, 'en', { select: 'all' }) ?? []) aliases.add(n);
    }
    const polys = c.geometry.type === 'Polygon' ? [c.geometry.coordinates] : c.geometry.coordinates;
    const coordinates = polys.map(round).filter((p) => p.length);
    if (!coordinates.length) continue;
    features.push({ type: 'Feature', properties: { name: c.properties.name, names: { ...names, ...Object.fromEntries([...aliases].map((a, i) => [`en-${i}`, a])) } }, geometry: { type: 'MultiPolygon', coordinates } });
  }
  // The two parts of Palestine, as the basemap draws them (tools/basemap.ts): the West Bank's
  // eastern side on the Jordan itself.
  const palestine = load('countries-10m.json').find((c) => c.id === PALESTINE);
  if (palestine?.geometry.type === 'MultiPolygon') {
    const parts = palestine.geometry.coordinates;
    const redrawn = followRivers(parts.flat(), vendoredRivers());
    let i = 0;
    for (const rings of parts.map((p) => p.map(() => redrawn[i++]!))) {
      const gaza = rings[0]!.every(([x]) => x! < 34.7);
      features.push({
        type: 'Feature',
        properties: gaza ? { name: 'Gaza Strip', names: { ar: 'قطاع غزة', he: 'רצועת עזה' } } : { name: 'West Bank', names: { ar: 'الضفة الغربية', he: 'הגדה המערבית' } },
        geometry: { type: 'Polygon', coordinates: round(rings) },
      });
    }
  }
  const fc: FeatureCollection = { type: 'FeatureCollection', features };
  return JSON.stringify(fc);
}

export function editorAssetsPlugin(geo: string): Plugin {
  const files: Record<string, () => string> = {
    'editor/gazetteer.json': () => gazetteerJson(geo),
    'editor/areas.json': areasJson,
  };
  const cache = new Map<string, string>();
  return {
    name: 'article-atlas-editor-assets',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const path = (req.url ?? '').split('?')[0]!.replace(/^\//, '');
        const make = files[path];
        if (!make) return next();
        if (!cache.has(path)) cache.set(path, make());
        res.setHeader('Content-Type', 'application/json');
        res.end(cache.get(path));
      });
    },
    generateBundle() {
      for (const [fileName, make] of Object.entries(files)) this.emitFile({ type: 'asset', fileName, source: make() });
    },
  };
}
