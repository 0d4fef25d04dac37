/**
 * The interface's English text: the base catalogue. This part is in the main bundle; the parts
 * only lazily loaded components need are in en-panel.ts, en-popup.ts, en-share.ts and en-timeline.ts, in their chunks. Arabic and Hebrew are
 * JSON files of the same shape (ar.json, he.json), fetched only when a reader chooses them; a
 * message missing there shows this English text.
 *
 * A message with `{name}` takes values; an object of plural forms (`one`, `other`, and in other
 * languages `zero`, `two`, `few`, `many`) is chosen by `{count}` through Intl.PluralRules.
 */
export const EN = {
  app: {
    map: 'Map',
    mapLabel: "Map of the story's places",
    language: 'Language',
    untranslated: '({language})',
    untranslatedTitle: 'Not translated: shown in {language}',
    title: 'Article Atlas',
  },
  panel: {
    story: 'Story',
    sheet: 'Story panel size: {size}. Press to change, or use the arrow keys.',
    peek: 'peek',
    half: 'half',
    full: 'full',
    errorsTitle: 'This story could not be shown',
    errorsText: 'The data has problems; the map stays usable.',
    errorsMore: { one: '… and {count} more.', other: '… and {count} more.' },
    places: { one: '{count} place', other: '{count} places' },
    events: { one: '{count} event', other: '{count} events' },
    large: 'A large dataset: the lists show the places and events you open on the map.',
    selectedEvent: 'Selected event',
    back: '‹ All events',
    closeEvent: 'Close event details',
    eventsHeading: 'Events',
    placesHeading: 'Places',
  },
  /** When an event happened, with its local time. */
  when: {
    time: '{date}, {time}',
    aboutTime: '{date}, about {time}',
    offset: '{time} (UTC{offset})',
  },
  load: {
    loading: 'Loading the story…',
    downloading: 'Downloading the story: {loaded}',
    downloadingOf: 'Downloading the story: {loaded} of {total}',
    mb: '{n} MB',
    download: 'Downloading',
    parse: 'Reading',
    validate: 'Checking',
    index: 'Indexing',
    transfer: 'Preparing the lists',
    downloadText: 'Downloading the story…',
    parseText: 'Reading the story…',
    validateText: 'Checking the story…',
    indexText: 'Indexing the story…',
    transferText: 'Preparing the lists…',
  },
  tools: {
    dismissNotice: 'Dismiss notice',
    dismiss: 'Dismiss',
    toLight: 'Switch to the light map',
    toDark: 'Switch to the dark map',
    dark: 'Dark',
    light: 'Light',
    basemap: 'Basemap',
    embedded: 'Built-in map',
    online: 'Online map',
    onlineFailed: 'The online basemap could not be loaded ({reason}); showing the built-in map.',
    details: 'Details',
    close: 'Close',
  },
  notices: {
    placeSelected: { one: '{name} selected: {count} event.', other: '{name} selected: {count} events.' },
    eventSelected: 'Event selected: {title}, {when}.',
    cleared: 'Selection cleared.',
    filtersCleared: 'Filters cleared.',
    badPlace: 'The place “{id}” in the link is not in this story.',
    badEvent: 'The event “{id}” in the link is not in this story.',
    reversed: 'The time range in the link was reversed; it has been turned the right way round.',
    badCats: 'Some categories in the link are not in this story and were ignored.',
    notOnSite: 'The dataset in the link is not on this site, so it was not opened.',
    badStory: 'The story “{id}” in the link is not on this site; showing “{title}”.',
    languageFailed: '{language} could not be loaded; the interface stays as it was.',
    noStory: 'No story is published here yet.',
  },
} as const;

export type Catalogue = typeof EN;
