import { describe, it, expect, beforeEach, afterEach, vi } from 'vitest';
import { LinkSync } from '../../src/lib/url/sync.ts';
import type { LinkState, ParsedLink, View } from '../../src/lib/url/hash.ts';

/** An address bar and its history, as LinkSync sees them through location, history and window. */
class FakeAddressBar {
  entries: string[] = [''];
  index = 0;
  calls: ('push' | 'replace')[] = [];
  readonly window = new EventTarget();

  get hash(): string {
    return this.entries[this.index]!;
  }
  /** A URL given to push/replaceState: a hash, or the path alone to clear it. */
  #hashOf(url: string): string {
    return url.startsWith('#') ? url : '';
  }
  install(): void {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const bar = this;
    vi.stubGlobal('location', {
      get hash() {
        return bar.hash;
      },
      pathname: '/atlas/',
      search: '',
    });
    vi.stubGlobal('history', {
      state: null,
      pushState: (_: unknown, __: string, url: string) => {
        bar.calls.push('push');
        bar.entries = [...bar.entries.slice(0, bar.index + 1), bar.#hashOf(url)];
        bar.index++;
      },
      replaceState: (_: unknown, __: string, url: string) => {
        bar.calls.push('replace');
        bar.entries[bar.index] = bar.#hashOf(url);
      },
    });
    vi.stubGlobal('window', this.window);
  }
  /** The reader presses Back. */
  back(): void {
    this.index--;
    this.window.dispatchEvent(new Event('popstate'));
  }
  /** The reader types a hash into the address bar. */
  type(hash: string): void {
    this.entries = [...this.entries.slice(0, this.index + 1), hash];
    this.index++;
    this.window.dispatchEvent(new Event('hashchange'));
  }
}

const view = (zoom: number, lng = 34.4): View => ({ zoom, lat: 31.4, lng, bearing: 0, pitch: 0 });

describe('LinkSync', () => {
  let bar: FakeAddressBar;
  let sync: LinkSync;
  beforeEach(() => {
    vi.useFakeTimers({ now: 1_000_000 });
    bar = new FakeAddressBar();
    bar.install();
    sync = new LinkSync();
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('pushes a history entry when the selection or filters change', () => {
    sync.write({ place: 'rafah' });
    sync.write({ place: 'rafah', cat: ['ceasefire'] });
    expect(bar.calls).toEqual(['push', 'push']);
    expect(bar.entries).toEqual(['', '#place=rafah', '#place=rafah&cat=ceasefire']);
  });

  it('replaces the entry, after the throttle, when only the camera moved', () => {
    sync.write({ place: 'rafah' });
    sync.write({ place: 'rafah', view: view(9) });
    expect(bar.calls).toEqual(['push']);
    vi.advanceTimersByTime(300);
    expect(bar.calls).toEqual(['push', 'replace']);
    expect(bar.entries).toEqual(['', '#map=9/31.4/34.4&place=rafah']);
  });

  it('coalesces a burst of camera moves into one replace with the last view', () => {
    sync.write({ view: view(5) });
    vi.advanceTimersByTime(0);
    expect(bar.calls).toEqual(['replace']);
    for (let z = 6; z <= 12; z++) {
      sync.write({ view: view(z) });
      vi.advanceTimersByTime(20);
    }
    // 140 ms into the burst: the next write is due 300 ms after the first.
    expect(bar.calls).toEqual(['replace']);
    vi.advanceTimersByTime(159);
    expect(bar.calls).toEqual(['replace']);
    vi.advanceTimersByTime(1);
    expect(bar.calls).toEqual(['replace', 'replace']);
    expect(bar.hash).toBe('#map=12/31.4/34.4');
    // No more than one camera write per 300 ms.
    sync.write({ view: view(13) });
    vi.advanceTimersByTime(299);
    expect(bar.calls).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(bar.calls).toHaveLength(3);
  });

  it('drops a pending camera write when a selection is pushed, carrying the camera in the push', () => {
    sync.write({ view: view(5) });
    sync.write({ view: view(7), place: 'rafah' });
    vi.advanceTimersByTime(1000);
    expect(bar.calls).toEqual(['push']);
    expect(bar.hash).toBe('#map=7/31.4/34.4&place=rafah');
  });

  it('writes nothing when the address bar already says the same', () => {
    sync.write({ place: 'rafah' });
    sync.write({ place: 'rafah' });
    vi.advanceTimersByTime(1000);
    expect(bar.calls).toEqual(['push']);
  });

  it('clears the hash by writing the bare path', () => {
    sync.write({ place: 'rafah' });
    sync.write({});
    expect(bar.calls).toEqual(['push', 'push']);
    expect(bar.hash).toBe('');
  });

  it('reads a garbled link and replaces it in place by its clean form', () => {
    bar.entries = ['#map=3/0/Infinity&place=rafah&place=ofer&zz'];
    const { state, problems } = sync.read();
    expect(state.place).toBeDefined();
    expect(state.view).toBeUndefined();
    expect(problems.length).toBeGreaterThan(0);
    expect(bar.calls).toEqual(['replace']);
    expect(bar.entries).toHaveLength(1);
    expect(bar.hash).not.toContain('Infinity');
  });

  it('hands Back and hand-typed links to the app, and the write that follows is a no-op', () => {
    const applied: ParsedLink[] = [];
    const stop = sync.listen((link) => applied.push(link));
    sync.write({ place: 'rafah' });
    sync.write({ place: 'ofer' });
    bar.back();
    expect(applied.map((l) => l.state.place)).toEqual(['rafah']);
    // The app applies it and its state is written back: the URL already says so.
    sync.write(applied[0]!.state as LinkState);
    bar.type('#event=ceasefire-takes-effect');
    expect(applied.map((l) => l.state.event)).toEqual([undefined, 'ceasefire-takes-effect']);
    expect(bar.calls).toEqual(['push', 'push']);
    stop();
    bar.back();
    expect(applied).toHaveLength(2);
  });

  it('cancels a pending camera write on Back, so it cannot overwrite the entry gone back to', () => {
    sync.listen(() => {});
    sync.write({ place: 'rafah' });
    sync.write({ place: 'ofer' });
    sync.write({ place: 'ofer', view: view(9) });
    bar.back();
    vi.advanceTimersByTime(1000);
    expect(bar.entries).toEqual(['', '#place=rafah', '#place=ofer']);
  });

  it('cancels a pending camera write when it stops listening', () => {
    const stop = sync.listen(() => {});
    sync.write({ view: view(9) });
    stop();
    vi.advanceTimersByTime(1000);
    expect(bar.calls).toEqual([]);
  });
});
