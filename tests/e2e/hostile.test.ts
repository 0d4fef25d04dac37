import { describe, expect } from 'vitest';
import { it, openStory, clickAt, settle } from './harness.ts';

describe('a story full of hostile strings', () => {
  it('shows every string as text: nothing runs, no markup appears, the layout holds', async ({ open }) => {
    const w = await open({ viewport: { width: 1280, height: 800 } });
    let dialogs = 0;
    w.page.on('dialog', (d) => {
      dialogs++;
      void d.dismiss();
    });
    await openStory(w.page, '#data=fixtures/hostile.json');
    await expect(w.page.locator('.panel h1').textContent()).resolves.toBeTruthy();

    // Open every place's popup and every event's detail.
    const places = await w.page.locator('.panel a[data-place]').evaluateAll((as) => as.map((a) => a.getAttribute('data-place')!));
    expect(places.length).toBeGreaterThan(2);
    for (const id of places) {
      await w.page.locator(`.panel a[data-place="${id}"]`).click();
      await w.page.locator('.maplibregl-popup').waitFor();
    }
    const events = await w.page.locator('[data-testid="event-list"] a[data-event]').evaluateAll((as) => as.map((a) => a.getAttribute('data-event')!));
    for (const id of events) {
      await w.page.locator(`[data-testid="event-list"] a[data-event="${id}"]`).click();
      await w.page.locator('.selected-event h2').waitFor();
    }
    await clickAt(w.page, [10, 50]);
    await settle(w.page);

    const dom = await w.page.evaluate(() => ({
      // Markup from the data would have made these elements.
      injected: document.querySelectorAll('img[src="x"], .panel script, .maplibregl-popup script, svg[onload], [onerror], [onload]').length,
      // Links may only be web links or our own hash links.
      badLinks: [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')!).filter((h) => !/^(#|https?:)/i.test(h)),
      textHasTags: document.body.innerText.includes('<img src=x onerror=alert(1)>'),
      pageWidth: document.documentElement.scrollWidth,
      panelWidth: document.querySelector('.panel')!.getBoundingClientRect().width,
      mapWidth: document.querySelector('.maplibregl-canvas')!.getBoundingClientRect().width,
    }));
    expect(dom.injected).toBe(0);
    expect(dom.badLinks).toEqual([]);
    expect(dom.textHasTags).toBe(true);
    // The 10 KB strings wrap inside the panel instead of pushing the map off screen.
    expect(dom.pageWidth).toBeLessThanOrEqual(1280);
    expect(dom.panelWidth).toBeLessThanOrEqual(400);
    expect(dom.mapWidth).toBeGreaterThan(800);
    expect(dialogs).toBe(0);
    expect(w.pageErrors).toEqual([]);
    expect(w.cspViolations).toEqual([]);
  });
});
