/** Where the browser suite finds Chromium, and what it says when there is none. */
import { existsSync } from 'node:fs';

const HOW_TO_INSTALL =
  'Install one:\n' +
  '  Debian/Ubuntu:  sudo apt-get install -y chromium\n' +
  '  or a Playwright browser: npx playwright install chromium, then\n' +
  '  CHROME_PATH=/path/to/chrome npm test';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export function findChromium(): string {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROME_PATH=${fromEnv} does not exist.\n${HOW_TO_INSTALL}`);
    return fromEnv;
  }
  const found = CANDIDATES.find((p) => existsSync(p));
  if (found) return found;
  throw new Error(`No Chromium found for the browser tests (looked in ${CANDIDATES.join(', ')}).\n${HOW_TO_INSTALL}`);
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
