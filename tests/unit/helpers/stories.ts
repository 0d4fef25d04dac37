/** Test helpers: the seed story (as the CLI reads it) and small mutations of it. */
import { readStoryFolder, bundleOf } from '../../../tools/story-files.ts';

export const SEED_DIR = new URL('../../../geo/rafah-crossing-2025-02-01/', import.meta.url).pathname;
export const HOSTILE_DIR = new URL('../../fixtures/stories/hostile/', import.meta.url).pathname;

/** Loose JSON, so a test can break the data in any way it likes. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export interface LooseBundle {
  story: Json;
  places: Json;
  events: Json;
}

export function readBundle(dir: string): LooseBundle {
  const folder = readStoryFolder(dir);
  if (folder.problems.length > 0) throw new Error(folder.problems.map((p) => p.message).join('; '));
  return structuredClone(bundleOf(folder)) as LooseBundle;
}

/** A fresh copy of the seed story, changed by `change`. */
export function seedWith(change: (b: LooseBundle) => void = () => {}): LooseBundle {
  const bundle = readBundle(SEED_DIR);
  change(bundle);
  return bundle;
}

export const place = (b: LooseBundle, id: string): Json => b.places.features.find((f: Json) => f.id === id);
export const event = (b: LooseBundle, id: string): Json => b.events.find((e: Json) => e.id === id);
