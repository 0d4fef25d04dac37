/**
 * Loads the index of bundled stories over HTTP. A story itself is fetched, validated and indexed
 * in the story worker (worker-load.ts). Any failure becomes a readable message, never an exception.
 */

export interface StoryIndexEntry {
  id: string;
  title: string;
  file: string;
  /** The story's places as the map draws them (a GeoJSON file next to the bundle), when built. */
  places?: string;
  /** What to fit the first view to, and whether to cluster: given with `places`. */
  focus?: [number, number, number, number];
  cluster?: boolean;
}

const isBox = (b: unknown): b is [number, number, number, number] =>
  Array.isArray(b) && b.length === 4 && b.every((n) => typeof n === 'number' && Number.isFinite(n)) && b[0] <= b[2] && b[1] <= b[3];

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
  return list
    .filter((e): e is StoryIndexEntry => typeof e?.id === 'string' && typeof e?.title === 'string' && typeof e?.file === 'string')
    .map(({ id, title, file, places, focus, cluster }) =>
      // A places file is used only with its box and clustering flag, all well-formed.
      typeof places === 'string' && isBox(focus) && typeof cluster === 'boolean' ? { id, title, file, places, focus, cluster } : { id, title, file },
    );
}
