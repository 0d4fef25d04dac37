/**
 * Where links are opened: a phone held upright and sideways, a small embed and a desktop. Each
 * test checks what a person sees: the chosen places are not hidden under a control, a card or the
 * panel (elementFromPoint at their pixel is the map), the card fits on screen and covers no
 * button, the chosen event's title is on screen without scrolling; and that touch works.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Browser, Page, CDPSession } from 'playwright-core';
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, openPage, openStory, settle, firstScreen, waitForMapIdle, baseUrl, type Watched } from './harness.ts';
import { generateSynthBundle } from '../../bench/lib/synth.ts';
import type { FeatureCollection, Point } from 'geojson';
import bbox from '@turf/bbox';

type MapWindow = { __atlasMap: import('maplibre-gl').Map };

const PLACES = new Map<string, [number, number]>(
  (JSON.parse(readFileSync('geo/rafah-crossing-2025-02-01/places.geojson', 'utf8')) as { features: { id: string; geometry: { type: string; coordinates: [number, number] } }[] }).features
    .filter((f) => f.geometry.type === 'Point')
    .map((f) => [f.id, f.geometry.coordinates]),
);

/** The seed story's Israel (a country area): [west, south, east, north]. */
const ISRAEL_BOX = bbox(
  (JSON.parse(readFileSync('geo/rafah-crossing-2025-02-01/places.geojson', 'utf8')) as FeatureCollection).features.find((f) => f.id === 'israel')!,
) as [number, number, number, number];

interface Size {
  name: string;
  width: number;
  height: number;
  embed?: boolean;
  touch?: boolean;
}

const SIZES: Size[] = [
  { name: 'a phone (390×844)', width: 390, height: 844, touch: true },
  { name: 'a phone held sideways (844×390)', width: 844, height: 390, touch: true },
  { name: 'a 300×250 embed', width: 300, height: 250, embed: true },
  { name: 'a desktop (1280×800)', width: 1280, height: 800 },
];

async function open(browser: Browser, size: Size, hash: string): Promise<Watched> {
  const w = await openPage(browser, {
    viewport: { width: size.width, height: size.height },
    ...(size.touch ? { hasTouch: true, isMobile: true } : {}),
  });
  await openStory(w.page, size.embed ? `${hash}&embed=1` : hash);
  return w;
}

/** Opens a link to an event at this size, once its card is in and the camera has settled. */
async function openEvent(browser: Browser, size: Size, eventId: string): Promise<Watched> {
  const w = await open(browser, size, `#event=${eventId}`);
  await w.page.locator('#event-title').waitFor();
  await settle(w.page);
  return w;
}

/** What is drawn at a place's pixel: 'canvas' when the map itself, else a description of the element. */
async function whatIsAt(page: Page, lngLat: [number, number]): Promise<string> {
  return page.evaluate((ll) => {
    const map = (window as unknown as MapWindow).__atlasMap;
    const p = map.project(ll);
    const rect = map.getCanvas().getBoundingClientRect();
    const x = rect.left + p.x;
    const y = rect.top + p.y;
    if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) return `off screen at ${Math.round(x)},${Math.round(y)}`;
    const el = document.elementFromPoint(x, y);
    if (el === map.getCanvas()) return 'canvas';
    return el ? `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} at ${Math.round(x)},${Math.round(y)}` : 'nothing';
  }, lngLat);
}

/** The open card: docked in the phone layout, a popup on a wide screen. */
const CARD = '.docked-card, .maplibregl-popup';

/** The card's box, and the buttons and links outside it that it overlaps. */
async function cardCheck(page: Page): Promise<{ inside: boolean; overlapped: string[]; box: DOMRect }> {
  return page.evaluate((selector) => {
    const card = document.querySelector(selector)!;
    const box = card.getBoundingClientRect();
    const inside = box.left >= 0 && box.top >= 0 && box.right <= innerWidth + 0.5 && box.bottom <= innerHeight + 0.5;
    const overlapped: string[] = [];
    for (const el of document.querySelectorAll('button, a, summary, select, input')) {
      if (card.contains(el)) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      if (getComputedStyle(el).visibility === 'hidden') continue;
      const hit = r.left < box.right - 0.5 && box.left < r.right - 0.5 && r.top < box.bottom - 0.5 && box.top < r.bottom - 0.5;
      if (!hit) continue;
      // Covered by the card, or drawn over it? Either way the two collide for a reader.
      overlapped.push(`${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 30) || el.getAttribute('aria-label')}"`);
    }
    return { inside, overlapped, box: box.toJSON() as DOMRect };
  }, CARD);
}

/** Whether an element's box is entirely on screen, as the page is (no scrolling done). */
async function onScreen(page: Page, selector: string): Promise<boolean> {
  return page.evaluate((s) => {
    const el = document.querySelector(s);
    if (!el) return false;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || r.top < 0 || r.left < 0 || r.bottom > innerHeight || r.right > innerWidth) return false;
    // Not clipped away by a scrolling ancestor either: the middle of the title is the title.
    const hit = document.elementFromPoint(r.left + Math.min(20, r.width / 2), r.top + r.height / 2);
    return hit !== null && (hit === el || el.contains(hit));
  }, selector);
}

describe('where links are opened', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const size of SIZES) {
    describe(size.name, () => {
      it('shows a linked place clear of every overlay, with its card on screen covering no button', async () => {
        const w = await open(browser, size, '#place=ramallah');
        await w.page.locator(`${CARD} h2`, { hasText: 'Ramallah' }).waitFor();
        await settle(w.page);
        await expect(whatIsAt(w.page, PLACES.get('ramallah')!)).resolves.toBe('canvas');
        const card = await cardCheck(w.page);
        expect(card.inside, JSON.stringify(card.box)).toBe(true);
        expect(card.overlapped).toEqual([]);
        // Its events can be reached: the first is on screen, in the card.
        await expect(onScreen(w.page, `:is(${CARD}) .events a`)).resolves.toBe(true);
        if (size.touch || size.embed) {
          // A fingertip's worth for every button and row of the card.
          const small = await w.page.evaluate((sel) => {
            const out: string[] = [];
            for (const el of document.querySelectorAll(`:is(${sel}) button, :is(${sel}) .events a`)) {
              const r = el.getBoundingClientRect();
              if (r.height < 44 || (el.tagName === 'BUTTON' && r.width < 44)) out.push(`${el.textContent} ${r.width}×${r.height}`);
            }
            return out;
          }, CARD);
          expect(small).toEqual([]);
        }
        expect(w.pageErrors).toEqual([]);
        await w.page.context().close();
      });

      for (const lang of ['en', 'ar'] as const) {
        it(`keeps the map's buttons, links and selects apart, none covering another (lang=${lang})`, async () => {
          const w = await open(browser, size, `#place=rafah&lang=${lang}`);
          await settle(w.page);
          const clashes = await w.page.evaluate((card) => {
            const shown = [...document.querySelectorAll<HTMLElement>('.map-box :is(button, a, select)')].filter((el) => {
              const r = el.getBoundingClientRect();
              // Inside the card or popup, the card's own layout places them; hidden ones cover nothing.
              return r.width > 0 && r.height > 0 && !el.closest(`${card}, dialog, .maplibregl-ctrl-attrib-inner`);
            });
            const out: string[] = [];
            shown.forEach((a, i) => {
              for (const b of shown.slice(i + 1)) {
                if (a.contains(b) || b.contains(a)) continue;
                const p = a.getBoundingClientRect();
                const q = b.getBoundingClientRect();
                if (p.left < q.right - 1 && q.left < p.right - 1 && p.top < q.bottom - 1 && q.top < p.bottom - 1) {
                  out.push(`${a.tagName} "${a.textContent?.trim() || a.title}" × ${b.tagName} "${b.textContent?.trim() || b.title}"`);
                }
              }
            });
            return out;
          }, CARD);
          expect(clashes).toEqual([]);
          await w.page.context().close();
        });
      }

      it('frames a linked event: every place clear, its arrow readable, its title on screen', async () => {
        const w = await openEvent(browser, size, 'bus-from-ofer-to-ramallah');
        for (const id of ['ofer', 'ramallah', 'beitunia']) {
          await expect(whatIsAt(w.page, PLACES.get(id)!), id).resolves.toBe('canvas');
        }
        const arrow = await w.page.evaluate(
          ([a, b]) => {
            const map = (window as unknown as MapWindow).__atlasMap;
            const p = map.project(a!);
            const q = map.project(b!);
            return Math.hypot(p.x - q.x, p.y - q.y);
          },
          [PLACES.get('ofer')!, PLACES.get('ramallah')!],
        );
        expect(arrow).toBeGreaterThanOrEqual(40);
        await expect(w.page.locator('#event-title').textContent()).resolves.toContain('First bus');
        await expect(onScreen(w.page, '#event-title')).resolves.toBe(true);
        expect(w.pageErrors).toEqual([]);
        await w.page.context().close();
      });

      it('frames a linked event about a country whole: its outline clear of every overlay, not a point inside it', async () => {
        const w = await openEvent(browser, size, 'palestinians-in-israeli-prisons');
        // Israel's bounding box, a hair inside (its corners are where a fit puts the padding's edge).
        const [west, south, east, north] = ISRAEL_BOX;
        const inset = (a: number, b: number) => [a + (b - a) * 0.02, b - (b - a) * 0.02] as const;
        const [w2, e2] = inset(west, east);
        const [s2, n2] = inset(south, north);
        for (const corner of [[w2, s2], [e2, s2], [w2, n2], [e2, n2]] as [number, number][]) {
          await expect(whatIsAt(w.page, corner), corner.join(',')).resolves.toBe('canvas');
        }
        await expect(onScreen(w.page, '#event-title')).resolves.toBe(true);
        expect(w.pageErrors).toEqual([]);
        await w.page.context().close();
      });

      it('frames a linked event at a town in its country by the town, not by the middle of the country', async () => {
        const w = await openEvent(browser, size, 'egypt-closes-its-side');
        await expect(whatIsAt(w.page, PLACES.get('rafah')!)).resolves.toBe('canvas');
        // Framed with a point in the middle of Egypt, the map was centred some 400 km away, in the
        // desert. Rafah is already clear in the story's view: the camera keeps to it.
        const off = await w.page.evaluate((rafah) => {
          const c = (window as unknown as MapWindow).__atlasMap.getCenter();
          return Math.hypot((c.lng - rafah[0]) * Math.cos((c.lat * Math.PI) / 180), c.lat - rafah[1]) * 111.32;
        }, PLACES.get('rafah')!);
        expect(off).toBeLessThan(100);
        await expect(onScreen(w.page, '#event-title')).resolves.toBe(true);
        expect(w.pageErrors).toEqual([]);
        await w.page.context().close();
      });
    });
  }

  it('starts with the credits collapsed on a phone, and opens them with the ⓘ button', async () => {
    const w = await open(browser, SIZES[0]!, '#place=rafah');
    const attrib = w.page.locator('.maplibregl-ctrl-attrib');
    await expect(attrib.getAttribute('class')).resolves.not.toContain('maplibregl-compact-show');
    await expect(w.page.locator('.maplibregl-ctrl-attrib-inner').isVisible()).resolves.toBe(false);
    await w.page.locator('.maplibregl-ctrl-attrib-button').click();
    await expect(w.page.locator('.maplibregl-ctrl-attrib-inner').isVisible()).resolves.toBe(true);
    await expect(w.page.locator('.maplibregl-ctrl-attrib-inner').textContent()).resolves.toContain('OpenStreetMap');
    await w.page.context().close();
  });

  it('keeps the link valid at a zoom below 0 on a 300×250 embed: written, reopened at that zoom, written again', async () => {
    const w = await open(browser, SIZES[2]!, '#place=rafah');
    // As far out as MapLibre lets a person zoom on a map this small.
    await w.page.evaluate(() => {
      const map = (window as unknown as MapWindow).__atlasMap;
      map.zoomTo(map.getMinZoom(), { duration: 0 });
    });
    await settle(w.page);
    await w.page.waitForFunction(() => /#map=-/.test(location.hash));
    const link = await w.page.evaluate(() => location.href);
    const zoom = Number(/#map=(-[\d.]+)\//.exec(link)![1]);
    expect(zoom).toBeLessThan(0);
    const fresh = await openPage(browser, { viewport: { width: 300, height: 250 } });
    await fresh.page.goto('about:blank');
    await fresh.page.goto(link);
    await waitForMapIdle(fresh.page);
    await fresh.page.waitForFunction(() => document.documentElement.hasAttribute('data-story-ready'));
    await settle(fresh.page);
    await expect(fresh.page.locator('.notice').count()).resolves.toBe(0);
    const reopened = await fresh.page.evaluate(() => {
      const map = (window as unknown as MapWindow).__atlasMap;
      return { zoom: map.getZoom(), lng: map.getCenter().lng };
    });
    expect(reopened.zoom).toBeCloseTo(zoom, 2);
    expect(reopened.lng).toBeCloseTo(Number(/#map=[^/]+\/[^/]+\/([-\d.]+)/.exec(link)![1]), 1);
    // (At a zoom that shows the whole world's height, MapLibre centres the latitude as the
    // frame allows: what counts is that the link the reopened map writes is accepted as well.)
    const again = await fresh.page.evaluate(() => location.href);
    expect(again).toMatch(/#map=-[\d.]+\//);
    const third = await openPage(browser, { viewport: { width: 300, height: 250 } });
    await third.page.goto(again);
    await waitForMapIdle(third.page);
    await third.page.waitForFunction(() => document.documentElement.hasAttribute('data-story-ready'));
    await expect(third.page.locator('.notice').count()).resolves.toBe(0);
    await third.page.context().close();
    await fresh.page.context().close();
    await w.page.context().close();
  });

  describe('the bottom sheet on a phone', () => {
    it('leaves the map at least 40% of the screen in peek, and moves by keyboard and by drag', async () => {
      const w = await open(browser, SIZES[0]!, '');
      const panel = w.page.locator('aside.panel');
      await expect(panel.getAttribute('data-sheet')).resolves.toBe('peek');
      const mapShare = await w.page.evaluate(() => document.querySelector('.maplibregl-canvas')!.getBoundingClientRect().height / innerHeight);
      expect(mapShare).toBeGreaterThanOrEqual(0.4);
      const handle = w.page.getByRole('button', { name: /Story panel size/ });
      await handle.focus();
      await w.page.keyboard.press('ArrowUp');
      await expect(panel.getAttribute('data-sheet')).resolves.toBe('half');
      await w.page.keyboard.press('ArrowUp');
      await expect(panel.getAttribute('data-sheet')).resolves.toBe('full');
      await w.page.keyboard.press('End');
      await expect(panel.getAttribute('data-sheet')).resolves.toBe('peek');
      await w.page.keyboard.press('Enter');
      await expect(panel.getAttribute('data-sheet')).resolves.toBe('half');
      // Drag the handle down with a finger: back to peek.
      const box = (await handle.boundingBox())!;
      const cdp = await w.page.context().newCDPSession(w.page);
      await touchDrag(cdp, [{ x: box.x + box.width / 2, y: box.y + box.height / 2 }], [{ x: box.x + box.width / 2, y: box.y + box.height / 2 + 250 }]);
      await expect.poll(() => panel.getAttribute('data-sheet')).toBe('peek');
      await w.page.context().close();
    });

    it('opens on a tapped event’s card, and goes back to the list', async () => {
      const w = await open(browser, SIZES[0]!, '#place=khan-younis');
      await w.page.locator('.docked-card h2', { hasText: 'Khan Younis' }).waitFor();
      await w.page.locator('.docked-card .events a').first().tap();
      const panel = w.page.locator('aside.panel');
      await expect.poll(() => panel.getAttribute('data-sheet')).toBe('half');
      await w.page.locator('#event-title').waitFor();
      await expect(onScreen(w.page, '#event-title')).resolves.toBe(true);
      await w.page.getByRole('button', { name: '‹ All events' }).tap();
      await expect(w.page.locator('#event-title').count()).resolves.toBe(0);
      await expect(onScreen(w.page, '#events-heading')).resolves.toBe(true);
      await w.page.context().close();
    });
  });

  describe('touch', () => {
    it('taps a place, drags the map and pinches it', async () => {
      const w = await open(browser, SIZES[0]!, '');
      const tapAt = async (lngLat: [number, number]) => {
        const { x, y } = await w.page.evaluate((ll) => {
          const map = (window as unknown as MapWindow).__atlasMap;
          const p = map.project(ll);
          const r = map.getCanvas().getBoundingClientRect();
          return { x: r.left + p.x, y: r.top + p.y };
        }, lngLat);
        await w.page.touchscreen.tap(x, y);
      };
      await tapAt(PLACES.get('khan-younis')!);
      await w.page.locator('.docked-card h2', { hasText: 'Khan Younis' }).waitFor();

      const cdp = await w.page.context().newCDPSession(w.page);
      const camera = () =>
        w.page.evaluate(() => {
          const map = (window as unknown as MapWindow).__atlasMap;
          return { ...map.getCenter(), zoom: map.getZoom() };
        });
      const canvas = (await w.page.locator('.maplibregl-canvas').boundingBox())!;
      const cx = canvas.x + canvas.width / 2;
      const cy = canvas.y + canvas.height / 3;
      await settle(w.page);
      const before = await camera();
      await touchDrag(cdp, [{ x: cx, y: cy }], [{ x: cx - 120, y: cy + 60 }]);
      await settle(w.page);
      const dragged = await camera();
      expect(dragged.lng).toBeGreaterThan(before.lng);
      expect(dragged.lat).toBeGreaterThan(before.lat);
      expect(dragged.zoom).toBeCloseTo(before.zoom, 5);

      await touchDrag(cdp, [{ x: cx - 30, y: cy }, { x: cx + 30, y: cy }], [{ x: cx - 120, y: cy }, { x: cx + 120, y: cy }]);
      await settle(w.page);
      const pinched = await camera();
      expect(pinched.zoom).toBeGreaterThan(dragged.zoom + 1);
      expect(w.pageErrors).toEqual([]);
      await w.page.context().close();
    });

    it('taps a cluster and zooms in towards it', async () => {
      const bundle = generateSynthBundle({ events: 6000, seed: 5 });
      mkdirSync(join('dist', 'phones'), { recursive: true });
      writeFileSync(join('dist', 'phones', 'synth.json'), JSON.stringify(bundle));
      const w = await openPage(browser, { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
      await w.page.goto(new URL('#data=/phones/synth.json', baseUrl()).href);
      await waitForMapIdle(w.page);
      await w.page.waitForFunction(() => document.documentElement.hasAttribute('data-story-ready'), null, { timeout: 60_000 });
      await firstScreen(w.page);
      const target = await w.page.evaluate(() => {
        const map = (window as unknown as MapWindow).__atlasMap;
        const r = map.getCanvas().getBoundingClientRect();
        // A cluster well inside the map's visible part, away from the controls.
        const found = map
          .queryRenderedFeatures({ layers: ['atlas-clusters'] })
          .map((f) => map.project((f.geometry as Point).coordinates as [number, number]))
          .find((p) => p.x > 60 && p.x < r.width - 60 && p.y > 80 && p.y < r.height - 60);
        return found ? { x: r.left + found.x, y: r.top + found.y, zoom: map.getZoom() } : null;
      });
      expect(target).not.toBeNull();
      await w.page.touchscreen.tap(target!.x, target!.y);
      // To the zoom where the cluster splits (MapLibre's cluster index says which).
      await w.page.waitForFunction((z) => (window as unknown as MapWindow).__atlasMap.getZoom() > z + 0.01, target!.zoom, { timeout: 30_000 });
      expect(w.pageErrors).toEqual([]);
      await w.page.context().close();
    });
  });
});

/** Moves one or more fingers from `from` to `to` in small steps, as a person would. */
async function touchDrag(cdp: CDPSession, from: { x: number; y: number }[], to: { x: number; y: number }[], steps = 12): Promise<void> {
  const at = (t: number) => from.map((p, i) => ({ x: p.x + (to[i]!.x - p.x) * t, y: p.y + (to[i]!.y - p.y) * t, id: i }));
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: at(0) });
  for (let s = 1; s <= steps; s++) {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: at(s / steps) });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
}
