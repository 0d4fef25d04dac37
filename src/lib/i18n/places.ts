/** A place's name in the interface language: its `names[lang]` where the story has one, else its main name. */
import type { PlaceFeature } from '../story/types.ts';

export function placeName(place: PlaceFeature, lang: string): { text: string; lang: string | undefined } {
  const own = place.properties.names?.[lang];
  // The main name is in the story's language, which the caller's element already carries.
  return own ? { text: own, lang } : { text: place.properties.name, lang: undefined };
}
