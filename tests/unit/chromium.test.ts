import { describe, it, expect, afterEach } from 'vitest';
import { findChromium } from '../../tools/chromium.ts';

describe('finding a browser for the browser tests', () => {
  const saved = process.env.CHROME_PATH;
  afterEach(() => {
    if (saved === undefined) delete process.env.CHROME_PATH;
    else process.env.CHROME_PATH = saved;
  });

  it('fails with a message that names the missing path', () => {
    process.env.CHROME_PATH = '/nowhere/chrome';
    expect(() => findChromium()).toThrow('CHROME_PATH=/nowhere/chrome does not exist.');
  });

  it('uses CHROME_PATH when it exists', () => {
    process.env.CHROME_PATH = process.execPath;
    expect(findChromium()).toBe(process.execPath);
  });
});
