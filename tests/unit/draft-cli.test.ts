/**
 * npm run draft on bad input: one clear message naming the problem, exit code 1, no stack trace.
 * And on a good article: a draft folder that validate accepts with warnings.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError, parseArgs, readArticle } from '../../tools/draft/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'draft-cli-'));
const file = (name: string, content: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const draft = (...args: string[]) => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'tools/draft/cli.ts', ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const GOOD = 'Floods in Valencia\n\nOn Tuesday, floods hit Paiporta near Valencia in Spain, killing at least 40 people.\n';

describe('npm run draft on bad input', () => {
  // The checks themselves, in-process (spawning the CLI costs seconds each on a busy machine)…
  const message = (args: string[]) => {
    try {
      readArticle(parseArgs(args).file);
      return 'accepted';
    } catch (err) {
      expect(err).toBeInstanceOf(InputError);
      return (err as Error).message;
    }
  };
  const cases: [string, () => string[], RegExp][] = [
    ['an empty file', () => [file('empty.txt', '')], /the article is empty/],
    ['a binary file', () => [file('bin.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0xff, 0xfe, 0x00]))], /not UTF-8 text \(it looks like a binary file\)/],
    ['a binary file that happens to be UTF-8', () => [file('nul.txt', 'Head\u0000line\nbody\u0000\n')], /not plain text \(it looks like a binary file\)/],
    ['a 10 MB file', () => [file('big.txt', 'Headline\n' + 'word '.repeat(2_100_000))], /is 10\.5 MB; an article is at most 2 MB of text/],
    ['a text without paragraphs', () => [file('one.txt', 'Just one line of text with no paragraphs')], /no paragraphs: expected a headline on the first line/],
    ['a --published that is not a date', () => [file('ok.txt', GOOD), '--published', '2025-02-30'], /^--published "2025-02-30" is not a date: give a real calendar date as YYYY-MM-DD$/],
    ['an --id that is not a slug', () => [file('ok2.txt', GOOD), '--id', 'Not A Slug'], /--id "Not A Slug" is not a lowercase slug/],
    ['a missing file', () => [join(dir, 'nope.txt')], /^no such file: /],
    ['no file at all', () => [], /^no article given\nusage: npm run draft/],
  ];
  for (const [what, args, expected] of cases) {
    it(`refuses ${what} with a message that says what is wrong`, () => {
      expect(message(args())).toMatch(expected);
    });
  }
  // …and once through the real command: one line on stderr, exit 1, no stack trace.
  it('prints one message and exits 1, without a stack trace', { timeout: 120_000 }, () => {
    const r = draft(file('bad.txt', GOOD), '--published', 'yesterday');
    expect(r.code).toBe(1);
    expect(r.err).toBe('draft: --published "yesterday" is not a date: give a real calendar date as YYYY-MM-DD\n');
    expect(r.out).toBe('');
  });
});

describe('npm run draft on an article', () => {
  it('writes a folder that validate accepts with warnings, and reports places and events', { timeout: 300_000 }, () => {
    const out = join(dir, 'paiporta-floods');
    const r = draft(file('good.txt', GOOD), '--published', '2024-10-31', '--out', out);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/places \(\d+\):/);
    expect(r.out).toMatch(/paiporta: “Paiporta” → Paiporta \(ES\)/);
    expect(r.out).toMatch(/2024-10-29 ¶2/);
    const story = JSON.parse(readFileSync(join(out, 'story.json'), 'utf8'));
    expect(story.id).toBe('paiporta-floods');
    const v = spawnSync(process.execPath, ['--import', 'tsx', 'tools/validate.ts', out], { encoding: 'utf8' });
    expect(v.status).toBe(0);
    expect(v.stdout).toMatch(/0 errors, \d+ warnings: ok/);
    const b = spawnSync(process.execPath, ['--import', 'tsx', 'tools/validate.ts', '--build', out], { encoding: 'utf8' });
    expect(b.status).toBe(1);
    expect(b.stdout).toMatch(/review note from the drafter/);
  });
});
