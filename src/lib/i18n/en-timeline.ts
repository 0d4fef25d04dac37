/** English messages of the timeline (in its chunk). */
export const EN_TIMELINE = {
  timeline: {
    heading: 'Timeline',
    zoomIn: 'Zoom the timeline in',
    zoomOut: 'Zoom the timeline out',
    all: 'All',
    range: 'Range',
    hint: 'Drag the axis to pick a range · drag the events to pan · wheel to zoom',
    axis: 'Events on a time axis; left and right arrows move between events, plus and minus zoom',
    bin: { one: '{count} event', other: '{count} events' },
    from: 'From',
    to: 'To',
    start: 'the start',
    end: 'the end',
  },
} as const;
