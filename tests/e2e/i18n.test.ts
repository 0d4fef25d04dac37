/**
 * Arabic and Hebrew readers: the interface in their language, right to left, on a desktop and a
 * phone; the language from the link, the browser or the chooser; a missing message in English.
 */
import { describe, expect } from 'vitest';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { it, openStory, settle, pixelOf } from './harness.ts';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');

const PLACES = JSON.parse(readFileSync('geo/rafah-crossing-2025-02-01/places.geojson', 'utf8')) as {
  features: { id: string; geometry: { type: string; coordinates: [number, number] } }[];
};
const at = (id: string): [number, number] => PLACES.features.find((f) => f.id === id)!.geometry.coordinates;
const EVENTS = JSON.parse(readFileSync('geo/rafah-crossing-2025-02-01/events.json', 'utf8')) as {
  id: string;
  figures?: { notes?: unknown[] }[];
  notes?: unknown[];
  translations: Record<string, { title: string }>;
}[];

const DESKTOP = { width: 1280, height: 800 };

/** The unit the map's scale is written in ("km", "كم", "ק״מ"): its text without the number. */
const scaleUnit = async (page: Page) => ((await page.locator('.maplibregl-ctrl-scale').textContent()) ?? '').replace(/[\d\s.,]/g, '');
const PHONE = { width: 390, height: 844 };
const SIZES = [
  ['desktop', DESKTOP],
  ['phone', PHONE],
] as const;

/**
 * Interface text a person sees (text nodes, plus aria-label, title and placeholder of visible
 * elements) that is in Latin letters. Story content and credits are left out: text inside
 * [data-content] or the map's attribution, and text whose element says it is in another language
 * (a `lang` other than the interface's, as on an untranslated English title).
 */
async function latinInterfaceText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const ui = document.documentElement.lang;
    const excluded = (el: Element | null): boolean => {
      if (!el) return true;
      if (el.closest('[data-content], .maplibregl-ctrl-attrib, script, style, noscript')) return true;
      const tagged = el.closest('[lang]');
      return Boolean(tagged && tagged !== document.documentElement && tagged.getAttribute('lang') !== ui);
    };
    const visible = (el: Element): boolean => {
      const r = el.getBoundingClientRect();
      if (r.width <= 0 || r.height <= 0 || r.bottom < 0 || r.right < 0 || r.top > innerHeight || r.left > innerWidth) return false;
      const s = getComputedStyle(el);
      return s.visibility !== 'hidden' && s.display !== 'none' && Number(s.opacity) > 0;
    };
    const found: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      const text = n.textContent ?? '';
      if (!/[A-Za-z]/.test(text) || !el || excluded(el) || !visible(el)) continue;
      // Visually hidden text (for screen readers) is interface text too.
      found.push(`${el.tagName.toLowerCase()}: ${text.trim()}`);
    }
    for (const el of document.querySelectorAll('[aria-label], [title], [placeholder]')) {
      if (excluded(el) || !visible(el)) continue;
      for (const attr of ['aria-label', 'title', 'placeholder']) {
        const v = el.getAttribute(attr);
        if (v && /[A-Za-z]/.test(v)) found.push(`${el.tagName.toLowerCase()}[${attr}]: ${v}`);
      }
    }
    return found;
  });
}

async function axeSeriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
    // The map canvas is drawn by WebGL: axe's colour checks cannot read it.
    const result = await axe.run({ exclude: [['.maplibregl-canvas']] }, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  });
}

const panelBox = (page: Page) => page.locator('aside.panel').boundingBox();
const mapBox = (page: Page) => page.locator('.map-box').boundingBox();

for (const lang of ['ar', 'he'] as const) {
  for (const [size, viewport] of SIZES) {
    describe(`lang=${lang} at ${viewport.width}×${viewport.height}`, () => {
      it('is right to left, with the panel on the right (a bottom sheet on a phone) and the map controls mirrored', async ({ open }) => {
        const w = await open({ viewport });
        await openStory(w.page, `#lang=${lang}`);
        const html = await w.page.evaluate(() => ({ lang: document.documentElement.lang, dir: document.documentElement.dir }));
        expect(html).toEqual({ lang, dir: 'rtl' });
        const panel = (await panelBox(w.page))!;
        const map = (await mapBox(w.page))!;
        if (size === 'desktop') {
          // The panel is on the right of the map, against the right edge of the window.
          expect(panel.x).toBeGreaterThanOrEqual(map.x + map.width - 1);
          expect(panel.x + panel.width).toBeCloseTo(viewport.width, 0);
        } else {
          // A bottom sheet across the width, below the map.
          expect(panel.y).toBeGreaterThanOrEqual(map.y + map.height - 1);
          expect(panel.width).toBeCloseTo(viewport.width, 0);
        }
        // MapLibre's zoom buttons sit on the top left, away from the panel; the app's tools top right.
        const zoom = (await w.page.locator('.maplibregl-ctrl-zoom-in').boundingBox())!;
        expect(zoom.x).toBeLessThan(map.x + map.width / 2);
        const tools = (await w.page.locator('.map-tools').boundingBox())!;
        expect(tools.x + tools.width).toBeGreaterThan(map.x + map.width / 2);
        // Headings of the panel start on the right.
        const heading = await w.page.locator('.story-head h1').evaluate((el) => getComputedStyle(el).direction);
        expect(heading).toBe('rtl');
        expect(w.pageErrors).toEqual([]);
      });

      it('leaves no interface string in English', async ({ open }) => {
        const w = await open({ viewport });
        await openStory(w.page, `#lang=${lang}`);
        expect(await latinInterfaceText(w.page)).toEqual([]);
        // With an event chosen (its card, its details) and the place popup open.
        await openStory(w.page, `#lang=${lang}&place=gaza-city&event=siegel-handover`);
        expect(await latinInterfaceText(w.page)).toEqual([]);
      });

      it('has no serious or critical accessibility violation (axe)', async ({ open }) => {
        // axe is injected as a script, which the app's CSP would refuse.
        const w = await open({ viewport, bypassCSP: true });
        await openStory(w.page, `#lang=${lang}&place=gaza-city`);
        expect(await axeSeriousViolations(w.page)).toEqual([]);
      });
    });
  }

  it(`lang=${lang}: a place popup lists its events in the reader's language`, async ({ open }) => {
    const w = await open({ viewport: DESKTOP });
    await openStory(w.page, `#lang=${lang}&place=rafah`);
    const popup = w.page.locator('.maplibregl-popup');
    await popup.waitFor();
    const rows = await popup.locator('ol.events a').evaluateAll((links) =>
      links.map((a) => {
        const title = a.querySelector('span [lang]')!;
        return { lang: title.getAttribute('lang'), dir: title.getAttribute('dir'), text: title.textContent ?? '', marked: Boolean(a.querySelector('.untranslated')) };
      }),
    );
    expect(rows.length).toBeGreaterThan(2);
    for (const row of rows) {
      expect(row).toMatchObject({ lang, dir: 'rtl', marked: false });
      expect(row.text).not.toMatch(/[A-Za-z]/);
    }
    // Its heading counts them with the language's plural rule, and the title is the Arabic/Hebrew name.
    expect(await popup.locator('h2').textContent()).toBe(lang === 'ar' ? 'معبر رفح' : 'מעבר רפיח');
    expect(await w.page.title()).not.toMatch(/[A-Za-z]/);
  });

  it(`lang=${lang}: every event reads in the reader's language: title, summary, figures, notes, their sources and the article's source`, async ({ open }) => {
    const w = await open({ viewport: DESKTOP });
    await openStory(w.page, `#lang=${lang}`);
    const script = lang === 'ar' ? /\p{Script=Arabic}/u : /\p{Script=Hebrew}/u;
    // The article's source under the story's title.
    const source = w.page.locator('.story-head .when bdi[data-content] [lang]').first();
    expect(await source.getAttribute('lang')).toBe(lang);
    expect(await source.textContent()).toMatch(script);
    for (const e of EVENTS) {
      await w.page.evaluate((hash) => (location.hash = hash), `#lang=${lang}&event=${e.id}`);
      const detail = w.page.locator('article.detail');
      await expect.poll(() => detail.locator('h2').textContent(), { timeout: 20_000 }).toBe(e.translations[lang]!.title);
      const seen = await detail.evaluate((el) => {
        const box = el.getBoundingClientRect();
        return {
          onScreen: box.width > 0 && box.height > 0 && box.top < innerHeight && box.left < innerWidth && box.right > 0,
          markers: el.querySelectorAll('.untranslated').length,
          // Every piece of story text in the detail, with the language its element says it is in.
          texts: [...el.querySelectorAll('[data-content] [lang], h2 [lang], .summary [lang]')].map((t) => ({ lang: t.getAttribute('lang'), text: t.textContent ?? '' })),
          figures: [...el.querySelectorAll('ul.figures strong')].map((f) => f.textContent ?? ''),
          notes: el.querySelectorAll('p.note').length,
        };
      });
      expect(seen.onScreen, e.id).toBe(true);
      expect(seen.markers, e.id).toBe(0);
      for (const t of seen.texts) {
        expect(t.lang, `${e.id}: ${t.text}`).toBe(lang);
        expect(t.text, e.id).toMatch(script);
      }
      // A figure is its number and qualifier in the interface language, and its translated label.
      expect(seen.figures, e.id).toHaveLength(e.figures?.length ?? 0);
      for (const f of seen.figures) expect(f, e.id).not.toMatch(/[A-Za-z]/);
      expect(seen.notes, e.id).toBe((e.notes?.length ?? 0) + (e.figures ?? []).reduce((n, f) => n + (f.notes?.length ?? 0), 0));
    }
    expect(w.pageErrors).toEqual([]);
  });

  it(`lang=${lang}: an event's places are framed clear of the mirrored controls and tools`, async ({ open }) => {
    const w = await open({ viewport: DESKTOP });
    await openStory(w.page, `#lang=${lang}`);
    await w.page.locator('.panel a[data-event="bus-from-ofer-to-ramallah"]').click();
    await settle(w.page);
    const covers = await w.page.evaluate(() =>
      [...document.querySelectorAll('[data-covers-map], .maplibregl-ctrl')].map((el) => {
        const r = el.getBoundingClientRect();
        return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
      }),
    );
    const map = (await mapBox(w.page))!;
    for (const ll of ['ofer', 'ramallah', 'beitunia'].map(at)) {
      const p = await pixelOf(w.page, ll);
      expect(p.x).toBeGreaterThan(map.x);
      expect(p.x).toBeLessThan(map.x + map.width);
      expect(p.y).toBeGreaterThan(map.y);
      expect(p.y).toBeLessThan(map.y + map.height);
      for (const c of covers) expect(p.x >= c.left && p.x <= c.right && p.y >= c.top && p.y <= c.bottom, JSON.stringify({ p, c })).toBe(false);
    }
  });
}

describe('choosing the language', () => {
  it('a link with lang=ar reopens in Arabic after a reload, and the link keeps lang', async ({ open }) => {
    const w = await open();
    await openStory(w.page, '#lang=ar&place=gaza-city');
    expect(new URL(w.page.url()).hash).toContain('lang=ar');
    await w.page.reload();
    await w.page.waitForFunction(() => document.documentElement.hasAttribute('data-story-ready'));
    expect(await w.page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['ar', 'rtl']);
    expect(await w.page.locator('#events-heading').textContent()).toBe('الأحداث');
    expect(new URL(w.page.url()).hash).toContain('lang=ar');
  });

  it('without lang, the browser languages choose, and the link does not name one', async ({ open }) => {
    const w = await open({ locale: 'he-IL' });
    await openStory(w.page, '#place=gaza-city');
    expect(await w.page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    expect(await w.page.locator('#events-heading').textContent()).toBe('אירועים');
    expect(new URL(w.page.url()).hash).not.toContain('lang=');
    // A language we do not have: English, left to right; a bad lang in the link is ignored.
    const v = await open({ locale: 'fr-FR' });
    await openStory(v.page, '#lang=xx&place=gaza-city');
    expect(await v.page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['en', 'ltr']);
    expect(await v.page.locator('#events-heading').textContent()).toBe('Events');
    expect(v.pageErrors).toEqual([]);
  });

  it('the chooser switches the interface by keyboard, without reloading, and shared links then carry lang', async ({ open }) => {
    const w = await open({ locale: 'en-US' });
    await openStory(w.page, '#place=gaza-city');
    expect(new URL(w.page.url()).hash).not.toContain('lang=');
    const select = w.page.locator('.map-tools select').last();
    // The same map throughout: a switch retitles it, it does not make a new one.
    await w.page.evaluate(() => ((window as unknown as { __atlasMap: { sameMap?: boolean } }).__atlasMap.sameMap = true));
    await select.focus();
    // Keyboard: the options are English, العربية, עברית; two steps down is Hebrew.
    await w.page.keyboard.press('ArrowDown');
    await w.page.keyboard.press('ArrowDown');
    await w.page.waitForFunction(() => document.documentElement.lang === 'he');
    expect(await w.page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await expect.poll(() => w.page.locator('#events-heading').textContent()).toBe('אירועים');
    await expect.poll(() => new URL(w.page.url()).hash).toContain('lang=he');
    // The map kept its story layers, and its controls moved to the left.
    expect(await w.page.evaluate(() => Boolean((window as unknown as { __atlasMap: import('maplibre-gl').Map }).__atlasMap.getLayer('atlas-places-label')))).toBe(true);
    const zoom = (await w.page.locator('.maplibregl-ctrl-zoom-in').boundingBox())!;
    expect(zoom.x).toBeLessThan(640);
    expect(await w.page.locator('.maplibregl-ctrl-zoom-in').getAttribute('title')).toBe('התקרבות');
    // The scale's unit too (MapLibre draws it from the map's own table), and a popup's close button.
    const scale = w.page.locator('.maplibregl-ctrl-scale');
    const unit = () => scaleUnit(w.page);
    const closeLabel = () => w.page.locator('.maplibregl-popup-close-button').first().getAttribute('aria-label');
    await expect.poll(unit).toMatch(/^(ק״מ|מ׳)$/);
    const box = (await scale.boundingBox())!;
    expect(box.x >= 0 && box.y >= 0 && box.x + box.width <= 1280 && box.y + box.height <= 800).toBe(true);
    await w.page.locator('.panel a[data-place="rafah"]').click();
    await expect.poll(closeLabel).toBe('סגירת החלון הקופץ');
    // Hebrew to Arabic: the same side, so the scale is redrawn where it is.
    await select.selectOption('ar');
    await w.page.waitForFunction(() => document.documentElement.lang === 'ar');
    await expect.poll(unit).toMatch(/^(كم|م)$/);
    // Back to English.
    await select.selectOption('en');
    await w.page.waitForFunction(() => document.documentElement.dir === 'ltr');
    await expect.poll(() => w.page.locator('#events-heading').textContent()).toBe('Events');
    await expect.poll(unit).toMatch(/^(km|m)$/);
    await w.page.locator('.panel a[data-place="gaza-city"]').click();
    await expect.poll(closeLabel).toBe('Close popup');
    expect(await w.page.evaluate(() => (window as unknown as { __atlasMap: { sameMap?: boolean } }).__atlasMap.sameMap)).toBe(true);
    expect(w.pageErrors).toEqual([]);
  });

  it('a map opened in Arabic keeps its map and layers when switched to Hebrew, with the scale in Hebrew', async ({ open }) => {
    const w = await open();
    await openStory(w.page, '#lang=ar&place=rafah');
    const unit = () => scaleUnit(w.page);
    await expect.poll(unit).toMatch(/^(كم|م)$/);
    await w.page.evaluate(() => ((window as unknown as { __atlasMap: { sameMap?: boolean } }).__atlasMap.sameMap = true));
    await w.page.locator('.map-tools select').last().selectOption('he');
    await w.page.waitForFunction(() => document.documentElement.lang === 'he');
    await expect.poll(unit).toMatch(/^(ק״מ|מ׳)$/);
    const map = await w.page.evaluate(() => {
      const m = (window as unknown as { __atlasMap: import('maplibre-gl').Map & { sameMap?: boolean } }).__atlasMap;
      return { same: m.sameMap, layer: Boolean(m.getLayer('atlas-places-circle')) };
    });
    expect(map).toEqual({ same: true, layer: true });
    expect(w.pageErrors).toEqual([]);
  });

  it('the basemap\'s town labels lead with the interface language where the tiles have it, and follow a switch', async ({ open }) => {
    const w = await open();
    await openStory(w.page, '#lang=he&map=10/31.42/34.36');
    await settle(w.page);
    type Shown = { field: string; towns: Record<string, string>[] };
    const shown = () =>
      w.page.evaluate((): Shown => {
        const map = (window as unknown as { __atlasMap: import('maplibre-gl').Map }).__atlasMap;
        const layers = ['place-label', 'detail-place-label'].filter((id) => map.getLayer(id));
        return {
          field: JSON.stringify(map.getLayoutProperty('detail-place-label', 'text-field')),
          towns: map.queryRenderedFeatures({ layers }).map((f) => f.properties as Record<string, string>),
        };
      });
    const he = await shown();
    expect(he.field).toContain('name_he');
    // Towns on screen carry a Hebrew name to lead with (the tiles' names: tests/unit/basemap-build.test.ts).
    expect(he.towns.filter((t) => t.name_he).length).toBeGreaterThan(0);
    await w.page.locator('.map-tools select').last().selectOption('ar');
    await w.page.waitForFunction(() => document.documentElement.lang === 'ar');
    await expect.poll(async () => (await shown()).field).toContain('name_ar');
    await settle(w.page);
    const ar = await shown();
    expect(ar.towns.filter((t) => t.name_ar).length).toBeGreaterThan(0);
    // The story's own layers crossed the style swap.
    expect(await w.page.evaluate(() => Boolean((window as unknown as { __atlasMap: import('maplibre-gl').Map }).__atlasMap.getLayer('atlas-places-label')))).toBe(true);
    expect(w.pageErrors).toEqual([]);
  });

  it('a language that cannot be loaded leaves the page as it was, says so, and puts the chooser back', async ({ open }) => {
    const w = await open({ locale: 'en-US' });
    await w.page.route(/\/assets\/ar-[\w-]+\.json$/, (route) => route.fulfill({ status: 503, body: 'unavailable' }));
    await openStory(w.page, '#place=rafah');
    const select = w.page.locator('.map-tools select').last();
    await select.selectOption('ar');
    const notice = w.page.locator('.notices', { hasText: 'العربية could not be loaded' });
    await notice.waitFor();
    const box = (await notice.boundingBox())!;
    expect(box.y >= 0 && box.y + box.height <= 800 && box.x >= 0 && box.x + box.width <= 1280).toBe(true);
    await expect.poll(() => select.inputValue()).toBe('en');
    expect(await w.page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['en', 'ltr']);
    await expect(w.page.locator('.share-control .button').textContent()).resolves.toBe('Share');
    expect(new URL(w.page.url()).hash).not.toContain('lang=');
    // The place stays chosen, and the reader can try another language.
    expect(new URL(w.page.url()).hash).toContain('place=rafah');
    await select.selectOption('he');
    await w.page.waitForFunction(() => document.documentElement.lang === 'he');
    expect(w.pageErrors).toEqual([]);
  });

  it('a message missing from the Arabic catalogue shows in English, and the layout holds', async ({ open }) => {
    const w = await open();
    // The real catalogue, less one message: as a translation not yet done would be.
    await w.page.route(/\/assets\/ar-[\w-]+\.json$/, async (route) => {
      const res = await route.fetch();
      const catalogue = (await res.json()) as Record<string, Record<string, unknown>>;
      delete catalogue.panel!.eventsHeading;
      await route.fulfill({ response: res, json: catalogue });
    });
    await openStory(w.page, '#lang=ar');
    expect(await w.page.locator('#events-heading').textContent()).toBe('Events');
    expect(await w.page.locator('#places-heading').textContent()).toBe('الأماكن');
    expect(await w.page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    // The English heading sits inside the panel, on its right, where the Arabic one would be.
    const panel = (await panelBox(w.page))!;
    const heading = (await w.page.locator('#events-heading').boundingBox())!;
    expect(heading.x).toBeGreaterThanOrEqual(panel.x);
    expect(heading.x + heading.width).toBeLessThanOrEqual(panel.x + panel.width);
    expect(heading.height).toBeLessThan(40);
    const list = (await w.page.locator('[data-testid="event-list"]').boundingBox())!;
    expect(list.y).toBeGreaterThan(heading.y + heading.height - 1);
    expect(w.pageErrors).toEqual([]);
  });

  it('an English reader downloads no Arabic or Hebrew catalogue and no i18n library; choosing Arabic fetches both, once', async ({ open }) => {
    const w = await open({ locale: 'en-US' });
    const fetched: string[] = [];
    w.page.on('request', (r) => fetched.push(r.url()));
    await openStory(w.page, '#place=gaza-city&event=siegel-handover');
    const catalogues = () => fetched.filter((u) => /\/(ar|he)-[\w-]+\.json$/.test(u));
    // The chunk that merges catalogues over the English (translated.ts, with @nanostores/i18n).
    const engine = () => fetched.filter((u) => /\/translated-[\w-]+\.js$/.test(u));
    expect(catalogues()).toEqual([]);
    expect(engine()).toEqual([]);
    expect(await w.page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['en', 'ltr']);
    const select = w.page.locator('.map-tools select').last();
    await select.selectOption('ar');
    await w.page.waitForFunction(() => document.documentElement.dir === 'rtl');
    // A part of the first screen and a part loaded on demand (the share control's) both follow.
    const share = w.page.locator('.share-control .button');
    const mapArea = w.page.locator('main.map-area');
    await expect(share.textContent()).resolves.toBe('مشاركة');
    await expect(mapArea.getAttribute('aria-label')).resolves.toBe('الخريطة');
    await select.selectOption('en');
    await w.page.waitForFunction(() => document.documentElement.dir === 'ltr');
    await expect(share.textContent()).resolves.toBe('Share');
    await expect(mapArea.getAttribute('aria-label')).resolves.toBe('Map');
    await select.selectOption('ar');
    await w.page.waitForFunction(() => document.documentElement.dir === 'rtl');
    expect(catalogues().map((u) => u.split('/').pop()!.split('-')[0])).toEqual(['ar']);
    expect(engine()).toHaveLength(1);
  });
});
