/**
 * `npm run browser`: prints the Chromium the browser tests and the benchmark will use (see
 * chromium.ts for the order it looks in), unpacking the npm one if that is the one; or says why
 * there is none and exits 1.
 */
import { findChromium } from './chromium.ts';

try {
  const found = await findChromium();
  console.log(`${found.path} (${found.source})`);
} catch (err) {
  console.error((err as Error).message);
  process.exitCode = 1;
}
