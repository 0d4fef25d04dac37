/**
 * Word lists the place finder uses to tell a place from a person, an organisation or a common
 * word. Small and general (no names of particular people or groups): titles that come before a
 * person's name, words that end an organisation's name, words that make a name a site or a region.
 */

/** Words before a name that make it a person's: "minister Ihor Klymenko", "captives Kalderon". */
export const PERSON_TITLES = new Set(
  `president prime premier minister ministers governor mayor spokesperson spokesman spokeswoman commander adviser advisor
   mr mrs ms dr gen general lt lieutenant colonel col captain capt sgt sergeant king queen prince princess pope sheikh
   imam rabbi father sister senator rep representative congressman congresswoman chancellor ambassador envoy secretary
   director chief head leader citizen national nationals captive captives hostage hostages prisoner prisoners detainee
   journalist journalists reporter correspondent official officials doctor nurse activist judge justice lawyer
   coordinator chairman chairwoman chair ceo founder mp deputy actor singer player coach survivor resident residents
   farmer teacher student soldier soldiers officer officers`
    .split(/\s+/)
    .filter(Boolean),
);

/** Last words of organisations' names: "Red Cross", "Rapid Support Forces", "White Helmets". */
export const ORG_WORDS = new Set(
  `cross crescent forces force army navy ministry agency authority authorities organization organisation council
   committee party movement front brigade brigades helmets news times post press office fund union group institute
   university nations commission court service services police guard guards borders company corporation inc ltd
   association federation league network foundation program programme department bureau administration government
   parliament assembly senate congress cabinet corps battalion regiment unit division command tribunal channel radio
   television tv agency's club team alliance coalition initiative project centre center hospitals`
    .split(/\s+/)
    .filter(Boolean),
);

/** Words after (or as last word of) a name that make it a site: "Ofer prison", "Rafah crossing". */
export const SITE_WORDS = new Map<string, string>([
  ['crossing', 'crossing'],
  ['border crossing', 'crossing'],
  ['checkpoint', 'crossing'],
  ['terminal', 'crossing'],
  ['prison', 'prison'],
  ['jail', 'prison'],
  ['port', 'port'],
  ['seaport', 'port'],
  ['harbour', 'port'],
  ['harbor', 'port'],
  ['airport', 'airport'],
  ['air base', 'base'],
  ['airbase', 'base'],
  ['base', 'base'],
  ['hospital', 'hospital'],
  ['medical complex', 'hospital'],
  ['camp', 'camp'],
  ['refugee camp', 'camp'],
  ['power plant', 'power plant'],
  ['nuclear power plant', 'power plant'],
  ['power station', 'power plant'],
  ['dam', 'dam'],
  ['bridge', 'bridge'],
  ['square', 'square'],
  ['mosque', 'site'],
  ['church', 'site'],
  ['cathedral', 'site'],
  ['stadium', 'site'],
  ['market', 'site'],
  ['castle', 'site'],
  ['citadel', 'site'],
  ['ravine', 'river'],
  ['river', 'river'],
]);

/** Words after a name that make it a region: "Kharkiv region", "Hatay province". */
export const REGION_WORDS = new Set(['region', 'province', 'oblast', 'governorate', 'district', 'state', 'county', 'prefecture', 'neighbourhood', 'neighborhood', 'suburbs']);

/** Lowercase words that may join the capitalised words of one name: "Port of Gaza", "Valencia de Don Juan". */
export const CONNECTORS = new Set(['of', 'de', 'del', 'la', 'el', 'al', 'ez', 'es', 'ash', 'an', 'du', 'des', 'le', 'bin', 'ibn', 'upon', 'am', 'der', 'di', 'da', 'do', 'dos', 'das', 'y', 'sur']);

/** Capitalised words that extend a place's name rather than make it a person's: "Gaza City", "West Bank". */
export const PLACE_WORDS = new Set(
  `city strip bank island islands valley heights hills mountains coast gulf sea bay lake river peninsula desert
   north south east west northern southern eastern western central upper lower new old greater`
    .split(/\s+/)
    .filter(Boolean),
);

/** Words that mark a sentence as about the future: a bare weekday then means the next one. */
export const FUTURE_CUES = /\b(?:will|shall|is to|are to|due to|set to|expected to|plans? to|next|would take effect|to take effect|scheduled)\b/i;

/** Month and weekday names: capitalised, but never place names in running text. */
export const CALENDAR_WORDS = /^(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|monday|tuesday|wednesday|thursday|friday|saturday|sunday)$/i;

/** Place words after a town's name that make the name an area around it: "Gaza Strip", "Jordan Valley". */
export const AREA_WORDS = new Set(['strip', 'valley', 'region', 'province', 'governorate', 'oblast', 'district', 'county', 'heights', 'coast', 'desert', 'peninsula']);
