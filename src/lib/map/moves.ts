/**
 * The selected event's movement arrows: great-circle arcs from every `from` place to every `to`
 * place. Loaded with the first event selected (the arc code is not needed to draw the story).
 */
import type { Feature, FeatureCollection } from 'geojson';
import type { StoryModel } from '../story/model.ts';
import type { StoryEvent } from '../story/types.ts';
import { anchorOf } from '../geo/anchor.ts';
import { movementArc } from '../geo/arc.ts';

/** Arrows for the movements of an event: every `from` place to every `to` place. */
export function movesData(model: StoryModel, event: StoryEvent | undefined): FeatureCollection {
  const features: Feature[] = [];
  if (event) {
    const ends = (role: string) =>
      event.places.filter((p) => p.role === role).flatMap((p) => {
        const place = model.placeById.get(p.id);
        return place ? [{ id: p.id, at: anchorOf(place) }] : [];
      });
    for (const from of ends('from')) {
      for (const to of ends('to')) {
        features.push(movementArc(from.at, to.at, { from: from.id, to: to.id, event: event.id }));
      }
    }
  }
  return { type: 'FeatureCollection', features };
}
