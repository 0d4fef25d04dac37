/**
 * Loads stories over HTTP: the index of bundled stories, and one story bundle, validated where it
 * enters. Any failure becomes a list of readable messages, never an exception for the UI.
 */
import { validateBundle, formatIssue } from './validate.ts';
import { buildModel, type StoryModel } from './model.ts';

export interface StoryIndexEntry {
  id: string;
  title: string;
  file: string;
}

export type LoadResult = { ok: true; model: StoryModel; warnings: string[] } | { ok: false; errors: string[] };

async function fetchJson(url: URL, signal?: AbortSignal): Promise<{ ok: true; json: unknown } | { ok: false; error: string }> {
  let response: Response;
  try {
    response = await fetch(url, signal ? { signal } : {});
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    return { ok: false, error: `Could not download ${url.pathname}: the network request failed.` };
  }
  if (!response.ok) return { ok: false, error: `Could not download ${url.pathname}: the server answered ${response.status}.` };
  try {
    return { ok: true, json: await response.json() };
  } catch {
    return { ok: false, error: `${url.pathname} is not valid JSON.` };
  }
}

export async function loadStoryIndex(base: URL, signal?: AbortSignal): Promise<StoryIndexEntry[] | string> {
  const result = await fetchJson(new URL('stories/index.json', base), signal);
  if (!result.ok) return result.error;
  const list = result.json;
  if (!Array.isArray(list)) return 'stories/index.json is not a list of stories.';
  return list.filter(
    (e): e is StoryIndexEntry => typeof e?.id === 'string' && typeof e?.title === 'string' && typeof e?.file === 'string',
  );
}

export async function loadStory(url: URL, signal?: AbortSignal): Promise<LoadResult> {
  const result = await fetchJson(url, signal);
  if (!result.ok) return { ok: false, errors: [result.error] };
  const name = decodeURIComponent(url.pathname.split('/').pop() ?? 'story');
  const checked = validateBundle(result.json, { files: { story: `${name} (story)`, places: `${name} (places)`, events: `${name} (events)` } });
  if (!checked.ok || !checked.bundle) return { ok: false, errors: checked.errors.map(formatIssue) };
  return { ok: true, model: buildModel(checked.bundle), warnings: checked.warnings.map(formatIssue) };
}
