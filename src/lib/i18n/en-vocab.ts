/**
 * The standard vocabulary (kinds of place, categories of event) that Arabic and Hebrew translate.
 * English needs no messages for it: it shows the story's own words (a kind as written, a category's
 * label), so none of this ships; the unit tests check the catalogues against it.
 */
export const EN_VOCAB = {
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
