/**
 * The newsroom's editor (edit.html), as a person uses it: paste an article, check the drafted
 * places on the map, fix events, export a story folder that validates, builds and opens in the
 * viewer with the edits; a reload keeps the work; hostile text runs nothing.
 */
import { expect } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { preview } from 'vite';
import type { Page } from 'playwright-core';
import { baseUrl, test } from './harness.ts';

const run = promisify(execFile);
/** EDITOR_SHOTS=<folder>: keep a screenshot of each step there (for the closing note). */
const shot = async (page: Page, name: string) => {
  if (process.env.EDITOR_SHOTS) await page.screenshot({ path: join(process.env.EDITOR_SHOTS, name) });
};
const SEED = readFileSync('tests/fixtures/articles/rafah-seed.txt', 'utf8');

interface EditorWindow {
  __editor: {
    doc: { bundle: { places: { features: { id: string; geometry: { coordinates: number[] }; properties: { name: string } }[] }; events: { id: string; title: string; places: { id: string }[] }[]; story: { id: string } } | null; article: string };
    drafting: boolean;
    saved: boolean;
    restored: boolean;
  };
  __atlasMap: {
    project(p: [number, number]): { x: number; y: number };
    loaded(): boolean;
    once(e: string, f: () => void): void;
    areTilesLoaded(): boolean;
    queryRenderedFeatures(o: { layers: string[] }): { properties: { id: string } }[];
    getCanvas(): HTMLCanvasElement;
  };
}

async function openEditor(page: Page): Promise<void> {
  await page.goto(`${baseUrl()}edit.html`);
  await page.waitForFunction(() => (window as unknown as EditorWindow).__editor?.restored === true, null, { timeout: 60_000 });
}

/** Pastes the text as a person would (into the article box) and waits for the draft. */
async function paste(page: Page, text: string): Promise<void> {
  const box = page.getByTestId('article-input');
  await box.focus();
  // What a paste does to a text box: its value changes and it fires one input event.
  await page.evaluate((t) => {
    const el = document.querySelector<HTMLTextAreaElement>('[data-testid=article-input]')!;
    el.value = t;
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, text);
}

async function waitForDraft(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const e = (window as unknown as EditorWindow).__editor;
      return Boolean(e.doc.bundle) && !e.drafting;
    },
    null,
    { timeout: 120_000 },
  );
}

/** Waits for the map to have drawn everything (its own idle event). */
async function mapIdle(page: Page): Promise<void> {
  await page.waitForFunction(() => Boolean((window as unknown as EditorWindow).__atlasMap?.loaded()), null, { timeout: 60_000 });
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const map = (window as unknown as EditorWindow).__atlasMap;
        map.once('idle', () => resolve());
        // Nothing to draw: idle came already; a repaint asks for another.
        (map as unknown as { triggerRepaint(): void }).triggerRepaint();
      }),
  );
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A place's row in the list: its name, then its confidence. */
const row = (name: string) => new RegExp(`^${escape(name)}\\s+\\d+%`);
const places = (page: Page) => page.evaluate(() => (window as unknown as EditorWindow).__editor.doc.bundle!.places.features);

/** The editor opened, the seed article pasted, and its draft drawn on the map. */
async function draftSeed(page: Page): Promise<void> {
  await openEditor(page);
  await paste(page, SEED);
  await waitForDraft(page);
  await mapIdle(page);
}

test('pasting the seed article shows its five key places as candidates, on the map and in the list', async ({ open }) => {
  const w = await open();
  const { page } = w;
  await draftSeed(page);
  const list = page.getByRole('list', { name: 'Places' });
  const drawn = await page.evaluate(() => (window as unknown as EditorWindow).__atlasMap.queryRenderedFeatures({ layers: ['editor-points'] }).map((f) => f.properties.id));
  const all = await places(page);
  for (const name of [/Rafah (border )?crossing/i, /Khan Younis/i, /Gaza City/i, /Ramallah/i, /Ofer prison/i]) {
    await expect.poll(() => list.getByRole('button', { name }).first().isVisible()).toBe(true);
    const place = all.find((f) => name.test(f.properties.name));
    expect(place, `a place named ${name}`).toBeDefined();
    expect(drawn).toContain(place!.id);
  }
  // Confidence is shown with each candidate.
  await expect.poll(() => list.getByRole('button', { name: /Khan Younis/ }).first().textContent()).toMatch(/\d+%/);
  // Choosing a place highlights the sentence it came from, as text.
  await list.getByRole('button', { name: /Ofer prison/i }).first().click();
  const mark = page.getByTestId('article-text').locator('mark');
  await expect.poll(() => mark.textContent()).toMatch(/Ofer prison/);
  await shot(page, 'e2e-1-candidates.png');
  expect(w.pageErrors).toEqual([]);
  expect(w.foreignRequests).toEqual([]);
  expect(w.cspViolations).toEqual([]);
});

test('the editor\'s map follows the system turning dark, and keeps the drafted places drawn', async ({ open }) => {
  const w = await open();
  const { page } = w;
  await draftSeed(page);
  const sea = () =>
    page.evaluate(() => {
      const map = (window as unknown as EditorWindow).__atlasMap as unknown as { getPaintProperty(l: string, p: string): unknown };
      return String(map.getPaintProperty('background', 'background-color'));
    });
  const drawn = () =>
    page.evaluate(() => (window as unknown as EditorWindow).__atlasMap.queryRenderedFeatures({ layers: ['editor-points'] }).length);
  const lightSea = await sea();
  const before = await drawn();
  expect(before).toBeGreaterThan(0);
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect.poll(sea, { timeout: 30_000 }).not.toBe(lightSea);
  await mapIdle(page);
  await expect.poll(drawn, { timeout: 30_000 }).toBe(before);
  expect(w.pageErrors).toEqual([]);
});

test('a reload mid-edit keeps the work, and a malformed file is refused by name with the work kept', async ({ open }) => {
  const { page, pageErrors } = await open();
  await openEditor(page);
  await paste(page, SEED);
  await waitForDraft(page);
  await page.getByRole('list', { name: 'Places' }).getByRole('button', { name: /Khan Younis/ }).first().click();
  const name = page.locator('input[data-field$=":properties.name"]');
  await name.fill('Khan Yunis (edited)');
  // Undo and redo walk the edit back and forth.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect.poll(() => page.locator('input[data-field$=":properties.name"]').inputValue()).toBe('Khan Younis');
  await page.keyboard.press('Control+Shift+Z');
  await expect.poll(() => page.locator('input[data-field$=":properties.name"]').inputValue()).toBe('Khan Yunis (edited)');
  await page.reload();
  await page.waitForFunction(() => (window as unknown as EditorWindow).__editor?.restored === true, null, { timeout: 60_000 });
  await expect.poll(() => page.getByRole('list', { name: 'Places' }).getByRole('button', { name: /Khan Yunis \(edited\)/ }).isVisible()).toBe(true);
  expect(await page.getByTestId('article-input').inputValue()).toBe(SEED);


  // An area: the Gaza Strip takes the outline the basemap draws.
  await page.getByRole('list', { name: 'Places' }).getByRole('button', { name: /^Gaza Strip/ }).first().click();
  await page.getByRole('button', { name: 'Make it an area' }).click();
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { __editor: { doc: { bundle: { places: { features: { properties: { name: string }; geometry: { type: string } }[] } } } } }).__editor.doc.bundle.places.features.find((f) => f.properties.name === 'Gaza Strip')!.geometry.type), { timeout: 30_000 })
    .toMatch(/Polygon/);

  // A problem's link takes the keyboard to its field.
  await page.getByRole('tab', { name: /Problems/ }).click();
  await page.locator('.problems button').first().click();
  await expect.poll(() => page.evaluate(() => document.activeElement?.closest('[data-field]')?.getAttribute('data-field') ?? '')).not.toBe('');

  // A broken places.geojson beside good files: refused, named, nothing lost.
  await page.getByTestId('open-files').setInputFiles([
    { name: 'story.json', mimeType: 'application/json', buffer: Buffer.from('{"id":"x"}') },
    { name: 'places.geojson', mimeType: 'application/json', buffer: Buffer.from('{"type": "FeatureCollection", "features": [') },
    { name: 'events.json', mimeType: 'application/json', buffer: Buffer.from('[]') },
  ]);
  await expect.poll(() => page.getByTestId('notice').textContent()).toMatch(/places\.geojson is not valid JSON/);
  expect(await page.getByTestId('notice').getAttribute('role')).toBe('alert');
  await page.getByRole('tab', { name: /Places/ }).click();
  await expect.poll(() => page.getByRole('list', { name: 'Places' }).getByRole('button', { name: /Khan Yunis \(edited\)/ }).isVisible()).toBe(true);
  expect(pageErrors).toEqual([]);
});

test('hostile text pasted as an article runs nothing and is shown as text', async ({ open }) => {
  const w = await open();
  const { page } = w;
  let dialogs = 0;
  page.on('dialog', (d) => {
    dialogs++;
    void d.dismiss();
  });
  // Every string of the hostile fixture story, one per line, under a headline naming real places.
  const strings: string[] = [];
  const collect = (v: unknown): void => {
    if (typeof v === 'string') strings.push(v);
    else if (Array.isArray(v)) v.forEach(collect);
    else if (v && typeof v === 'object') Object.values(v).forEach(collect);
  };
  for (const f of ['story.json', 'places.geojson', 'events.json']) collect(JSON.parse(readFileSync(`tests/fixtures/stories/hostile/${f}`, 'utf8')));
  const text = [
    'Strike near Gaza City <script>window.__pwned=1</script>',
    ...strings.map((s, i) => `On January ${(i % 27) + 1}, 2025, people fled from Khan Younis to Rafah. ${s}`),
    '<img src=x onerror="window.__pwned=2"> <iframe src="https://example.org/"></iframe> <a href="javascript:window.__pwned=3">link</a>',
  ].join('\n');
  await openEditor(page);
  await paste(page, text);
  await waitForDraft(page);
  await mapIdle(page);
  await page.getByRole('tab', { name: /Events/ }).click();
  await page.getByRole('list', { name: 'Events' }).getByRole('button').first().click();
  // The markup is on screen as text; no element came from it.
  await expect.poll(() => page.getByTestId('article-text').textContent()).toContain('<script>window.__pwned=1</script>');
  expect(await page.locator('#app script, #app iframe, #app img').count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(dialogs).toBe(0);
  expect(w.pageErrors).toEqual([]);
  expect(w.foreignRequests).toEqual([]);
  expect(w.cspViolations).toEqual([]);
});

test('an event is translated in its form: right to left fields, written into the file, and the problems list names what the language still lacks', async ({ open }) => {
  const w = await open();
  const { page } = w;
  await draftSeed(page);
  await page.getByRole('tab', { name: /Events/ }).click();
  await page.getByRole('list', { name: 'Events' }).getByRole('button').first().click();
  const id = await page.locator('#event-heading .id').textContent();
  await page.getByText('Translations', { exact: true }).click();
  await page.getByText(/^Arabic \(ar\) · 0 of \d+ texts$/).click();
  const field = page.locator(`[data-field="event:${id}:translations.ar.title"]`);
  // The field is on screen, right to left, in Arabic, and nothing covers it.
  await field.scrollIntoViewIfNeeded();
  expect(await field.evaluate((el) => ({ lang: el.getAttribute('lang'), dir: getComputedStyle(el).direction }))).toEqual({ lang: 'ar', dir: 'rtl' });
  const box = (await field.boundingBox())!;
  expect(await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.getAttribute('data-field'), { x: box.x + box.width / 2, y: box.y + box.height / 2 })).toBe(`event:${id}:translations.ar.title`);
  await field.fill('عنوان بالعربية');
  const event = () =>
    page.evaluate((eventId) => (window as unknown as { __editor: { doc: { bundle: { events: { id: string; translations?: unknown }[] } } } }).__editor.doc.bundle.events.find((e) => e.id === eventId), id);
  await expect.poll(async () => (await event())?.translations).toEqual({ ar: { title: 'عنوان بالعربية' } });
  await expect.poll(() => page.getByText(/^Arabic \(ar\) · 1 of \d+ texts$/).isVisible()).toBe(true);
  // One event in Arabic: the others are named as missing their title in it.
  await page.getByRole('tab', { name: /Problems/ }).click();
  await expect.poll(() => page.locator('section[aria-labelledby=problems-heading]').textContent()).toMatch(/the title is in "ar" on 1 of \d+ events/);
  // Cleared again: the language goes from the file (an empty one would be refused).
  await page.getByRole('tab', { name: /Events/ }).click();
  await page.locator(`[data-field="event:${id}:translations.ar.title"]`).fill('');
  await expect.poll(async () => (await event())?.translations).toBeUndefined();
  expect(w.pageErrors).toEqual([]);
});

test('a 5 MB paste keeps the page responsive and gets a message instead of a draft', async ({ open }) => {
  const { page, pageErrors } = await open();
  await openEditor(page);
  const big = `Headline\n${'The crossing at Rafah was open on Monday and people went through it to Egypt. '.repeat(66_000)}`;
  expect(big.length).toBeGreaterThan(5_000_000);
  await paste(page, big);
  await expect.poll(() => page.getByTestId('notice').textContent(), { timeout: 60_000 }).toMatch(/million characters/);
  // The page still answers: a click on a tab switches it at once.
  await page.getByRole('tab', { name: /Story/ }).click();
  expect(await page.getByRole('tab', { name: /Story/ }).getAttribute('aria-selected')).toBe('true');
  expect(pageErrors).toEqual([]);
});

test('reject, drag, edit, resolve everything through the UI, export: the files validate, build and open in the viewer with the edits', { timeout: 600_000 }, async ({ open }) => {
  const w = await open({ acceptDownloads: true });
  const { page } = w;
  await openEditor(page);
  const started = Date.now();
  await paste(page, SEED);
  await waitForDraft(page);
  await mapIdle(page);
  const placeList = page.getByRole('list', { name: 'Places' });

  // Reject a wrong candidate: the drafter's least sure place that is not one of the story's key places.
  const doc = await page.evaluate(() => {
    const e = (window as unknown as { __editor: { doc: { places: Record<string, { confidence?: number }>; bundle: { places: { features: { id: string; properties: { name: string } }[] } } } } }).__editor;
    return e.doc.bundle.places.features.map((f) => ({ id: f.id, name: f.properties.name, confidence: e.doc.places[f.id]?.confidence ?? 1 }));
  });
  const key = /Rafah|Khan Younis|Gaza City|Ramallah|Ofer/i;
  const wrong = doc.filter((p) => !key.test(p.name)).sort((a, b) => a.confidence - b.confidence)[0]!;
  await placeList.getByRole('button', { name: row(wrong.name) }).click();
  await page.getByRole('button', { name: 'Reject', exact: true }).click();
  await expect.poll(async () => (await places(page)).some((f) => f.id === wrong.id)).toBe(false);
  await shot(page, 'e2e-2-rejected.png');

  // Drag Khan Younis on the map a little to the east.
  await placeList.getByRole('button', { name: /Khan Younis/ }).first().click();
  const khan = (await places(page)).find((f) => /Khan Younis/.test(f.properties.name))!;
  await mapIdle(page);
  const box = (await page.locator('.map canvas').boundingBox())!;
  const at = await page.evaluate((c) => (window as unknown as EditorWindow).__atlasMap.project(c as [number, number]), khan.geometry.coordinates);
  const x = box.x + at.x;
  const y = box.y + at.y;
  expect(await page.evaluate(([px, py]) => document.elementFromPoint(px!, py!)?.tagName, [x, y])).toBe('CANVAS');
  await page.mouse.move(x, y);
  await page.mouse.down();
  // A few pixels: a small correction, as a person makes after zooming in.
  for (let i = 1; i <= 4; i++) await page.mouse.move(x + i, y + i / 2);
  await page.mouse.up();
  await expect.poll(async () => (await places(page)).find((f) => f.id === khan.id)!.geometry.coordinates[0]).toBeGreaterThan(khan.geometry.coordinates[0]!);
  const moved = (await places(page)).find((f) => f.id === khan.id)!.geometry.coordinates;
  await shot(page, 'e2e-3-dragged.png');

  // Every place: a description in our own words, then accepted.
  for (const f of await places(page)) {
    await placeList.getByRole('button', { name: row(f.properties.name) }).click();
    await page.locator('textarea[data-field$=":properties.description"]').fill(`${f.properties.name}, one of the places in this story.`);
    await page.getByRole('button', { name: 'Accept', exact: true }).click();
  }

  // Events: keep two whose places all survived, write them, delete the rest.
  await page.getByRole('tab', { name: /Events/ }).click();
  const events = await page.evaluate(() => (window as unknown as EditorWindow).__editor.doc.bundle!.events.map((e) => ({ id: e.id, places: e.places.length })));
  const keep = events.filter((e) => e.places > 0).slice(0, 2).map((e) => e.id);
  expect(keep.length).toBe(2);
  const eventList = page.getByRole('list', { name: 'Events' });
  for (const e of events) {
    if (keep.includes(e.id)) continue;
    const index = (await page.evaluate(() => (window as unknown as EditorWindow).__editor.doc.bundle!.events.map((x) => x.id))).indexOf(e.id);
    await eventList.getByRole('button').nth(index).click();
    await page.getByRole('button', { name: 'Delete event' }).click();
  }
  const titles = ['Rafah crossing opens for patients', 'Released prisoners reach Ramallah'];
  for (const [n, id] of keep.entries()) {
    await eventList.getByRole('button').nth(n).click();
    await page.locator(`input[data-field="event:${id}:date"]`).fill('2025-02-01');
    await page.locator(`input[data-field="event:${id}:title"]`).fill(titles[n]!);
    await page.locator(`textarea[data-field="event:${id}:summary"]`).fill('Written by the editor, in the newsroom’s own words.');
    const figures = page.getByRole('button', { name: /^Remove figure/ });
    while ((await figures.count()) > 0) await figures.first().click();
    await page.getByRole('button', { name: 'Mark checked' }).click();
  }
  // One more edit of the first event: its category.
  await eventList.getByRole('button').first().click();
  await page.locator(`select[data-field="event:${keep[0]}:category"]`).selectOption('medical-evacuation');
  await shot(page, 'e2e-4-event.png');

  // The story itself.
  await page.getByRole('tab', { name: 'Story' }).click();
  await page.locator('input[data-field="story::title"]').fill('Rafah opens for patients as captives and prisoners are exchanged');
  await page.locator('input[data-field="story::source.name"]').fill('Test Newsroom');
  await page.locator('input[data-field="story::published.date"]').fill('2025-02-01');
  const confirm = page.getByRole('button', { name: /The date is right/ });
  if (await confirm.count()) await confirm.click();

  // Nothing left: the problems tab says so.
  await page.getByRole('tab', { name: /Problems/ }).click();
  await expect.poll(() => page.getByTestId('valid').isVisible(), { timeout: 10_000 }).toBe(true);
  await shot(page, 'e2e-5-valid.png');

  // The preview: the viewer opens this story from the editor's blob, as readers will see it.
  const [previewPage] = await Promise.all([page.context().waitForEvent('page'), page.getByRole('button', { name: 'Preview' }).click()]);
  await expect.poll(() => previewPage.getByText(titles[0]!).first().isVisible(), { timeout: 90_000 }).toBe(true);
  expect(previewPage.url()).toMatch(/#.*data=blob/);
  await shot(previewPage, 'e2e-5b-preview.png');
  await previewPage.close();

  // Export the zip.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export zip' }).click()]);
  const zip = readFileSync(await download.path());
  // Reported, never asserted (speed is measured in npm run bench): the scripted path's wall time.
  console.log(`editor: seed text pasted → valid story exported in ${((Date.now() - started) / 1000).toFixed(1)} s (scripted, this machine)`);
  const files = unzipSync(new Uint8Array(zip));
  const storyId = await page.evaluate(() => (window as unknown as EditorWindow).__editor.doc.bundle!.story.id);

  const tmp = mkdtempSync(join(tmpdir(), 'atlas-editor-'));
  try {
    const geo = join(tmp, 'geo');
    for (const [name, data] of Object.entries(files)) {
      mkdirSync(join(geo, name.split('/').slice(0, -1).join('/')), { recursive: true });
      writeFileSync(join(geo, name), data);
    }
    expect(Object.keys(files).sort()).toEqual([`${storyId}/events.json`, `${storyId}/places.geojson`, `${storyId}/story.json`]);
    // npm run validate, as the build runs it (review notes and placeholders refused).
    const validated = await run('npx', ['tsx', 'tools/validate.ts', '--build', join(geo, storyId)]).catch((e: { stdout: string; stderr: string }) => {
      throw new Error(`validate failed:\n${e.stdout}\n${e.stderr}`);
    });
    expect(validated.stdout).toMatch(/0 errors.*ok/);
    const events = JSON.parse(strFromU8(files[`${storyId}/events.json`]!)) as { title: string; category: string }[];
    expect(events.map((e) => e.title)).toEqual(titles);

    // Built into a site of its own, with only this story in geo/.
    const outDir = join(tmp, 'dist');
    await run('npx', ['vite', 'build', '--logLevel', 'warn', '--outDir', outDir, '--emptyOutDir'], { env: { ...process.env, ATLAS_GEO: geo }, maxBuffer: 1 << 24 });
    const server = await preview({ configFile: 'vite.config.ts', logLevel: 'warn', build: { outDir }, preview: { port: 0, strictPort: false, host: '127.0.0.1', open: false } });
    try {
      const url = server.resolvedUrls!.local[0]!;
      const viewer = await open();
      await viewer.page.goto(`${url}#place=${khan.id}`);
      await viewer.page.waitForFunction(() => document.querySelector('[data-testid=place-popup], .maplibregl-popup') !== null, null, { timeout: 90_000 }).catch(() => undefined);
      // The edited events are the story's events, with our titles.
      for (const title of titles) await expect.poll(() => viewer.page.getByText(title).first().isVisible(), { timeout: 60_000 }).toBe(true);
      // The dragged place is where we put it.
      const where = await viewer.page.evaluate(async (id) => {
        const res = await fetch(`stories/${id}.json`);
        return ((await res.json()) as { places: { features: { id: string; geometry: { coordinates: number[] } }[] } }).places.features;
      }, storyId);
      expect(where.find((f) => f.id === khan.id)!.geometry.coordinates).toEqual(moved);
      expect(where.some((f) => f.id === wrong.id)).toBe(false);
      await shot(viewer.page, 'e2e-6-viewer.png');
      expect(viewer.pageErrors).toEqual([]);
    } finally {
      await server.close();
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  expect(w.pageErrors).toEqual([]);
  expect(w.foreignRequests).toEqual([]);
});
