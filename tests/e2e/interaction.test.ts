import { describe, expect } from 'vitest';
import type { Page } from 'playwright-core';
import { it, openStory, clickAt, highlightedPlaces, settle, pixelOf, baseUrl, waitForMapIdle } from './harness.ts';

const KHAN_YOUNIS: [number, number] = [34.3031, 31.3444];
const RAFAH: [number, number] = [34.2592, 31.2486];
const RAMALLAH: [number, number] = [35.2, 31.9];
const OFER: [number, number] = [35.185, 31.877];

const popup = (page: Page) => page.locator('.maplibregl-popup');

describe('a reader exploring the seed story', () => {
  it('clicks Khan Younis, sees its events, chooses one and sees its details and places', async ({ open }) => {
    const w = await open();
    await openStory(w.page);
    await clickAt(w.page, KHAN_YOUNIS);
    await popup(w.page).waitFor();
    await expect(popup(w.page).locator('h2').textContent()).resolves.toBe('Khan Younis');
    const titles = await popup(w.page).locator('.events a span').allTextContents();
    expect(titles).toContain('Ofer Kalderon and Yarden Bibas handed to the Red Cross');
    expect(w.page.url()).toContain('place=khan-younis');

    await popup(w.page).getByText('Ofer Kalderon and Yarden Bibas handed to the Red Cross').click();
    const detail = w.page.locator('.selected-event');
    await detail.waitFor();
    await expect(detail.locator('h2').textContent()).resolves.toBe('Ofer Kalderon and Yarden Bibas handed to the Red Cross');
    await expect(detail.locator('time').first().textContent()).resolves.toContain('1 February 2025, about 08:30');
    await expect(detail.locator('.cite').textContent()).resolves.toMatch(/paragraph \d+ of the article/);
    expect(await highlightedPlaces(w.page, ['khan-younis', 'rafah', 'gaza-city'])).toEqual(['khan-younis']);
    expect(w.page.url()).toContain('event=kalderon-bibas-handover');
    expect(w.pageErrors).toEqual([]);
    expect(w.consoleErrors).toEqual([]);
  });

  it('follows an event to all its places, with the movement drawn from Ofer to Ramallah', async ({ open }) => {
    const w = await open();
    await openStory(w.page);
    await w.page.locator('.panel a[data-event="bus-from-ofer-to-ramallah"]').click();
    await settle(w.page);
    const detail = w.page.locator('.selected-event');
    await expect(detail.locator('a[data-place]').evaluateAll((as) => as.map((a) => a.getAttribute('data-place')))).resolves.toEqual([
      'ofer',
      'ramallah',
      'beitunia',
    ]);
    expect(await highlightedPlaces(w.page, ['ofer', 'ramallah', 'beitunia', 'khan-younis'])).toEqual(['ofer', 'ramallah', 'beitunia']);
    const moves = await w.page.evaluate(() => {
      const map = (window as unknown as { __atlasMap: import('maplibre-gl').Map }).__atlasMap;
      return map.querySourceFeatures('atlas-moves').map((f) => `${f.properties.from}→${f.properties.to}`);
    });
    expect(new Set(moves)).toEqual(new Set(['ofer→ramallah', 'ofer→beitunia']));
    // The detail's place links lead back to a place.
    await detail.locator('a[data-place="ramallah"]').click();
    await popup(w.page).waitFor();
    await expect(popup(w.page).locator('h2').textContent()).resolves.toBe('Ramallah');
  });

  it('shows both the closure of May 2024 and the reopening at the Rafah crossing', async ({ open }) => {
    const v = await open();
    await openStory(v.page);
    await clickAt(v.page, RAFAH);
    await popup(v.page).waitFor();
    const items = await popup(v.page).locator('.events a').allTextContents();
    const text = items.join('\n');
    expect(text).toMatch(/May 2024/);
    expect(text).toMatch(/1 Feb 2025.*reopens/i);
  });

  it('lets a reader pick Ramallah or Ofer prison where they overlap', async ({ open }) => {
    const v = await open();
    // A wide view where the two are a few pixels apart.
    await openStory(v.page, '#map=7/31.6/34.8');
    const a = await pixelOf(v.page, RAMALLAH);
    const b = await pixelOf(v.page, OFER);
    expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeLessThan(12);
    for (const [name, expected] of [
      ['Ramallah', 'Ramallah'],
      ['Ofer prison', 'Ofer prison'],
    ] as const) {
      await v.page.mouse.click((a.x + b.x) / 2, (a.y + b.y) / 2);
      const chooser = popup(v.page).locator('nav[aria-label="Places here"]');
      await chooser.waitFor();
      await chooser.getByRole('button', { name: new RegExp(`^${name}`) }).click();
      await popup(v.page).locator('article h2').waitFor();
      await expect(popup(v.page).locator('article h2').textContent()).resolves.toBe(expected);
      await v.page.keyboard.press('Escape');
      await settle(v.page);
    }
    expect(v.pageErrors).toEqual([]);
  });

  it('works with the keyboard alone: Tab to the events, arrows to move, Enter to choose, Escape to close', async ({ open }) => {
    const v = await open();
    await openStory(v.page);
    // Tab until focus reaches the first event link.
    for (let i = 0; i < 20; i++) {
      await v.page.keyboard.press('Tab');
      const at = await v.page.evaluate(() => document.activeElement?.getAttribute('data-event'));
      if (at) break;
    }
    await expect(v.page.evaluate(() => document.activeElement?.getAttribute('data-event'))).resolves.toBe('hamas-attack-on-israel');
    await v.page.keyboard.press('ArrowDown');
    await v.page.keyboard.press('ArrowDown');
    await v.page.keyboard.press('ArrowUp');
    await expect(v.page.evaluate(() => document.activeElement?.getAttribute('data-event'))).resolves.toBe('egypt-closes-its-side');
    await v.page.keyboard.press('Enter');
    await v.page.locator('.selected-event h2').waitFor();
    // Focus moves to the event's heading and the choice is announced.
    await expect(v.page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Egypt shuts its side of the crossing');
    await expect(v.page.locator('[aria-live="polite"][role="status"]').last().textContent()).resolves.toContain('Egypt shuts its side');
    const focusStyle = await v.page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(focusStyle).not.toBe('none');
    await v.page.keyboard.press('Escape');
    await expect(v.page.locator('.selected-event').count()).resolves.toBe(0);
    expect(v.page.url()).not.toContain('event=');
  });

  it('moves the camera only to reveal a place that is off screen', async ({ open }) => {
    const v = await open();
    // Zoomed in on Gaza City, with Khan Younis some 25 km away and off screen.
    await openStory(v.page, '#map=12/31.52/34.45');
    const camera = () =>
      v.page.evaluate(() => {
        const map = (window as unknown as { __atlasMap: import('maplibre-gl').Map }).__atlasMap;
        return [map.getCenter().lng, map.getCenter().lat, map.getZoom()];
      });
    const before = await camera();
    // Gaza City is in view: choosing it from the list leaves the camera where it is.
    await v.page.locator('.panel a[data-place="gaza-city"]').click();
    await popup(v.page).waitFor();
    await settle(v.page);
    expect(await camera()).toEqual(before);
    // Khan Younis is not: the camera eases to it, and it ends up on screen.
    await v.page.locator('.panel a[data-place="khan-younis"]').click();
    await v.page.locator('.maplibregl-popup article h2', { hasText: 'Khan Younis' }).waitFor();
    await settle(v.page);
    const after = await camera();
    expect(after).not.toEqual(before);
    const p = await pixelOf(v.page, KHAN_YOUNIS);
    const box = (await v.page.locator('.maplibregl-canvas').boundingBox())!;
    expect(p.x).toBeGreaterThan(box.x);
    expect(p.x).toBeLessThan(box.x + box.width);
    expect(p.y).toBeGreaterThan(box.y);
    expect(p.y).toBeLessThan(box.y + box.height);
  });

  it('keeps a click on a place drawn before the story is in, and opens its popup when the story comes', async ({ open }) => {
    const w = await open();
    // The map draws the places from their own file first; the story worker starts after. Its script
    // is held back here, so the click surely comes before the story.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let asked = false;
    await w.page.route(/\/assets\/story\.worker-[\w-]+\.js$/, async (route) => {
      asked = true;
      await held;
      await route.continue();
    });
    await w.page.goto(baseUrl());
    await waitForMapIdle(w.page);
    await expect.poll(() => asked, { timeout: 30_000 }).toBe(true);
    // The pointer part of the map loads once the places are drawn: the pointer goes back and forth
    // over Khan Younis until the cursor says it can be clicked.
    const { x, y } = await pixelOf(w.page, KHAN_YOUNIS);
    let step = 0;
    await expect
      .poll(
        async () => {
          await w.page.mouse.move(x + (step++ % 2), y);
          return w.page.evaluate(() => (window as unknown as { __atlasMap: import('maplibre-gl').Map }).__atlasMap.getCanvas().style.cursor);
        },
        { timeout: 30_000 },
      )
      .toBe('pointer');
    await w.page.mouse.click(x, y);
    expect(await w.page.evaluate(() => document.documentElement.hasAttribute('data-story-ready'))).toBe(false);
    expect(await popup(w.page).count()).toBe(0);
    release();
    await popup(w.page).locator('article h2').waitFor();
    await expect(popup(w.page).locator('article h2').textContent()).resolves.toBe('Khan Younis');
    expect(w.page.url()).toContain('place=khan-younis');
    // A person sees it: the popup's heading is on top at its own centre, inside the window.
    const box = (await popup(w.page).locator('article h2').boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(1280);
    expect(box.y + box.height).toBeLessThanOrEqual(800);
    const onTop = await w.page.evaluate(({ cx, cy }) => document.elementFromPoint(cx, cy)?.closest('.maplibregl-popup') !== null, { cx: box.x + box.width / 2, cy: box.y + box.height / 2 });
    expect(onTop).toBe(true);
    expect(w.pageErrors).toEqual([]);
  });

  it('opens the right popup within a measured time of each click', async ({ open }) => {
    const v = await open();
    await openStory(v.page);
    const results: { ms: number; title: string }[] = [];
    for (let i = 0; i < 5; i++) {
      const target = i % 2 ? KHAN_YOUNIS : RAFAH;
      const result = await v.page.evaluate(
        (lngLat) =>
          new Promise<{ ms: number; title: string }>((resolve) => {
            const map = (window as unknown as { __atlasMap: import('maplibre-gl').Map }).__atlasMap;
            // Aim at the place where it is drawn now, as a person would.
            const p = map.project(lngLat);
            const rect = map.getCanvas().getBoundingClientRect();
            document.querySelector('.maplibregl-popup')?.remove();
            const start = performance.now();
            const done = (title: string) => {
              observer.disconnect();
              clearTimeout(timer);
              resolve({ ms: performance.now() - start, title });
            };
            const observer = new MutationObserver(() => {
              const h2 = document.querySelector('.maplibregl-popup article h2');
              if (h2) done(h2.textContent ?? '');
            });
            const timer = setTimeout(() => done('(no popup within 5 s)'), 5000);
            observer.observe(document.body, { childList: true, subtree: true });
            const canvas = map.getCanvas();
            for (const type of ['mousedown', 'mouseup', 'click'] as const) {
              canvas.dispatchEvent(new MouseEvent(type, { bubbles: true, clientX: rect.left + p.x, clientY: rect.top + p.y, button: 0 }));
            }
          }),
        target,
      );
      results.push(result);
      await v.page.locator('.maplibregl-popup-close-button').click();
      await v.page.waitForFunction(() => !document.querySelector('.maplibregl-popup'));
    }
    console.log(`click → popup: ${results.map((r) => r.ms.toFixed(1)).join(', ')} ms`);
    expect(results.map((r) => r.title)).toEqual(['Rafah border crossing', 'Khan Younis', 'Rafah border crossing', 'Khan Younis', 'Rafah border crossing']);
  });
});
