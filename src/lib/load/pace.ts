/**
 * Loading work that gives way to the reader. After the map has drawn a big story, the story
 * worker still checks, indexes and sends it (seconds of CPU at 100k events) and the page still
 * builds its lists; on two cores that work and a map being panned slow each other down. So the
 * work is written as steps (generators that yield between chunks), and run either at once
 * (`runNow`: Node, tests, small stories) or paced (`runPaced`): between steps the worker hears the
 * page, and while the reader moves the map it waits until they stop. Nothing is dropped or
 * reordered: a paused load resumes where it was and ends with the same result.
 *
 * `Activity` is the page's side (is the map moving?), `Pace` the worker's.
 */

/** Work in steps: each `yield` is a point where it may pause; the return value is its result. */
export type Steps<T> = Generator<void, T, void>;

/** Runs the steps to their end at once. */
export function runNow<T>(steps: Steps<T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** Runs the steps, letting `pace` pause between them. */
export async function runPaced<T>(steps: Steps<T>, pace: Pace): Promise<T> {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    const pause = pace.breathe();
    if (pause) await pause;
  }
}

/** Ends a step every `every` calls: `if (step()) yield;` inside a loop. */
export function stepper(every = 2000): () => boolean {
  let n = 0;
  return () => ++n % every === 0;
}

export interface PaceOptions {
  /** Work this long between two looks at the page's messages (ms). */
  budgetMs?: number;
  /**
   * Longest one pause lasts while the reader keeps moving the map (ms): then one more step runs.
   * A reader who never stops still gets the lists, slowly.
   */
  holdMs?: number;
  now?: () => number;
  /** Lets queued tasks (the page's messages) run, then resolves. */
  yieldTask?: () => Promise<void>;
  /** Resolves after `ms`. */
  sleep?: (ms: number) => Promise<void>;
}

/** One task's turn without setTimeout's clamping (4 ms after a few nested calls). */
function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** The worker's side: whether to go on now, hear the page, or wait for the reader to stop. */
export class Pace {
  #busy = false;
  #wake: (() => void) | null = null;
  #since: number;
  readonly #budget: number;
  readonly #hold: number;
  readonly #now: () => number;
  readonly #yieldTask: () => Promise<void>;
  readonly #sleep: (ms: number) => Promise<void>;

  constructor({ budgetMs = 25, holdMs = 1000, now = () => performance.now(), yieldTask = nextTask, sleep = (ms) => new Promise((r) => setTimeout(r, ms)) }: PaceOptions = {}) {
    this.#budget = budgetMs;
    this.#hold = holdMs;
    this.#now = now;
    this.#yieldTask = yieldTask;
    this.#sleep = sleep;
    this.#since = now();
  }

  /** The page says the reader is moving the map (true) or has stopped (false). */
  set busy(busy: boolean) {
    this.#busy = busy;
    if (!busy) this.#wake?.();
  }
  get busy(): boolean {
    return this.#busy;
  }

  /**
   * Called between steps. Undefined (go on) while this stretch of work is within its budget;
   * else a promise that resolves once the page's messages were heard and, if the reader is moving
   * the map, once they stop (or `holdMs` passed).
   */
  breathe(): Promise<void> | undefined {
    if (this.#now() - this.#since < this.#budget && !this.#busy) return undefined;
    return this.#pause();
  }

  async #pause(): Promise<void> {
    await this.#yieldTask();
    if (this.#busy) {
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
        void this.#sleep(this.#hold).then(resolve);
      });
      this.#wake = null;
    }
    this.#since = this.#now();
  }
}

/**
 * The page's side: whether the reader is moving the map. Busy from a move's start until
 * `quietMs` after its end (a drag or scripted tour is often several moves in a row; a move that
 * ends in the task it started in, a jump, does not count), and while
 * something holds it (the map drawing a story's places the first time); listeners hear only
 * changes.
 */
export class Activity {
  #busy = false;
  #moving = false;
  readonly #holds = new Set<string>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  readonly #listeners = new Set<(busy: boolean) => void>();
  readonly #quiet: number;
  readonly #setTimeout: typeof setTimeout;
  readonly #clearTimeout: typeof clearTimeout;

  constructor({ quietMs = 300, timers }: { quietMs?: number; timers?: { setTimeout: typeof setTimeout; clearTimeout: typeof clearTimeout } } = {}) {
    this.#quiet = quietMs;
    // Called through arrows: a browser's setTimeout called as another object's method throws.
    this.#setTimeout = ((fn: () => void, ms: number) => (timers ? timers.setTimeout(fn, ms) : setTimeout(fn, ms))) as typeof setTimeout;
    this.#clearTimeout = ((t: ReturnType<typeof setTimeout> | undefined) => (timers ? timers.clearTimeout(t) : clearTimeout(t))) as typeof clearTimeout;
  }

  get busy(): boolean {
    return this.#busy;
  }

  /** The map started (true) or ended (false) a move. */
  moving(moving: boolean): void {
    this.#clearTimeout(this.#timer);
    this.#timer = undefined;
    if (moving) {
      this.#moving = true;
      // A jump, or MapLibre's resize, starts and ends a move in one go: that is not the reader
      // moving the map. Only a move still under way once this task is done counts.
      queueMicrotask(() => this.#update());
    } else if (this.#moving && !this.#busy) {
      this.#moving = false;
    } else if (this.#moving) {
      this.#timer = this.#setTimeout(() => {
        this.#moving = false;
        this.#update();
      }, this.#quiet);
    }
  }

  /** Busy for `reason` until it is released (holding twice for one reason is holding once). */
  hold(reason: string): void {
    this.#holds.add(reason);
    this.#update();
  }

  release(reason: string): void {
    this.#holds.delete(reason);
    this.#update();
  }

  /** Calls `fn` on every change (not at once); returns the function that stops it. */
  onChange(fn: (busy: boolean) => void): () => void {
    this.#listeners.add(fn);
    return () => this.#listeners.delete(fn);
  }

  /** Resolves when the reader is not moving the map, or after `maxMs` at most. */
  whenIdle(maxMs: number): Promise<void> {
    if (!this.#busy) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        this.#clearTimeout(timer);
        stop();
        resolve();
      };
      const timer = this.#setTimeout(done, maxMs);
      const stop = this.onChange((busy) => {
        if (!busy) done();
      });
    });
  }

  #update(): void {
    const busy = this.#moving || this.#holds.size > 0;
    if (busy === this.#busy) return;
    this.#busy = busy;
    for (const fn of this.#listeners) fn(busy);
  }
}
