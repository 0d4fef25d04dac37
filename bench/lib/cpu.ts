/**
 * CPU time used by this process's descendants (the browser it launched: its renderers and its GPU
 * process, where SwiftShader draws), read from /proc. On a shared machine a frame's wall time
 * grows with the other work there; the CPU time it takes grows much less. Linux only: elsewhere
 * `browserCpuMs` returns null.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ: 100 on Linux). */
const TICKS_PER_S = 100;

export interface Stat {
  ppid: number;
  /** utime + stime, in ticks. */
  ticks: number;
}

/**
 * The parent and the CPU ticks (user + system) of one /proc/<pid>/stat line. The command name
 * (field 2) is in parentheses and may hold spaces and parentheses: fields are counted after its
 * last `)`. Null for a line that does not parse.
 */
export function parseStat(text: string): Stat | null {
  const close = text.lastIndexOf(')');
  if (close < 0) return null;
  const rest = text.slice(close + 2).split(' ');
  const stat = { ppid: Number(rest[1]), ticks: Number(rest[11]) + Number(rest[12]) };
  return Number.isFinite(stat.ppid) && Number.isFinite(stat.ticks) ? stat : null;
}

function readStat(pid: number): Stat | null {
  try {
    return parseStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return null;
  }
}

/** Milliseconds of CPU used so far by every living descendant of this process; null off Linux. */
export function browserCpuMs(): number | null {
  let pids: number[];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number);
  } catch {
    return null;
  }
  const stats = new Map<number, Stat>();
  for (const pid of pids) {
    const s = readStat(pid);
    if (s) stats.set(pid, s);
  }
  const mine = new Set<number>([process.pid]);
  // Parents before children is not guaranteed by pid order: repeat until nothing is added.
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, s] of stats) {
      if (!mine.has(pid) && mine.has(s.ppid)) {
        mine.add(pid);
        grew = true;
      }
    }
  }
  let ticks = 0;
  for (const pid of mine) if (pid !== process.pid) ticks += stats.get(pid)!.ticks;
  return (ticks * 1000) / TICKS_PER_S;
}
