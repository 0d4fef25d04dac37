import { describe, expect } from 'vitest';
import type { Page } from 'playwright-core';
import { it, openStory, settle } from './harness.ts';

type MapWindow = { __atlasMap: import('maplibre-gl').Map };

/** Place ids the map draws faded (feature-state), out of the given ones. */
const fadedOnMap = (page: Page, ids: string[]) =>
  page.evaluate(
    (all) => all.filter((id) => (window as unknown as MapWindow).__atlasMap.getFeatureState({ source: 'atlas-places', id }).faded === true),
    ids,
  );
const listedEvents = (page: Page) => page.locator('[data-testid="event-list"] a[data-event]').evaluateAll((as) => as.map((a) => a.getAttribute('data-event')));
const listedPlaces = (page: Page) => page.locator('.panel a[data-place]').evaluateAll((as) => as.map((a) => a.getAttribute('data-place')));
const ALL_POINTS = ['rafah', 'khan-younis', 'gaza-city', 'gaza-port', 'ramallah', 'ofer', 'beitunia', 'kerem-shalom', 'el-arish'];

describe('time and filters', () => {
  it('brushing a range on the timeline makes the map, the lists and the link agree', async ({ open }) => {
    const w = await open();
    await openStory(w.page);
    const axis = w.page.locator('.timeline .brush-area');
    const box = (await axis.boundingBox())!;
    // Zoom the axis in around 1 February 2025 with the wheel, as a person would, until that day
    // is wide, then brush along the axis across it.
    const reopening = w.page.locator('.timeline g[data-event="rafah-crossing-reopens"] rect');
    for (let i = 0; i < 30; i++) {
      const m = (await reopening.boundingBox())!;
      if (m.width > 60) break;
      await w.page.mouse.move(m.x + m.width / 2, m.y);
      await w.page.mouse.wheel(0, -100);
    }
    const mark = (await reopening.boundingBox())!;
    expect(mark.width).toBeGreaterThan(60);
    const y = box.y + box.height / 2;
    await w.page.mouse.move(mark.x + 4, y);
    await w.page.mouse.down();
    await w.page.mouse.move(mark.x + mark.width - 4, y, { steps: 5 });
    await w.page.mouse.up();
    await w.page.waitForFunction(() => location.hash.includes('from=2025-02-01') && location.hash.includes('to=2025-02-01'));
    await settle(w.page);
    const events = await listedEvents(w.page);
    expect(events).toHaveLength(11);
    expect(events).not.toContain('israel-seizes-rafah-crossing');
    expect(events).toContain('bus-from-ofer-to-ramallah');
    // Places with no event that day fade on the map and leave the place list.
    expect(await fadedOnMap(w.page, ALL_POINTS)).toEqual([]);
    const places = await listedPlaces(w.page);
    expect(places).toContain('ofer');
    await expect(w.page.locator('.filters .summary').textContent()).resolves.toContain('Showing 11 of 16 events');

    await w.page.locator('.sliders input').first().focus();
    // Keyboard: move the start a week earlier with the arrow keys.
    for (let i = 0; i < 7; i++) await w.page.keyboard.press('ArrowLeft');
    await w.page.waitForFunction(() => location.hash.includes('from=2025-01-25'));
    expect(w.pageErrors).toEqual([]);
  });

  it('reopens a link with a range and categories exactly, fading the places outside them', async ({ open }) => {
    const w = await open();
    await openStory(w.page, '#map=8/31.6/34.7&from=2024-05&to=2024-05&cat=military-operation,crossing-status');
    await expect(listedEvents(w.page)).resolves.toEqual(['egypt-closes-its-side', 'israel-seizes-rafah-crossing']);
    await expect(w.page.locator('.filters input[type=checkbox]:checked').count()).resolves.toBe(2);
    const faded = await fadedOnMap(w.page, ALL_POINTS);
    expect(faded).toEqual(ALL_POINTS.filter((id) => id !== 'rafah'));
    expect(w.page.url()).toContain('#map=8/31.6/34.7&from=2024-05&to=2024-05&cat=military-operation,crossing-status');
  });

  it('finds a place typed in Arabic script, and keeps the search in the link', async ({ open }) => {
    const w = await open();
    await openStory(w.page);
    await w.page.getByPlaceholder('Search places and events').fill('خان يونس');
    await w.page.waitForFunction(() => location.hash.includes('q='));
    await expect(listedPlaces(w.page)).resolves.toEqual(['khan-younis']);
    // Its events, including the detainees brought to it through Kerem Shalom, and Siegel's
    // handover, whose text names Khan Younis (in English, Arabic and Hebrew).
    await expect(listedEvents(w.page)).resolves.toEqual(['siegel-handover', 'gaza-detainees-released', 'kalderon-bibas-handover']);
    const link = w.page.url();
    const again = await open();
    await openStory(again.page, new URL(link).hash);
    await expect(again.page.getByPlaceholder('Search places and events').inputValue()).resolves.toBe('خان يونس');
    await expect(listedPlaces(again.page)).resolves.toEqual(['khan-younis']);
  });

  it('ignores bad filter values in a link with a notice, never an error', async ({ open }) => {
    const w = await open();
    await openStory(w.page, '#from=2025-02-30&to=soon&cat=not-a-category,context');
    const notices = await w.page.locator('.notice span').allTextContents();
    expect(notices.join(' ')).toMatch(/“from” date is not valid/);
    expect(notices.join(' ')).toMatch(/not in this story/);
    await expect(listedEvents(w.page)).resolves.toEqual(['hamas-attack-on-israel', 'palestinians-in-israeli-prisons']);
    expect(w.pageErrors).toEqual([]);
  });

  it('selects an event from the timeline everywhere: list, detail and map', async ({ open }) => {
    const w = await open();
    await openStory(w.page);
    await w.page.locator('.timeline g[data-event="hamas-attack-on-israel"]').click();
    await w.page.locator('.selected-event h2', { hasText: 'Hamas-led attack' }).waitFor();
    await expect(w.page.locator('[data-testid="event-list"] a[aria-current="true"]').getAttribute('data-event')).resolves.toBe('hamas-attack-on-israel');
    expect(w.page.url()).toContain('event=hamas-attack-on-israel');
  });
});
