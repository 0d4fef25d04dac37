import { describe, it, expect } from 'vitest';
import { basemapStyle } from '../../src/lib/map/style.ts';

describe('the embedded basemap style', () => {
  const base = 'http://localhost:4173/basemap/';

  it('fetches every source from the app itself', () => {
    const style = basemapStyle({ base });
    const urls = Object.values(style.sources).flatMap((s) =>
      'data' in s && typeof s.data === 'string' ? [s.data] : 'url' in s && s.url ? [s.url] : [],
    );
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) expect(url.startsWith(base)).toBe(true);
  });

  it('asks for no glyphs or sprite host, so labels use the page fonts', () => {
    const style = basemapStyle({ base });
    expect(style.glyphs).toBeUndefined();
    expect(style.sprite).toBeUndefined();
  });

  it('credits its data in the attribution', () => {
    const attributions = Object.values(basemapStyle({ base }).sources).map((s) => ('attribution' in s ? s.attribution : ''));
    expect(attributions.join(' ')).toContain('Natural Earth');
  });
});
