import { describe, expect } from 'vitest';
import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import type { Page, Download } from 'playwright-core';
import { it, test, openPage, openStory, clickAt, settle, baseUrl, type Watched } from './harness.ts';

type MapWindow = { __atlasMap: import('maplibre-gl').Map };
const KHAN_YOUNIS: [number, number] = [34.3031, 31.3444];

const cameraOf = (page: Page) =>
  page.evaluate(() => {
    const map = (window as unknown as MapWindow).__atlasMap;
    const c = map.getCenter();
    return { lng: c.lng, lat: c.lat, zoom: map.getZoom(), bearing: map.getBearing(), pitch: map.getPitch() };
  });

async function downloadOf(page: Page, name: string): Promise<Download> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name }).click()]);
  return file;
}

describe('sharing a view', () => {
  it('copies a link that reopens the same view, popup and event in a fresh tab', async ({ open }) => {
    const w = await open({ permissions: ['clipboard-read', 'clipboard-write'] });
    await openStory(w.page, '#map=9.5/31.42/34.38/25/30');
    await clickAt(w.page, KHAN_YOUNIS);
    await w.page.locator('.maplibregl-popup article').waitFor();
    await w.page.locator('.maplibregl-popup a', { hasText: 'Kalderon' }).click();
    await w.page.locator('.selected-event').waitFor();
    await settle(w.page);
    const before = await cameraOf(w.page);

    await w.page.getByRole('button', { name: 'Share' }).click();
    await w.page.getByRole('button', { name: 'Copy link' }).click();
    await w.page.locator('dialog .status', { hasText: 'Link copied.' }).waitFor();
    const link = await w.page.evaluate(() => navigator.clipboard.readText());
    expect(link).toMatch(/#map=9\.5\/31\.42\/34\.38\/25\/30&place=khan-younis&event=kalderon-bibas-handover$/);

    const fresh = await open();
    await fresh.page.goto(link);
    await fresh.page.locator('.maplibregl-popup article h2').waitFor();
    await settle(fresh.page);
    const after = await cameraOf(fresh.page);
    expect(after.zoom).toBeCloseTo(before.zoom, 2);
    expect(after.lng).toBeCloseTo(before.lng, 3);
    expect(after.lat).toBeCloseTo(before.lat, 3);
    expect(after.bearing).toBeCloseTo(before.bearing, 1);
    expect(after.pitch).toBeCloseTo(before.pitch, 0);
    await expect(fresh.page.locator('.maplibregl-popup article h2').textContent()).resolves.toBe('Khan Younis');
    await expect(fresh.page.locator('.selected-event h2').textContent()).resolves.toBe('Ofer Kalderon and Yarden Bibas handed to the Red Cross');
    expect(fresh.page.url()).toBe(link);
    expect([...w.pageErrors, ...fresh.pageErrors, ...w.consoleErrors, ...fresh.consoleErrors]).toEqual([]);
  });

  it('walks back and forward through selections, view included', async ({ open }) => {
    const w = await open();
    await openStory(w.page, '#map=8/31.5/34.6');
    const panel = w.page.locator('.panel');
    await panel.locator('a[data-place="rafah"]').click();
    await w.page.locator('.maplibregl-popup article').waitFor();
    await settle(w.page);
    const atRafah = w.page.url();
    await panel.locator('a[data-event="bus-from-ofer-to-ramallah"]').click();
    await w.page.locator('.selected-event').waitFor();
    await settle(w.page);
    const atBus = w.page.url();
    expect(atBus).toContain('event=bus-from-ofer-to-ramallah');
    expect(atBus).not.toContain('place=rafah');

    await w.page.goBack();
    await w.page.waitForFunction(() => location.hash.includes('place=rafah') && !document.querySelector('.selected-event'));
    await w.page.locator('.maplibregl-popup article h2', { hasText: 'Rafah' }).waitFor();
    await settle(w.page);
    expect(w.page.url()).toBe(atRafah);

    await w.page.goBack();
    await w.page.waitForFunction(() => !location.hash.includes('place='));
    await expect(w.page.locator('.maplibregl-popup').count()).resolves.toBe(0);

    await w.page.goForward();
    await w.page.goForward();
    await w.page.locator('.selected-event h2', { hasText: 'bus' }).waitFor();
    await settle(w.page);
    expect(w.page.url()).toBe(atBus);
    expect(w.pageErrors).toEqual([]);
  });

  it('pans without filling the history: the view is replaced, not pushed', async ({ open }) => {
    const w = await open();
    await openStory(w.page, '#map=8/31.5/34.6');
    const length = await w.page.evaluate(() => history.length);
    const started = Date.now();
    for (let i = 0; i < 5; i++) {
      await w.page.evaluate((i) => {
        (window as unknown as MapWindow).__atlasMap.jumpTo({ center: [34.6 + i * 0.05, 31.5] });
      }, i);
    }
    await w.page.waitForFunction(() => location.hash.startsWith('#map=8/31.5/34.8'), null, { polling: 50 });
    console.log(`pan → URL updated after ${Date.now() - started} ms`);
    expect(await w.page.evaluate(() => history.length)).toBe(length);
  });

  it('downloads a PNG of the map size, GeoJSON that validates and CSV that parses', async ({ open }) => {
    const w = await open({ acceptDownloads: true });
    await openStory(w.page);
    await w.page.getByRole('button', { name: 'Share' }).click();

    const png = readFileSync((await (await downloadOf(w.page, 'Map picture (PNG)')).path())!);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    const size = await w.page.evaluate(() => {
      const c = (window as unknown as MapWindow).__atlasMap.getCanvas();
      return [c.width, c.height];
    });
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual(size);

    const geo = JSON.parse(readFileSync((await (await downloadOf(w.page, 'Places and events (GeoJSON)')).path())!, 'utf8'));
    expect(geo.type).toBe('FeatureCollection');
    expect(geo.features.length).toBe(13);
    for (const f of geo.features) {
      expect(f.type).toBe('Feature');
      expect(['Point', 'Polygon', 'MultiPolygon']).toContain(f.geometry.type);
      expect(typeof f.properties.name).toBe('string');
    }
    const rafah = geo.features.find((f: { id: string }) => f.id === 'rafah');
    expect(rafah.geometry.coordinates).toEqual([34.2592, 31.2486]);
    expect(rafah.properties.events.map((e: { id: string }) => e.id)).toContain('rafah-crossing-reopens');

    const csv = readFileSync((await (await downloadOf(w.page, 'Events (CSV)')).path())!, 'utf8');
    const rows = parse(csv, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(16);
    expect(rows[0]!.id).toBe('hamas-attack-on-israel');
    expect(rows.find((r) => r.id === 'bus-from-ofer-to-ramallah')!.places).toBe('ofer:from; ramallah:to; beitunia:to');
    expect(w.pageErrors).toEqual([]);
  });

  it('embeds with compact chrome, attribution and a link to the full viewer', async ({ open }) => {
    const w = await open();
    await openStory(w.page, '#map=9/31.4/34.4&place=khan-younis&embed=1');
    await w.page.locator('.maplibregl-popup article').waitFor();
    await expect(w.page.locator('.panel').count()).resolves.toBe(0);
    await expect(w.page.locator('.maplibregl-ctrl-attrib').count()).resolves.toBe(1);
    const full = await w.page.getByRole('link', { name: /Open in Article Atlas/ }).getAttribute('href');
    expect(full).toMatch(/#map=9\/31\.4\/34\.4&place=khan-younis$/);
  });
});

/** Hashes a hostile or careless person could send. */
function hostileHashes(count: number): string[] {
  let seed = 7;
  const r = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
  const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)]!;
  const numbers = ['0', '-0', '1e308', '-1e308', 'Infinity', '-Infinity', 'NaN', '1e-400', '999999999', '-91', '90.0000001', '85.06', '180', '-180.5', '0x1f', '', ' ', '3.', '.5', '+2', '٣', '１'];
  const values = ['rafah', 'gaza-city', 'unknown-place', '<img src=x onerror=alert(1)>', '%3Cscript%3Ealert(1)%3C%2Fscript%3E', 'javascript:alert(1)', '%E0%A4%A', '%', '\u202e', '../../etc/passwd', 'a'.repeat(2000), '__proto__', 'constructor'];
  const keys = ['map', 'place', 'event', 'story', 'from', 'to', 'cat', 'q', 'data', 'embed', '__proto__', 'x', ''];
  const out = ['#map=3/0/Infinity', '#map=3/0/1e308', '#map=Infinity/Infinity/Infinity', '#&&&==&', '#map=////', '#%', '#map=3/0/0&map=4/1/1', '#data=https://evil.example.com/x.json', '#data=javascript:alert(1)'];
  while (out.length < count) {
    const parts: string[] = [];
    for (let i = 0, n = 1 + Math.floor(r() * 4); i < n; i++) {
      const key = pick(keys);
      if (key === 'map') {
        const k = r() < 0.3 ? 3 : 2 + Math.floor(r() * 5);
        parts.push(`map=${Array.from({ length: k }, () => (r() < 0.6 ? String(Math.round((r() * 2 - 1) * 200 * 100) / 100) : pick(numbers))).join('/')}`);
      } else {
        parts.push(`${key}=${pick(values)}`);
      }
    }
    out.push(`#${parts.join('&')}`);
  }
  return out;
}

describe('links that should break the app', () => {
  let w: Watched;
  // One page for the whole suite: it closes with the file's browser.
  test.beforeAll(async ({ browser }) => {
    w = await openPage(browser);
  });

  it('opens a link with unknown ids on the default view with a notice', async () => {
    await openStory(w.page, '#place=atlantis&event=nothing-happened');
    const notices = await w.page.locator('.notice span').allTextContents();
    expect(notices).toEqual(['The place “atlantis” in the link is not in this story.', 'The event “nothing-happened” in the link is not in this story.']);
    await expect(w.page.locator('.panel h1').count()).resolves.toBe(1);
  });

  // Ten cold loads of the whole app in software WebGL: on a busy 2-core machine that alone can
  // take a minute, so this test gets more time than the suite's default (it asserts no speed).
  it('survives 10 hostile links opened cold and 500 more typed into the address bar', async () => {
    const cold = 10;
    const hashes = hostileHashes(500 + cold);
    let dialogs = 0;
    w.page.on('dialog', (d) => {
      dialogs++;
      void d.dismiss();
    });
    for (const hash of hashes.slice(0, cold)) {
      await w.page.goto('about:blank');
      await w.page.goto(new URL(hash, baseUrl()).href);
      await w.page.locator('.panel h1').waitFor();
      await w.page.waitForFunction(() => (window as unknown as MapWindow).__atlasMap?.loaded(), null, { polling: 50 });
    }
    await openStory(w.page);
    const started = Date.now();
    for (const hash of hashes.slice(cold)) {
      await w.page.evaluate((h) => {
        location.hash = h;
      }, hash);
    }
    console.log(`fuzz: ${hashes.length - cold} hashchanges in ${Date.now() - started} ms`);
    await settle(w.page);
    // The map still works: it moves, draws, and its camera is finite.
    await w.page.evaluate(() => {
      (window as unknown as MapWindow).__atlasMap.jumpTo({ center: [34.4, 31.4], zoom: 9 });
    });
    await settle(w.page);
    const camera = await cameraOf(w.page);
    expect(Object.values(camera).every(Number.isFinite)).toBe(true);
    expect(camera.zoom).toBeCloseTo(9, 5);
    await clickAt(w.page, KHAN_YOUNIS);
    await w.page.locator('.maplibregl-popup article h2', { hasText: 'Khan Younis' }).waitFor();
    console.log(`fuzz: ${hashes.length} hashes (${cold} cold loads, ${hashes.length - cold} hashchanges), ${w.pageErrors.length} page errors, ${dialogs} dialogs`);
    expect(w.pageErrors).toEqual([]);
    expect(dialogs).toBe(0);
    expect(w.foreignRequests).toEqual([]);
  }, 240_000);
});
