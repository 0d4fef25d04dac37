import { describe, it, expect } from 'vitest';
import { findChromium, type FoundBrowser, type Lookups } from '../../tools/chromium.ts';

const NPM: FoundBrowser = { path: '/repo/node_modules/.cache/sparticuz-chromium-143.0.4/chromium', source: 'npm', env: { LD_LIBRARY_PATH: '/x' } };

/** A machine with these files (folders are implied by the paths) and, maybe, the npm Chromium. */
function machineWith(files: string[], { env = {}, npm = true, platform = 'linux' as NodeJS.Platform } = {}): Lookups & { npmAsked: number } {
  const lookups = {
    env,
    platform,
    home: '/home/reader',
    npmAsked: 0,
    exists: (path: string) => files.includes(path),
    list: (dir: string) => [
      ...new Set(files.filter((f) => f.startsWith(`${dir}/`)).map((f) => f.slice(dir.length + 1).split('/')[0]!)),
    ],
    npm: async () => {
      lookups.npmAsked++;
      return npm ? NPM : undefined;
    },
  };
  return lookups;
}

const PW = '/home/reader/.cache/ms-playwright';

describe('finding a browser for the browser tests', () => {
  it('takes CHROME_PATH first, over everything else installed', async () => {
    const m = machineWith(['/opt/my/chrome', '/usr/bin/chromium'], { env: { CHROME_PATH: '/opt/my/chrome' } });
    await expect(findChromium(m)).resolves.toEqual({ path: '/opt/my/chrome', source: 'CHROME_PATH' });
    expect(m.npmAsked).toBe(0);
  });

  it('fails with a message that names a CHROME_PATH that does not exist, not falling back', async () => {
    const m = machineWith(['/usr/bin/chromium'], { env: { CHROME_PATH: '/nowhere/chrome' } });
    await expect(findChromium(m)).rejects.toThrow('CHROME_PATH=/nowhere/chrome does not exist.');
  });

  it.each([
    [['/usr/bin/chromium', '/usr/bin/google-chrome'], '/usr/bin/chromium'],
    [['/usr/bin/chromium-browser'], '/usr/bin/chromium-browser'],
    [['/usr/bin/google-chrome'], '/usr/bin/google-chrome'],
    [['/usr/bin/google-chrome', `${PW}/chromium-1200/chrome-linux64/chrome`], '/usr/bin/google-chrome'],
  ])('takes a system browser next: %j → %s', async (files, expected) => {
    const m = machineWith(files);
    await expect(findChromium(m)).resolves.toEqual({ path: expected, source: 'system' });
    expect(m.npmAsked).toBe(0);
  });

  it('then Playwright’s newest Chromium, before its headless shell', async () => {
    const m = machineWith([
      `${PW}/chromium-1099/chrome-linux/chrome`,
      `${PW}/chromium-1200/chrome-linux64/chrome`,
      `${PW}/chromium_headless_shell-1300/chrome-headless-shell-linux64/chrome-headless-shell`,
      `${PW}/ffmpeg-1011/ffmpeg-linux`,
    ]);
    await expect(findChromium(m)).resolves.toEqual({ path: `${PW}/chromium-1200/chrome-linux64/chrome`, source: 'playwright' });
  });

  it('takes Playwright’s headless shell when that is all it has, from PLAYWRIGHT_BROWSERS_PATH when set', async () => {
    const shell = '/srv/pw/chromium_headless_shell-1300/chrome-headless-shell-linux64/chrome-headless-shell';
    const m = machineWith([shell, `${PW}/chromium-1200/chrome-linux64/chrome`], { env: { PLAYWRIGHT_BROWSERS_PATH: '/srv/pw' } });
    await expect(findChromium(m)).resolves.toEqual({ path: shell, source: 'playwright' });
  });

  it('falls back to the npm package’s Chromium, with the environment it needs', async () => {
    const m = machineWith(['/usr/bin/firefox']);
    await expect(findChromium(m)).resolves.toEqual(NPM);
    expect(m.npmAsked).toBe(1);
  });

  it('looks only where ATLAS_BROWSER says, even when a browser is found earlier in the order', async () => {
    const files = ['/usr/bin/chromium', `${PW}/chromium-1200/chrome-linux64/chrome`];
    await expect(findChromium(machineWith(files, { env: { ATLAS_BROWSER: 'npm' } }))).resolves.toEqual(NPM);
    await expect(findChromium(machineWith(files, { env: { ATLAS_BROWSER: 'playwright' } }))).resolves.toMatchObject({ source: 'playwright' });
    await expect(findChromium(machineWith([`${PW}/chromium-1200/chrome-linux64/chrome`], { env: { ATLAS_BROWSER: 'system' } }))).rejects.toThrow(
      'No Chromium found for the browser tests (ATLAS_BROWSER=system)',
    );
    await expect(findChromium(machineWith(files, { env: { ATLAS_BROWSER: 'firefox' } }))).rejects.toThrow('ATLAS_BROWSER=firefox is not one of');
  });

  it('says where it looked and how to get a browser when there is none', async () => {
    const err = await findChromium(machineWith([], { npm: false })).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    const message = (err as Error).message;
    expect(message).toContain('/usr/bin/chromium');
    expect(message).toContain('@sparticuz/chromium (not installed)');
    expect(message).toContain('CHROME_PATH=/path/to/chrome');
  });

  it('looks in the macOS places on a Mac', async () => {
    const chrome = '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome';
    await expect(findChromium(machineWith([chrome, '/usr/bin/chromium'], { platform: 'darwin' }))).resolves.toEqual({ path: chrome, source: 'system' });
  });
});
