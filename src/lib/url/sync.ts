/**
 * Keeps the address bar and the app's state in step, the way MapLibre's Hash does for the camera:
 * - the camera is written with history.replaceState, throttled, after the map stops moving;
 * - a change of selection or filters pushes a history entry, so Back and Forward walk through them;
 * - Back/Forward (popstate) is read and applied; the write that follows finds the URL already
 *   equal and does nothing, so there is no loop.
 * The link is read once at start, cleaned before anything else (MapLibre included) sees it.
 */
import { parseHash, formatHash, type LinkState, type ParsedLink, type LinkProblems } from './hash.ts';

const VIEW_THROTTLE_MS = 300;

/** The part of a link that is not the camera: a change here is worth a history entry. */
function withoutView(hash: string): string {
  return hash.replace(/^#/, '').split('&').filter((p) => !p.startsWith('map=')).join('&');
}

export class LinkSync {
  #pending: ReturnType<typeof setTimeout> | undefined;
  #lastWrite = 0;
  /** The sentences for a link's problems, in the reader's language (read at each read). */
  #problems: (() => LinkProblems | undefined) | undefined;

  constructor(problems?: () => LinkProblems | undefined) {
    this.#problems = problems;
  }

  /** Reads the current link; replaces a garbled one in place by its clean form. */
  read(): ParsedLink {
    const parsed = parseHash(location.hash, this.#problems?.());
    const clean = formatHash(parsed.state);
    if (clean !== location.hash && (location.hash || clean)) {
      history.replaceState(history.state, '', clean || location.pathname + location.search);
    }
    return parsed;
  }

  /** Writes `state` to the address bar: push when more than the camera changed, else replace. */
  write(state: LinkState): void {
    const next = formatHash(state);
    if (next === location.hash) return;
    if (withoutView(next) !== withoutView(location.hash)) {
      clearTimeout(this.#pending);
      this.#pending = undefined;
      history.pushState(null, '', next || location.pathname + location.search);
      this.#lastWrite = Date.now();
      return;
    }
    // Camera only: coalesce bursts (zoom clicks, flick pans) into one replaceState.
    clearTimeout(this.#pending);
    const wait = Math.max(0, this.#lastWrite + VIEW_THROTTLE_MS - Date.now());
    this.#pending = setTimeout(() => {
      this.#pending = undefined;
      this.#lastWrite = Date.now();
      const latest = formatHash(state);
      if (latest !== location.hash) history.replaceState(history.state, '', latest || location.pathname + location.search);
    }, wait);
  }

  /** Calls `apply` with the link after Back/Forward or a hand-edited hash; returns the unsubscribe. */
  listen(apply: (parsed: ParsedLink) => void): () => void {
    const handler = () => {
      clearTimeout(this.#pending);
      this.#pending = undefined;
      apply(this.read());
    };
    window.addEventListener('popstate', handler);
    window.addEventListener('hashchange', handler);
    return () => {
      clearTimeout(this.#pending);
      window.removeEventListener('popstate', handler);
      window.removeEventListener('hashchange', handler);
    };
  }
}
