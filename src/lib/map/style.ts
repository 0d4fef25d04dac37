/**
 * The embedded basemap style: served by the app itself, no tiles, glyphs or fonts from any other
 * host. No `glyphs` key: MapLibre then draws labels with the page's own web fonts.
 */
import type { StyleSpecification } from 'maplibre-gl';

export const BASEMAP_ATTRIBUTION = 'Natural Earth (public domain)';

export interface BasemapOptions {
  /** URL of the folder holding the basemap files, ending in '/'. */
  base: string;
  dark?: boolean;
}

export function basemapStyle({ base, dark = false }: BasemapOptions): StyleSpecification {
  const c = dark
    ? { sea: '#1b2430', land: '#2a323c', border: '#55606d' }
    : { sea: '#cfdde8', land: '#f4f1ea', border: '#b8afa3' };
  return {
    version: 8,
    name: 'Article Atlas embedded',
    sources: {
      countries: {
        type: 'geojson',
        data: `${base}countries.geojson`,
        attribution: BASEMAP_ATTRIBUTION,
      },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': c.sea } },
      { id: 'land', type: 'fill', source: 'countries', paint: { 'fill-color': c.land } },
      {
        id: 'country-borders',
        type: 'line',
        source: 'countries',
        paint: { 'line-color': c.border, 'line-width': 0.8 },
      },
    ],
  };
}
