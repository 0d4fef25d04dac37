/**
 * The story as one GeoJSON FeatureCollection (RFC 7946): every place with its properties and the
 * events that happened there, so it opens in QGIS, geojson.io or any GIS with nothing else.
 */
import type { FeatureCollection } from 'geojson';
import type { StoryModel } from '../story/model.ts';

export function storyGeoJson(model: StoryModel): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: model.places.map((place) => ({
      type: 'Feature',
      id: place.id,
      geometry: place.geometry,
      properties: {
        ...place.properties,
        story: model.meta.id,
        events: (model.eventsByPlace.get(place.id) ?? []).map((e) => ({
          id: e.id,
          date: e.date,
          ...(e.time ? { time: e.time } : {}),
          title: e.title,
          category: e.category,
          role: e.places.find((p) => p.id === place.id)?.role,
          summary: e.summary,
          paragraph: e.cite.paragraph,
        })),
      },
    })),
  };
}
