/** Shape checks for events read one place at a time (a tiled story); loaded on demand, with valibot. */
import { safeParse } from 'valibot';
import { StoryEventSchema } from './schema.ts';
import type { StoryEvent } from './types.ts';

/** The events whose shape is right, and how many were not. */
export function checkEvents(raw: readonly unknown[]): { events: StoryEvent[]; bad: number } {
  const events: StoryEvent[] = [];
  for (const e of raw) {
    const r = safeParse(StoryEventSchema, e);
    if (r.success) events.push(r.output as StoryEvent);
  }
  return { events, bad: raw.length - events.length };
}
