/**
 * Browser-suite setup: build the app once, serve the build on a free port with the production
 * headers (CSP included), hand the URL to the tests, and stop the server afterwards.
 */
import { build, preview, type PreviewServer } from 'vite';
import type { TestProject } from 'vitest/node';
import { mkdirSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { findChromium, type FoundBrowser } from '../../tools/chromium.ts';
import { readStoryFolder, bundleOf } from '../../tools/story-files.ts';

const FIXTURES = 'tests/fixtures/stories';

/** Test stories (hostile strings, broken data) served at fixtures/<name>.json, for data= links. */
function publishFixtures(outDir: string): void {
  if (!existsSync(FIXTURES)) return;
  mkdirSync(join(outDir, 'fixtures'), { recursive: true });
  for (const name of readdirSync(FIXTURES)) {
    const folder = readStoryFolder(join(FIXTURES, name));
    writeFileSync(join(outDir, 'fixtures', `${name}.json`), JSON.stringify(bundleOf(folder)));
  }
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    chromium: FoundBrowser;
  }
}

let server: PreviewServer | undefined;

export async function setup(project: TestProject): Promise<void> {
  // Fail first, and clearly, when there is no browser to drive.
  const chromium = await findChromium();
  console.log(`browser tests: ${chromium.path} (${chromium.source})`);
  if (!process.env.ATLAS_SKIP_BUILD) {
    await build({ logLevel: 'warn', configFile: 'vite.config.ts' });
  }
  publishFixtures('dist');
  server = await preview({
    configFile: 'vite.config.ts',
    logLevel: 'warn',
    preview: { port: 0, strictPort: false, host: '127.0.0.1', open: false },
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('the preview server did not report a URL');
  project.provide('baseUrl', url);
  project.provide('chromium', chromium);
}

export async function teardown(): Promise<void> {
  await server?.close();
}
