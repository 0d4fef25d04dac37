import { chromium } from 'playwright-core';
const base = process.argv[2];
const out = process.argv[3];
const which = process.argv.slice(4);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--use-gl=angle', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'] });
for (const spec of which) {
  const [lang, size, hash = ''] = spec.split(':');
  const viewport = size === 'phone' ? { width: 390, height: 844 } : { width: 1280, height: 800 };
  const ctx = await browser.newContext({ viewport, locale: 'en-US' });
  const page = await ctx.newPage();
  page.on('pageerror', (e) => console.log('pageerror', String(e)));
  page.on('console', (m) => m.type() === 'error' && console.log('console', m.text()));
  await page.goto(`${base}#${lang === "en" ? "" : "lang=" + lang + "&"}${hash}`);
  await page.waitForFunction(() => document.documentElement.hasAttribute('data-story-ready'), null, { timeout: 60000 });
  await page.evaluate(() => new Promise((r) => { const m = window.__atlasMap; const c = () => (m.loaded() && !m.isMoving() ? r() : m.once('idle', c)); c(); }));
  await page.waitForTimeout(500);
  await page.screenshot({ path: `${out}/${lang}-${size}.png` });
  await ctx.close();
}
await browser.close();
