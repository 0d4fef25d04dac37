/** English messages of a place's popup (in the chunk that opens popups). */
export const EN_POPUP = {
  popup: {
    eventsHere: { one: '{count} event here', other: '{count} events here' },
    loading: 'Loading the events here…',
    none: 'No event of this story happened here.',
    hidden: {
      one: '{count} more event here outside the current filters.',
      other: '{count} more events here outside the current filters.',
    },
    placesHere: { one: '{count} place here', other: '{count} places here' },
    placesNav: 'Places here',
    precision: '{level}, within about {r}',
    site: 'exact site',
    town: 'town',
    region: 'region',
    km: '{n} km',
    m: '{n} m',
  },
} as const;
