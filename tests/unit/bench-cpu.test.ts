import { describe, it, expect } from 'vitest';
import { parseStat } from '../../bench/lib/cpu.ts';

describe('browser CPU time from /proc (bench:frames)', () => {
  // Fields after the command name: state, ppid, pgrp, session, tty, tpgid, flags, minflt, cminflt,
  // majflt, cmajflt, utime, stime, …
  it('reads the parent and user + system ticks', () => {
    expect(parseStat('4242 (chromium) S 4200 4242 4242 0 -1 4194560 100 0 0 0 250 31 0 0 20 0 12 0')).toEqual({ ppid: 4200, ticks: 281 });
  });

  it('counts fields after the last parenthesis, so a command name with spaces or parentheses does not shift them', () => {
    expect(parseStat('77 (Web Content (gpu)) R 12 77 77 0 -1 0 0 0 0 0 9 1 0 0')).toEqual({ ppid: 12, ticks: 10 });
  });

  it('gives null for a line that is not a stat line', () => {
    expect(parseStat('')).toBeNull();
    expect(parseStat('12 (x) S')).toBeNull();
  });
});
