/**
 * Messages whose English already exists elsewhere, so none of this ships: a link's problems (the
 * URL module's own sentences), MapLibre's control titles (its defaults), and the standard
 * vocabulary (a kind as the story writes it, a category's label). Arabic and Hebrew translate them;
 * the unit tests check the catalogues against this list.
 */
export const EN_VOCAB = {
  /** A link's dropped values (English: src/lib/url/hash.ts's own sentences). */
  link: {
    garbled: 'Part of the link is garbled and was ignored.',
    tooLong: "The link's “{key}” is too long and was ignored.",
    map: 'The map position in the link is not valid; showing the default view.',
    id: "The link's {key} id is not valid and was ignored.",
    date: "The link's “{key}” date is not valid and was ignored.",
    cats: 'Some categories in the link are not valid and were ignored.',
  },
  /** MapLibre's own control titles (its `locale` option; English: MapLibre's own). */
  maplibre: {
    'NavigationControl.ZoomIn': 'Zoom in',
    'NavigationControl.ZoomOut': 'Zoom out',
    'NavigationControl.ResetBearing': 'Drag to rotate map, click to reset north',
    'AttributionControl.ToggleAttribution': 'Toggle attribution',
    'ScaleControl.Meters': 'm',
    'ScaleControl.Kilometers': 'km',
    'Popup.Close': 'Close popup',
    'Map.Title': 'Map',
  },

  kinds: {
    city: 'city',
    town: 'town',
    village: 'village',
    camp: 'camp',
    crossing: 'crossing',
    port: 'port',
    prison: 'prison',
    hospital: 'hospital',
    region: 'region',
    country: 'country',
    context: 'context',
    site: 'site',
  },
  categories: {
    'crossing-status': 'Crossing status',
    'medical-evacuation': 'Medical evacuation',
    'captive-release': 'Captive release',
    'prisoner-release': 'Prisoner release',
    ceasefire: 'Ceasefire',
    'military-operation': 'Military operation',
    humanitarian: 'Humanitarian',
    context: 'Context',
  },
} as const;
