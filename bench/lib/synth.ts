/**
 * Seeded synthetic story bundles for benchmarks and scale tests: realistic enough to stress what a
 * real story stresses (points clustered around towns, long-tailed dates, shared places, text of
 * realistic length), and a pure function of its options so a seed names a dataset.
 *
 * The town coordinates below are approximate and exist only to shape test data; they are not the
 * app's geodata. Pure module: no Node imports, so it also runs in a browser or a worker.
 */
import type { Figure, PlaceFeature, PlaceRole, StoryBundle, StoryEvent, StoryMeta } from '../../src/lib/story/types.ts';
import { createRandom, weightedPicker, type Random } from './random.ts';

/** The standard category vocabulary, with how often each occurs in synthetic stories. */
export const SYNTH_CATEGORIES = [
  { id: 'context', weight: 24 },
  { id: 'military-operation', weight: 20 },
  { id: 'humanitarian', weight: 18 },
  { id: 'crossing-status', weight: 11 },
  { id: 'medical-evacuation', weight: 9 },
  { id: 'prisoner-release', weight: 7 },
  { id: 'captive-release', weight: 6 },
  { id: 'ceasefire', weight: 5 },
] as const;

/** [name, longitude, latitude, weight]: ~50 towns in a ~300 km box around 34.8 E 31.7 N. */
export const SYNTH_TOWNS: readonly (readonly [string, number, number, number])[] = [
  ['Gaza City', 34.4668, 31.5017, 10],
  ['Jabalia', 34.4834, 31.5319, 6],
  ['Beit Lahia', 34.4951, 31.5464, 4],
  ['Beit Hanoun', 34.5357, 31.5381, 3],
  ['Nuseirat', 34.3925, 31.4481, 4],
  ['Bureij', 34.4035, 31.4392, 2],
  ['Maghazi', 34.385, 31.422, 2],
  ['Deir al-Balah', 34.3513, 31.4181, 5],
  ['Khan Younis', 34.3063, 31.3462, 8],
  ['Rafah', 34.2458, 31.2969, 7],
  ['Kerem Shalom', 34.2823, 31.2281, 3],
  ['Al-Arish', 33.8007, 31.1316, 4],
  ['Sheikh Zuweid', 34.1085, 31.2118, 2],
  ['Nitzana', 34.428, 30.881, 1],
  ['Ashkelon', 34.5715, 31.6688, 3],
  ['Ashdod', 34.6553, 31.8014, 3],
  ['Sderot', 34.5953, 31.525, 3],
  ['Netivot', 34.5886, 31.4208, 2],
  ['Ofakim', 34.62, 31.3141, 2],
  ['Beersheba', 34.7913, 31.252, 4],
  ['Rahat', 34.7543, 31.3927, 1],
  ['Kiryat Gat', 34.7642, 31.61, 1],
  ['Dimona', 35.0331, 31.07, 1],
  ['Arad', 35.2126, 31.2588, 1],
  ['Tel Aviv', 34.7818, 32.0853, 6],
  ['Jaffa', 34.7522, 32.0504, 2],
  ['Holon', 34.7742, 32.0158, 1],
  ['Rishon LeZion', 34.8044, 31.973, 1],
  ['Rehovot', 34.8113, 31.8928, 1],
  ['Ramla', 34.8715, 31.9293, 1],
  ['Lod', 34.8953, 31.9516, 1],
  ['Petah Tikva', 34.8878, 32.084, 1],
  ['Netanya', 34.8532, 32.3215, 1],
  ['Herzliya', 34.8447, 32.1624, 1],
  ['Hadera', 34.9196, 32.434, 1],
  ['Haifa', 34.9896, 32.794, 2],
  ['Jerusalem', 35.2137, 31.7683, 8],
  ['Bethlehem', 35.2024, 31.7054, 3],
  ['Hebron', 35.0998, 31.5326, 4],
  ['Ramallah', 35.2042, 31.9038, 5],
  ['Al-Bireh', 35.2164, 31.91, 2],
  ['Beitunia', 35.1686, 31.8946, 3],
  ['Jericho', 35.4444, 31.8611, 2],
  ['Nablus', 35.2544, 32.2211, 4],
  ['Jenin', 35.3027, 32.4597, 4],
  ['Tulkarm', 35.0286, 32.3104, 3],
  ['Qalqilya', 34.9706, 32.1897, 1],
  ['Tubas', 35.3694, 32.3209, 1],
  ['Salfit', 35.1806, 32.0853, 1],
  ['Amman', 35.9284, 31.9454, 2],
  ['Madaba', 35.7939, 31.7167, 1],
  ['Allenby Bridge', 35.542, 31.872, 2],
];

/** [west, south, east, north]: a ~300 km box centred near 34.8 E 31.7 N. */
export const SYNTH_BBOX: [number, number, number, number] = [33.2, 30.35, 36.4, 33.05];

export interface SynthOptions {
  events: number;
  seed: number;
  /** Places per event (0–1]: 0.5 means an average place is shared by two events. Default 0.5. */
  placeRatio?: number;
  /** Share of places scattered uniformly over the box instead of around a town. Default 0.1. */
  noise?: number;
  /** Last day any event can fall on (YYYY-MM-DD). Default 2025-06-30. */
  endDate?: string;
  /** How many years back the date tail reaches. Default 6. */
  years?: number;
}

const KINDS = [
  { kind: 'neighbourhood', label: 'neighbourhood', radiusM: 800 },
  { kind: 'hospital', label: 'hospital', radiusM: 100 },
  { kind: 'school', label: 'school shelter', radiusM: 80 },
  { kind: 'camp', label: 'camp', radiusM: 600 },
  { kind: 'checkpoint', label: 'checkpoint', radiusM: 150 },
  { kind: 'road', label: 'road junction', radiusM: 200 },
  { kind: 'market', label: 'market', radiusM: 150 },
  { kind: 'clinic', label: 'clinic', radiusM: 60 },
  { kind: 'shelter', label: 'shelter', radiusM: 100 },
  { kind: 'site', label: 'site', radiusM: 300 },
  { kind: 'crossing', label: 'crossing point', radiusM: 250 },
] as const;

const NAME_PARTS = [
  'Al-Amal', 'Al-Nasr', 'Al-Shifa', 'Al-Quds', 'Al-Awda', 'Al-Huda', 'Al-Salam', 'Al-Karama', 'Al-Zaytoun',
  'Al-Rimal', 'Tel al-Sultan', 'Al-Mawasi', 'Al-Sabra', 'Al-Daraj', 'Al-Tuffah', 'Al-Shati', 'Al-Bureij',
  'Old City', 'North', 'East', 'West', 'South', 'Central', 'Harbour', 'Station', 'Industrial zone', 'New',
];

const TITLES: Record<string, readonly string[]> = {
  'crossing-status': [
    'Crossing near {town} reopens for aid trucks after a week-long closure',
    'Crossing at {town} closed again after a security incident',
    '{n} aid trucks pass through the {town} crossing',
    'Long queues of lorries at {place} as inspections slow',
    'Fuel deliveries resume through {place}',
  ],
  'medical-evacuation': [
    '{n} patients evacuated from {place}',
    'Medical convoy leaves {town} for treatment abroad',
    'Children with cancer moved out of {town} for care',
    'Evacuation of wounded from {place} delayed at the crossing',
  ],
  'captive-release': [
    '{n} captives released near {town}',
    'Captive handed over to the Red Cross in {town}',
    'Families wait in {town} for news of released captives',
  ],
  'prisoner-release': [
    '{n} prisoners freed from detention and brought to {town}',
    'Released prisoners arrive in {town} to crowds',
    'Bus carrying freed detainees reaches {place}',
  ],
  ceasefire: [
    'Truce holds around {town} for another day',
    'Pause in fighting announced for {town}',
    'Ceasefire talks stall over arrangements in {town}',
    'Mediators report progress on a pause covering {town}',
  ],
  'military-operation': [
    'Strikes reported in {town} overnight',
    'Ground operation expands toward {place}',
    'Raid in {town} leaves {n} dead, health officials say',
    'Army orders residents of {place} to leave',
    'Heavy shelling near {place}',
  ],
  humanitarian: [
    'Food distribution at {place} draws thousands',
    'Water shortages reported across {town}',
    'Shelter at {place} over capacity, agency says',
    'Aid agency warns of famine conditions in {town}',
    'Bakeries in {town} close for lack of flour',
  ],
  context: [
    'Residents of {town} describe months of displacement',
    'How {town} became a focus of the war',
    'Officials in {town} say infrastructure has collapsed',
    'A look at {place} before and after the fighting',
  ],
};

const SENTENCES = [
  'Witnesses said the situation at {place} changed within hours.',
  'Officials in {town} gave figures that could not be independently verified.',
  'An aid worker at {place} described overcrowding and shortages of basic supplies.',
  'The account was confirmed by two local journalists and a United Nations agency.',
  'Local authorities said roads out of {town} remained blocked for most of the day.',
  'Relatives gathered outside {place} waiting for news.',
  'The announcement came after several days of negotiations through mediators.',
  'Medical staff said they were working without electricity for long stretches.',
  'Residents said they had moved several times since the start of the year.',
  'The military said the operation targeted infrastructure near {place}.',
  'Humanitarian groups called for safe passage for civilians from {town}.',
  'Footage verified by news agencies showed damage to buildings around {place}.',
];

const FIGURE_LABELS: Record<string, string | undefined> = {
  'crossing-status': 'aid trucks',
  'medical-evacuation': 'patients',
  'captive-release': 'captives released',
  'prisoner-release': 'prisoners released',
  'military-operation': 'people killed',
  humanitarian: 'people displaced',
};

const QUALIFIERS = ['exactly', 'about', 'at least', 'more than'] as const;

const DAY_MS = 86_400_000;

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function fill(template: string, town: string, place: string, n: number): string {
  return template.replace('{town}', town).replace('{place}', place).replace('{n}', String(n));
}

/** Metres → degrees of latitude, and of longitude at `lat`. */
function offsetDegrees(lat: number, dxM: number, dyM: number): [number, number] {
  const dLat = dyM / 111_320;
  const dLon = dxM / (111_320 * Math.cos((lat * Math.PI) / 180));
  return [dLon, dLat];
}

const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;

interface PlaceDraft {
  feature: PlaceFeature;
  town: string;
}

function makePlaces(count: number, noise: number, r: Random): PlaceDraft[] {
  const pickTown = weightedPicker(SYNTH_TOWNS.map((t) => t[3]));
  const perTown = new Map<string, number>();
  const drafts: PlaceDraft[] = [];
  const [west, south, east, north] = SYNTH_BBOX;
  for (let i = 0; i < count; i++) {
    const kind = r.pick(KINDS);
    const scattered = r.chance(noise);
    const town = SYNTH_TOWNS[pickTown(r)] as (typeof SYNTH_TOWNS)[number];
    let lon: number;
    let lat: number;
    if (scattered) {
      lon = west + r.next() * (east - west);
      lat = south + r.next() * (north - south);
    } else {
      // Spread grows with the town's weight: Gaza City ~4 km, a small town ~1.7 km (1 sigma).
      const sigmaM = 1500 + 250 * town[3];
      const [dLon, dLat] = offsetDegrees(town[2], r.normal() * sigmaM, r.normal() * sigmaM);
      lon = town[1] + dLon;
      lat = town[2] + dLat;
    }
    const townName = scattered ? 'open country' : town[0];
    const key = scattered ? 'open' : slug(town[0]);
    const k = (perTown.get(key) ?? 0) + 1;
    perTown.set(key, k);
    const name = scattered
      ? `${r.pick(NAME_PARTS)} ${kind.label} ${k}`
      : `${r.pick(NAME_PARTS)} ${kind.label}, ${town[0]}`;
    drafts.push({
      town: townName,
      feature: {
        type: 'Feature',
        id: `${key}-${k}`,
        geometry: { type: 'Point', coordinates: [round6(lon), round6(lat)] },
        properties: {
          name,
          kind: kind.kind,
          precision: { level: 'site', radiusM: kind.radiusM },
          description: `A ${kind.label} ${scattered ? 'away from any town' : `in or near ${town[0]}`}, named in reports.`,
        },
      },
    });
  }
  return drafts;
}

/** A day offset back from the end date: mostly recent, a long tail years back, plus a few bursts. */
function dayBack(r: Random, spanDays: number, bursts: readonly number[]): number {
  if (r.chance(0.3)) {
    const centre = r.pick(bursts);
    return Math.max(0, Math.min(spanDays, Math.round(centre + r.normal() * 12)));
  }
  return Math.min(spanDays, Math.floor(-Math.log(1 - r.next()) * (spanDays / 5)));
}

/**
 * A synthetic story bundle: `events` events over round(events × placeRatio) places. Every place is
 * used at least once; the rest of the events pick places with a long tail (a few places carry many
 * events). Events are in date order. Deterministic for given options.
 */
export function generateSynthBundle(options: SynthOptions): StoryBundle {
  const { events: eventCount, seed, placeRatio = 0.5, noise = 0.1, endDate = '2025-06-30', years = 6 } = options;
  if (!Number.isInteger(eventCount) || eventCount < 1) throw new RangeError('events must be a positive integer');
  if (!(placeRatio > 0 && placeRatio <= 1)) throw new RangeError('placeRatio must be in (0, 1]');
  const r = createRandom(seed);
  const placeCount = Math.max(1, Math.round(eventCount * placeRatio));
  const drafts = makePlaces(placeCount, noise, r);

  const end = Date.parse(`${endDate}T00:00:00Z`);
  if (Number.isNaN(end)) throw new RangeError('endDate must be YYYY-MM-DD');
  const spanDays = Math.round(years * 365.25);
  const bursts = [r.int(0, 60), r.int(200, 500), r.int(600, spanDays)];
  const pickCategory = weightedPicker(SYNTH_CATEGORIES.map((c) => c.weight));
  const paragraphs = 60;

  type Draft = { back: number; event: Omit<StoryEvent, 'id'> };
  const drafts2: Draft[] = new Array(eventCount);
  for (let i = 0; i < eventCount; i++) {
    // The first placeCount events cover every place once; later ones favour low indices (long tail).
    const placeIndex = i < placeCount ? i : Math.floor(placeCount * r.next() ** 3);
    const place = drafts[placeIndex] as PlaceDraft;
    const category = (SYNTH_CATEGORIES[pickCategory(r)] as (typeof SYNTH_CATEGORIES)[number]).id;
    const n = r.int(2, 400);
    const placeName = place.feature.properties.name;
    const title = fill(r.pick(TITLES[category] as readonly string[]), place.town, placeName, n);
    const sentences = r.int(1, 3);
    const summary: string[] = [];
    for (let s = 0; s < sentences; s++) summary.push(fill(r.pick(SENTENCES), place.town, placeName, n));
    const back = dayBack(r, spanDays, bursts);
    const day = new Date(end - back * DAY_MS).toISOString().slice(0, 10);
    const precisionRoll = r.next();
    const date = precisionRoll < 0.02 ? day.slice(0, 4) : precisionRoll < 0.07 ? day.slice(0, 7) : day;
    const role: PlaceRole = category === 'medical-evacuation' || category === 'prisoner-release' ? r.pick(['at', 'from', 'to'] as const) : 'at';
    const event: Omit<StoryEvent, 'id'> = {
      date,
      title,
      summary: summary.join(' '),
      category,
      places: [{ id: place.feature.id, role }],
      cite: { paragraph: r.int(1, paragraphs) },
    };
    if (date.length === 10 && r.chance(0.35)) {
      event.time = `${String(r.int(0, 23)).padStart(2, '0')}:${String(r.int(0, 59)).padStart(2, '0')}`;
      event.utcOffset = r.chance(0.5) ? '+02:00' : '+03:00';
      if (r.chance(0.2)) event.approximateTime = true;
    }
    const label = FIGURE_LABELS[category];
    if (label && r.chance(0.4)) {
      const figure: Figure = { label, value: n, qualifier: r.pick(QUALIFIERS) };
      event.figures = [figure];
    }
    drafts2[i] = { back, event };
  }
  // Oldest first; ties keep generation order (Array.prototype.sort is stable).
  drafts2.sort((a, b) => b.back - a.back);
  const width = String(eventCount).length;
  const events: StoryEvent[] = drafts2.map((d, i) => ({ id: `ev-${String(i + 1).padStart(width, '0')}`, ...d.event }));

  const story: StoryMeta = {
    id: `synthetic-s${seed}-n${eventCount}`,
    title: `Synthetic story: ${eventCount} events (seed ${seed})`,
    language: 'en',
    published: { date: endDate, note: 'Generated test data, not a real article.' },
    source: { name: 'Article Atlas synthetic generator' },
    paragraphs,
    bbox: [...SYNTH_BBOX],
  };
  return { story, places: { type: 'FeatureCollection', features: drafts.map((d) => d.feature) }, events };
}

/**
 * The bundle as JSON text in pieces, for writing a large bundle without building one huge string
 * (V8 strings stop at ~512 MB). The pieces joined equal `JSON.stringify(bundle)`.
 */
export function* bundleJsonChunks(bundle: StoryBundle, perChunk = 2000): Generator<string> {
  yield `{"story":${JSON.stringify(bundle.story)},"places":{"type":"FeatureCollection","features":[`;
  yield* joined(bundle.places.features, perChunk);
  yield ']},"events":[';
  yield* joined(bundle.events, perChunk);
  yield ']}';
}

function* joined(items: readonly unknown[], perChunk: number): Generator<string> {
  for (let i = 0; i < items.length; i += perChunk) {
    const part = items.slice(i, i + perChunk).map((x) => JSON.stringify(x));
    yield (i > 0 ? ',' : '') + part.join(',');
  }
}
