/**
 * Loads the index of bundled stories over HTTP. A story itself is fetched, validated and indexed
 * in the story worker (worker-load.ts). Any failure becomes a readable message, never an exception.
 */

export interface StoryIndexEntry {
  id: string;
  title: string;
  file: string;
}

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
