/** The MapLibre glue for PMTiles archives: the `pmtiles://` protocol, registered once per page. */
import { addProtocol } from 'maplibre-gl';
import { Protocol } from 'pmtiles';

let registered = false;

export function registerPmtilesProtocol(): void {
  if (registered) return;
  // Missing tiles (open sea, outside the story areas) come back empty, not as errors.
  addProtocol('pmtiles', new Protocol().tile);
  registered = true;
}
