/**
 * Baseline: Leaflet 1.9 + Leaflet.markercluster 1.5, written fairly (shared/BENCH.md): the cluster
 * group is on the map BEFORE `addLayers` (the other order grows with N²), `chunkedLoading` keeps
 * the page responsive, and "done" is `total === N && processed === total` (the first progress call
 * is (0, 0)). The basemap is the same countries GeoJSON, drawn on a canvas. Ready = basemap and
 * every marker added, plus one animation frame.
 */
import './leaflet-global.ts';
import L from 'leaflet';
import 'leaflet.markercluster';
import 'leaflet/dist/leaflet.css';
import 'leaflet.markercluster/dist/MarkerCluster.css';
import 'leaflet.markercluster/dist/MarkerCluster.Default.css';
import iconUrl from 'leaflet/dist/images/marker-icon.png';
import iconRetinaUrl from 'leaflet/dist/images/marker-icon-2x.png';
import shadowUrl from 'leaflet/dist/images/marker-shadow.png';
import type { FeatureCollection } from 'geojson';
import type { StoryBundle } from '../../src/lib/story/types.ts';
import { markError, markReady, pageParams } from './bench-page.ts';

const params = pageParams();
const b = params.bounds ?? [-180, -70, 180, 80];
// markercluster needs a maxZoom, which a tile layer would normally give.
const map = L.map('map', { preferCanvas: true, maxZoom: 18 }).fitBounds([
  [b[1], b[0]],
  [b[3], b[2]],
]);
const icon = L.icon({ ...L.Icon.Default.prototype.options, iconUrl, iconRetinaUrl, shadowUrl });

async function basemap(): Promise<void> {
  const countries = (await (await fetch(new URL('basemap/countries.geojson', document.baseURI))).json()) as FeatureCollection;
  map.getContainer().style.background = '#cfdde8';
  L.geoJSON(countries, { style: { color: '#b8afa3', weight: 0.8, fillColor: '#f4f1ea', fillOpacity: 1 } }).addTo(map);
}

async function places(): Promise<number> {
  if (!params.data) return 0;
  const bundle = (await (await fetch(params.data)).json()) as StoryBundle;
  const count = new Map<string, number>();
  for (const e of bundle.events) for (const p of e.places) count.set(p.id, (count.get(p.id) ?? 0) + 1);
  const markers: L.Marker[] = [];
  for (const f of bundle.places.features) {
    if (f.geometry.type !== 'Point') continue;
    const [lng, lat] = f.geometry.coordinates as [number, number];
    const m = L.marker([lat, lng], { icon });
    (m as L.Marker & { placeId?: string }).placeId = f.id;
    markers.push(m);
  }
  const n = markers.length;
  return new Promise<number>((resolve) => {
    const group = L.markerClusterGroup({
      chunkedLoading: true,
      chunkProgress: (processed: number, total: number) => {
        if (total === n && processed === total) requestAnimationFrame(() => resolve(n));
      },
    });
    group.on('click', (e: L.LeafletMouseEvent) => {
      const id = (e.propagatedFrom as { placeId?: string } | undefined)?.placeId ?? '';
      L.popup().setLatLng(e.latlng).setContent(`${count.get(id) ?? 0} events`).openOn(map);
    });
    map.addLayer(group);
    group.addLayers(markers);
    if (n === 0) resolve(0);
  });
}

Promise.all([basemap(), places()]).then(
  ([, n]) => requestAnimationFrame(() => markReady(n)),
  markError,
);
