/**
 * Where the browser tests, the benchmark and the screenshot tool find Chromium, in this order:
 *
 * 1. `CHROME_PATH`, when set (it must exist);
 * 2. a system Chromium or Chrome (/usr/bin/chromium, chromium-browser, google-chrome, …);
 * 3. a browser Playwright installed (`PLAYWRIGHT_BROWSERS_PATH`, else ~/.cache/ms-playwright);
 * 4. the Chromium shipped inside the optional npm dependency `@sparticuz/chromium` (Linux x64),
 *    unpacked once into node_modules/.cache with the few libraries it needs beside it.
 *
 * `ATLAS_BROWSER=system|playwright|npm` looks only in that one place (to check a source works
 * where another would be found first). What nothing was found says how to get a browser.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type LaunchOptions } from 'playwright-core';

export type BrowserSource = 'CHROME_PATH' | 'system' | 'playwright' | 'npm';

export interface FoundBrowser {
  path: string;
  source: BrowserSource;
  /** Environment the browser needs besides the caller's (libraries of the npm Chromium). */
  env?: Record<string, string>;
}

/** What the finder asks of the machine; the tests hand in their own. */
export interface Lookups {
  env: Record<string, string | undefined>;
  platform: NodeJS.Platform;
  home: string;
  exists(path: string): boolean;
  /** Names in a folder; [] when it does not exist. */
  list(dir: string): string[];
  /** The npm-shipped Chromium, unpacked; undefined when the package is not installed. */
  npm(): Promise<FoundBrowser | undefined>;
}

const SYSTEM: Partial<Record<NodeJS.Platform, string[]>> = {
  linux: [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/snap/bin/chromium',
    '/opt/google/chrome/chrome',
  ],
  darwin: [
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  ],
};

/** Executables inside a Playwright browser folder (chromium-1234, chromium_headless_shell-1234). */
const PLAYWRIGHT_LAYOUTS: Record<string, string[]> = {
  chromium: [
    'chrome-linux64/chrome',
    'chrome-linux/chrome',
    'chrome-mac-arm64/Chromium.app/Contents/MacOS/Chromium',
    'chrome-mac/Chromium.app/Contents/MacOS/Chromium',
  ],
  chromium_headless_shell: [
    'chrome-headless-shell-linux64/chrome-headless-shell',
    'chrome-linux/headless_shell',
    'chrome-headless-shell-mac-arm64/chrome-headless-shell',
    'chrome-mac/headless_shell',
  ],
};

const HOW_TO_GET_ONE =
  'Get one of:\n' +
  '  the npm Chromium (Linux x64): npm install (it is an optional dependency; check it was not omitted)\n' +
  '  Debian/Ubuntu:  sudo apt-get install -y chromium\n' +
  '  any Chromium or Chrome:  CHROME_PATH=/path/to/chrome npm test';

/** Playwright's browsers, newest revision first; the full Chromium before the headless shell. */
function playwrightBrowsers(l: Lookups): { root: string; paths: string[] } {
  const setting = l.env.PLAYWRIGHT_BROWSERS_PATH;
  const root = setting && setting !== '0' ? setting : join(l.home, l.platform === 'darwin' ? 'Library/Caches' : '.cache', 'ms-playwright');
  const found: string[] = [];
  for (const [kind, layouts] of Object.entries(PLAYWRIGHT_LAYOUTS)) {
    const revisions = l
      .list(root)
      .map((name) => new RegExp(`^${kind}-(\\d+)$`).exec(name))
      .filter((m): m is RegExpExecArray => m !== null)
      .sort((a, b) => Number(b[1]) - Number(a[1]));
    for (const m of revisions) {
      for (const layout of layouts) found.push(join(root, m[0], layout));
    }
  }
  return { root, paths: found };
}

export async function findChromium(l: Lookups = machine()): Promise<FoundBrowser> {
  const fromEnv = l.env.CHROME_PATH;
  if (fromEnv) {
    if (!l.exists(fromEnv)) throw new Error(`CHROME_PATH=${fromEnv} does not exist.\n${HOW_TO_GET_ONE}`);
    return { path: fromEnv, source: 'CHROME_PATH' };
  }
  const only = l.env.ATLAS_BROWSER;
  if (only && !['system', 'playwright', 'npm'].includes(only)) {
    throw new Error(`ATLAS_BROWSER=${only} is not one of system, playwright, npm.`);
  }
  const tried: string[] = [];
  const firstOf = (paths: string[], source: BrowserSource): FoundBrowser | undefined => {
    const path = paths.find((p) => l.exists(p));
    return path ? { path, source } : undefined;
  };
  const system = (): FoundBrowser | undefined => {
    const paths = SYSTEM[l.platform] ?? [];
    tried.push(...paths);
    return firstOf(paths, 'system');
  };
  const playwright = (): FoundBrowser | undefined => {
    const { root, paths } = playwrightBrowsers(l);
    tried.push(`${root}/chromium-*, chromium_headless_shell-* (Playwright's browsers)`);
    return firstOf(paths, 'playwright');
  };
  const found =
    (!only || only === 'system' ? system() : undefined) ??
    (!only || only === 'playwright' ? playwright() : undefined) ??
    (!only || only === 'npm' ? await l.npm() : undefined);
  if (found) return found;
  if (!only || only === 'npm') tried.push('the npm package @sparticuz/chromium (not installed)');
  throw new Error(
    `No Chromium found for the browser tests${only ? ` (ATLAS_BROWSER=${only})` : ''}. Looked at:\n  ${tried.join('\n  ')}\n${HOW_TO_GET_ONE}`,
  );
}

/** The finder's questions, asked of this machine. */
export function machine(): Lookups {
  return {
    env: process.env,
    platform: process.platform,
    home: homedir(),
    exists: existsSync,
    list: (dir) => {
      try {
        return readdirSync(dir);
      } catch {
        return [];
      }
    },
    npm: npmChromium,
  };
}

/**
 * Unpacks the Chromium of `@sparticuz/chromium` (Linux x64 only) into node_modules/.cache, once
 * per version. The package unpacks into the system's temp folder and, on Amazon Linux, adds the
 * NSS and expat libraries it links against; we point its temp folder at our cache for the call and
 * always take those libraries (Debian without a system Chromium lacks them), handing the browser
 * their folder in LD_LIBRARY_PATH rather than changing this process's environment.
 */
async function npmChromium(): Promise<FoundBrowser | undefined> {
  if (process.platform !== 'linux' || process.arch !== 'x64') return undefined;
  let entry: string;
  try {
    entry = createRequire(import.meta.url).resolve('@sparticuz/chromium');
  } catch {
    return undefined;
  }
  const version = packageVersion(entry, '@sparticuz/chromium');
  const cache = join(dirname(fileURLToPath(import.meta.url)), '..', 'node_modules', '.cache', `sparticuz-chromium-${version}`);
  // Named through a variable: the package is optional, so its types may be missing too.
  const specifier = '@sparticuz/chromium';
  const { default: packaged } = (await import(specifier)) as { default: { executablePath(): Promise<string> } };
  const saved = { TMPDIR: process.env.TMPDIR, AWS_EXECUTION_ENV: process.env.AWS_EXECUTION_ENV };
  // Only for this call: os.tmpdir() → our cache; "Amazon Linux" → unpack the libraries too.
  process.env.TMPDIR = cache;
  process.env.AWS_EXECUTION_ENV = 'AWS_Lambda_nodejs20.x';
  let path: string;
  try {
    mkdirSync(cache, { recursive: true });
    path = await packaged.executablePath();
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
  const libs = join(cache, 'al2023', 'lib');
  const inherited = process.env.LD_LIBRARY_PATH;
  return { path, source: 'npm', env: { LD_LIBRARY_PATH: inherited ? `${libs}:${inherited}` : libs } };
}

/** The version of the package `name`, from the package.json above one of its files. */
function packageVersion(file: string, name: string): string {
  for (let dir = dirname(file); dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (!existsSync(manifest)) continue;
    const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
    if (pkg.name === name && pkg.version) return pkg.version;
  }
  throw new Error(`no package.json of ${name} above ${file}`);
}

/** Launch flags that give WebGL through SwiftShader and keep Chromium off the network. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--use-gl=angle',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-dev-shm-usage',
  // Several pages share one browser in a test file: keep every one of them rendering.
  '--disable-renderer-backgrounding',
  '--disable-background-timer-throttling',
  '--disable-backgrounding-occluded-windows',
];

/** Launches a found browser headless with our flags (plus `args`), in the environment it needs. */
export function launchChromium(found: FoundBrowser, { args = [], ...options }: LaunchOptions = {}): Promise<Browser> {
  return chromium.launch({
    ...options,
    executablePath: found.path,
    headless: true,
    args: [...CHROMIUM_ARGS, ...args],
    ...(found.env ? { env: { ...process.env, ...found.env } } : {}),
  });
}
