import { describe, it, expect } from 'vitest';
import { fmtMs, fmtRatio, markdownTable } from '../../bench/lib/report.ts';

describe('the benchmark report', () => {
  it('prints a missing figure as n/a, never as a number', () => {
    expect(fmtMs(NaN)).toBe('n/a');
    expect(fmtMs(null)).toBe('n/a');
    expect(fmtRatio(Infinity, 'of bare')).toBe('n/a');
  });

  it('rounds milliseconds and groups thousands', () => {
    expect(fmtMs(1234.6)).toBe('1,235 ms');
  });

  it('makes a markdown table whose cells cannot break the table', () => {
    const md = markdownTable([{ scenario: '1', page: 'a|b', figure: 'x', ratio: '', note: 'two\nlines' }]);
    const lines = md.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('| 1 | a\\|b | x |  | two lines |');
  });
});
