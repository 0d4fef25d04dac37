import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, writeFileSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseRange, serveStatic, type StaticServer } from '../../bench/server.ts';

describe('the benchmark’s static server', () => {
  let dir: string;
  let server: StaticServer;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'atlas-serve-'));
    mkdirSync(join(dir, 'app'));
    writeFileSync(join(dir, 'app', 'index.html'), '<!doctype html>');
    writeFileSync(join(dir, 'data.bin'), '0123456789');
    server = await serveStatic(dir, { '/app/': { 'Content-Security-Policy': "default-src 'self'" } });
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers a byte range with 206 and just those bytes', async () => {
    const res = await fetch(`${server.origin}/data.bin`, { headers: { Range: 'bytes=2-5' } });
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe('bytes 2-5/10');
    expect(await res.text()).toBe('2345');
  });

  it('answers an unsatisfiable range with 416', async () => {
    const res = await fetch(`${server.origin}/data.bin`, { headers: { Range: 'bytes=20-' } });
    expect(res.status).toBe(416);
    await res.arrayBuffer();
  });

  it('serves a folder’s index.html with the headers given for its path', async () => {
    const res = await fetch(`${server.origin}/app/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.headers.get('content-security-policy')).toBe("default-src 'self'");
    await res.text();
  });

  it('refuses paths that climb out of its folder', async () => {
    const res = await fetch(`${server.origin}/..%2f..%2fetc%2fpasswd`);
    expect([403, 404]).toContain(res.status);
    await res.arrayBuffer();
  });

  it('reads suffix and open ranges like HTTP says', () => {
    expect(parseRange('bytes=-3', 10)).toEqual({ start: 7, end: 9 });
    expect(parseRange('bytes=4-', 10)).toEqual({ start: 4, end: 9 });
    expect(parseRange('bytes=4-100', 10)).toEqual({ start: 4, end: 9 });
    expect(parseRange(undefined, 10)).toBeNull();
    expect(parseRange('bytes=5-2', 10)).toBe('bad');
  });
});
