/** Leaflet.markercluster 1.5 is a UMD script that extends the global `L`: provide it first. */
import L from 'leaflet';

(globalThis as unknown as { L: typeof L }).L = L;
