/**
 * What the browser tests share: one Chromium per test file, pages that record console errors,
 * page errors, CSP violations and every request to another host, and helpers that wait on the
 * map's own events instead of sleeping.
 */
import { chromium, type Browser, type Page, type BrowserContextOptions } from 'playwright-core';
import { inject } from 'vitest';
import { CHROMIUM_ARGS } from './chromium.ts';

export const baseUrl = (): string => inject('baseUrl');

export async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: inject('chromiumPath'), headless: true, args: CHROMIUM_ARGS });
}

export interface Watched {
  page: Page;
  consoleErrors: string[];
  pageErrors: string[];
  foreignRequests: string[];
  cspViolations: string[];
}

/** A fresh page (own context: no shared storage) that records what went wrong. */
export async function openPage(browser: Browser, options: BrowserContextOptions = {}): Promise<Watched> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...options });
  const page = await context.newPage();
  const origin = new URL(baseUrl()).origin;
  const watched: Watched = { page, consoleErrors: [], pageErrors: [], foreignRequests: [], cspViolations: [] };
  page.on('console', (msg) => {
    if (msg.type() === 'error') watched.consoleErrors.push(msg.text());
  });
  page.on('pageerror', (err) => watched.pageErrors.push(String(err)));
  page.on('request', (req) => {
    const url = req.url();
    if (/^(data|blob):/.test(url)) return;
    if (new URL(url).origin !== origin) watched.foreignRequests.push(url);
  });
  await page.exposeFunction('__reportCsp', (text: string) => watched.cspViolations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __reportCsp: (t: string) => void }).__reportCsp(
        `${e.violatedDirective} ${e.blockedURI}`,
      );
    });
  });
  return watched;
}

/** Resolves once the app's map exists and has gone idle (all tiles and sources drawn). */
export async function waitForMapIdle(page: Page, timeout = 60_000): Promise<void> {
  await page.waitForFunction(() => Boolean((window as unknown as { __atlasMap?: unknown }).__atlasMap), null, {
    timeout,
  });
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const map = (window as unknown as { __atlasMap: import('maplibre-gl').Map }).__atlasMap;
        const done = () => {
          if (map.loaded() && !map.isMoving()) resolve();
          else map.once('idle', done);
        };
        done();
      }),
    undefined,
  );
}
