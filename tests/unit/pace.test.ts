import { describe, it, expect } from 'vitest';
import { Activity, Pace, runNow, runPaced, stepper, type Steps } from '../../src/lib/load/pace.ts';
import { validateBundle, validateBundlePaced, validatePlaces, formatIssue } from '../../src/lib/story/validate.ts';
import { buildModel, modelSteps, byChrono } from '../../src/lib/story/model.ts';
import { SearchIndex, searchSteps } from '../../src/lib/story/filter.ts';
import { generateSynthBundle } from '../../bench/lib/synth.ts';
import type { StoryBundle } from '../../src/lib/story/types.ts';

/** Steps that record what ran: n steps of work, each pushing its number. */
function* counted(n: number, log: number[]): Steps<string> {
  for (let i = 0; i < n; i++) {
    log.push(i);
    yield;
  }
  return 'done';
}

/** A clock the test moves by hand, and timers that fire when it passes them. */
function fakeTime() {
  let t = 0;
  const timers: { at: number; fn: () => void }[] = [];
  return {
    now: () => t,
    advance(ms: number) {
      t += ms;
      for (const timer of timers.filter((x) => x.at <= t)) {
        timers.splice(timers.indexOf(timer), 1);
        timer.fn();
      }
    },
    timers: {
      setTimeout: ((fn: () => void, ms: number) => {
        const timer = { at: t + ms, fn };
        timers.push(timer);
        return timer;
      }) as unknown as typeof setTimeout,
      clearTimeout: ((timer: unknown) => {
        const i = timers.indexOf(timer as (typeof timers)[number]);
        if (i >= 0) timers.splice(i, 1);
      }) as typeof clearTimeout,
    },
    sleep: (ms: number) => new Promise<void>((r) => timers.push({ at: t + ms, fn: r })),
  };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('work in steps', () => {
  it('runs to the same end at once or paced', async () => {
    const a: number[] = [];
    const b: number[] = [];
    expect(runNow(counted(5, a))).toBe('done');
    expect(await runPaced(counted(5, b), new Pace({ budgetMs: 0, yieldTask: async () => {} }))).toBe('done');
    expect(b).toEqual(a);
  });

  it('ends a step every n calls', () => {
    const step = stepper(3);
    expect(Array.from({ length: 7 }, step)).toEqual([false, false, true, false, false, true, false]);
  });
});

describe('Pace: the worker gives way while the reader moves the map', () => {
  it('goes on without pausing while its budget lasts, then lets the page be heard', () => {
    const time = fakeTime();
    let heard = 0;
    const pace = new Pace({ budgetMs: 20, now: time.now, yieldTask: async () => void heard++ });
    expect(pace.breathe()).toBeUndefined();
    time.advance(25);
    expect(pace.breathe()).toBeInstanceOf(Promise);
    expect(heard).toBe(1);
  });

  it('pauses while busy and resumes where it was when the reader stops, losing nothing', async () => {
    const time = fakeTime();
    const pace = new Pace({ budgetMs: 1000, holdMs: 60_000, now: time.now, yieldTask: async () => {}, sleep: time.sleep });
    const log: number[] = [];
    let result: string | undefined;
    void runPaced(counted(10, log), pace).then((r) => (result = r));
    await flush();
    expect(log).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    // Again, with the reader moving the map from the start.
    const log2: number[] = [];
    pace.busy = true;
    void runPaced(counted(10, log2), pace).then((r) => (result = r));
    await flush();
    expect(log2).toEqual([0]);
    time.advance(500);
    await flush();
    expect(log2).toEqual([0]);
    pace.busy = false;
    await flush();
    expect(log2).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(result).toBe('done');
  });

  it('runs one step per hold while the reader never stops', async () => {
    const time = fakeTime();
    const pace = new Pace({ budgetMs: 1000, holdMs: 1000, now: time.now, yieldTask: async () => {}, sleep: time.sleep });
    pace.busy = true;
    const log: number[] = [];
    void runPaced(counted(4, log), pace);
    await flush();
    expect(log).toEqual([0]);
    for (const expected of [[0, 1], [0, 1, 2], [0, 1, 2, 3]]) {
      time.advance(1000);
      await flush();
      expect(log).toEqual(expected);
    }
  });
});

describe('Activity: the page tells whether the reader is moving the map', () => {
  it('is busy from a move until a quiet spell after it, across moves in a row', async () => {
    const time = fakeTime();
    const activity = new Activity({ quietMs: 300, timers: time.timers });
    const heard: boolean[] = [];
    activity.onChange((b) => heard.push(b));
    activity.moving(true);
    await flush();
    activity.moving(false);
    time.advance(100);
    activity.moving(true); // the next move of a tour
    await flush();
    activity.moving(false);
    time.advance(299);
    expect(activity.busy).toBe(true);
    time.advance(1);
    expect(activity.busy).toBe(false);
    expect(heard).toEqual([true, false]);
    // An end without a start changes nothing; nor does a jump (a move that ends where it started).
    activity.moving(false);
    activity.moving(true);
    activity.moving(false);
    await flush();
    time.advance(1000);
    expect(heard).toEqual([true, false]);
  });

  it('is busy while something holds it (the first draw), whatever the moves', async () => {
    const time = fakeTime();
    const activity = new Activity({ quietMs: 300, timers: time.timers });
    const heard: boolean[] = [];
    activity.onChange((b) => heard.push(b));
    activity.hold('first draw');
    activity.hold('first draw');
    activity.moving(true);
    await flush();
    activity.moving(false);
    time.advance(300);
    expect(activity.busy).toBe(true);
    activity.release('first draw');
    expect(activity.busy).toBe(false);
    expect(heard).toEqual([true, false]);
  });

  it('says when the reader stops, or after the longest wait', async () => {
    const time = fakeTime();
    const activity = new Activity({ quietMs: 300, timers: time.timers });
    let idle = false;
    await activity.whenIdle(1000);
    activity.moving(true);
    await flush();
    void activity.whenIdle(1000).then(() => (idle = true));
    activity.moving(false);
    time.advance(299);
    await flush();
    expect(idle).toBe(false);
    time.advance(1);
    await flush();
    expect(idle).toBe(true);
    let late = false;
    activity.moving(true);
    await flush();
    void activity.whenIdle(1000).then(() => (late = true));
    time.advance(1000);
    await flush();
    expect(late).toBe(true);
  });
});

describe('the story worker\'s steps give what the one-go functions give', () => {
  const bundle = generateSynthBundle({ events: 6000, seed: 3 }) as unknown as StoryBundle;
  // Every step pauses (budget 0) and hears the page (a resolved promise here).
  const pace = () => new Pace({ budgetMs: 0, yieldTask: async () => {} });

  it('validates the same, errors and their places in the list included', async () => {
    const broken = structuredClone(bundle) as unknown as { events: Record<string, unknown>[] };
    delete broken.events[4321]!.title;
    broken.events[2500]!.date = '2025-02-30';
    (broken.events[10]!.places as { id: string }[])[0]!.id = 'nowhere';
    for (const b of [bundle, broken]) {
      const once = validateBundle(b);
      const paced = await validateBundlePaced(b, pace(), { placesChecked: validatePlaces(b) });
      expect(paced.errors.map(formatIssue)).toEqual(once.errors.map(formatIssue));
      expect(paced.warnings.map(formatIssue)).toEqual(once.warnings.map(formatIssue));
      expect(paced.ok).toBe(once.ok);
    }
    expect(validateBundle(broken).errors.map(formatIssue).join('\n')).toMatch(/field title: is required/);
  });

  it('builds the same model, events in the same order as a stable sort by date', async () => {
    const once = buildModel(bundle);
    const paced = await runPaced(modelSteps(bundle), pace());
    expect(paced.events.map((e) => e.id)).toEqual([...bundle.events].sort(byChrono).map((e) => e.id));
    expect(paced.events).toEqual(once.events);
    expect([...paced.eventsByPlace]).toEqual([...once.eventsByPlace]);
    expect(paced.bbox).toEqual(once.bbox);
    expect(paced.focus).toEqual(once.focus);
  });

  it('builds the same search index', async () => {
    const model = buildModel(bundle);
    const wire = await runPaced(searchSteps(model), pace());
    const a = new SearchIndex(model, wire);
    const b = new SearchIndex(model);
    for (const q of ['a', 'ra', 'gaza', 'khan y', 'the']) expect(a.search(q)).toEqual(b.search(q));
  });
});
