/**
 * npm run draft:bench — how long the drafter takes (issue 12: a 2,000-word article must draft in
 * under 2 s on this machine). Measured here, never in a timed test.
 *
 * The article: the labelled set's texts (tests/fixtures/draft-eval) and the seed if present, one
 * after another, cut at 2,000 words on a paragraph boundary. Reports the one-off costs (reading
 * and parsing the gazetteer cache, building the index), the first draft (cold: compromise's and
 * chrono's lexicons warm up), then the median and max of 7 warm drafts.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Gazetteer, entriesOf } from '../src/lib/draft/gazetteer.ts';
import { draftStory } from '../src/lib/draft/draft.ts';
import { parsePublished } from '../src/lib/draft/dates.ts';
import { curatedEntries, loadGazetteerData, GAZETTEER_CACHE } from '../tools/draft/gazetteer.ts';
import { median } from './lib/stats.ts';

const SET = 'tests/fixtures/draft-eval';
const SEED = '/work/shared/seeds/000_63521e4cb5a8993a.txt';
const WORDS = 2000;

function article(): string {
  const texts = readdirSync(SET)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => readFileSync(join(SET, f), 'utf8'));
  if (existsSync(SEED)) texts.unshift(readFileSync(SEED, 'utf8'));
  const paragraphs = texts.flatMap((t) => t.split(/\n/).filter((l) => l.trim()));
  const out: string[] = [];
  let words = 0;
  for (let i = 0; words < WORDS; i++) {
    const p = paragraphs[i % paragraphs.length]!;
    out.push(p);
    words += p.split(/\s+/).length;
  }
  return out.join('\n\n');
}

const ms = (t0: number) => performance.now() - t0;
const f = (x: number) => `${Math.round(x)} ms`;
/** CPU time of this process since `c0` (ms): what the work costs, whatever else the cores are doing. */
const cpu = (c0: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(c0);
  return (d.user + d.system) / 1000;
};

loadGazetteerData(); // make sure the cache exists before timing its load
let t0 = performance.now();
let c0 = process.cpuUsage();
const data = JSON.parse(readFileSync(GAZETTEER_CACHE, 'utf8'));
const load = ms(t0);
const loadCpu = cpu(c0);
t0 = performance.now();
c0 = process.cpuUsage();
const gaz = new Gazetteer([...curatedEntries('geo'), ...entriesOf(data)]);
const index = ms(t0);
const indexCpu = cpu(c0);

const text = article();
const words = text.split(/\s+/).length;
const published = parsePublished('2025-02-01')!;
t0 = performance.now();
c0 = process.cpuUsage();
draftStory(text, gaz, { published });
const cold = ms(t0);
const coldCpu = cpu(c0);
const warm: number[] = [];
const warmCpu: number[] = [];
for (let i = 0; i < 7; i++) {
  t0 = performance.now();
  c0 = process.cpuUsage();
  draftStory(text, gaz, { published });
  warm.push(ms(t0));
  warmCpu.push(cpu(c0));
}
const loadAvg = (await import('node:os')).loadavg()[0]!;
console.log(`draft:bench — ${words}-word article, ${gaz.entries.length.toLocaleString('en')} gazetteer entries, load average ${loadAvg.toFixed(1)} (wall / CPU time)`);
console.log(`  gazetteer: read + parse ${f(load)} / ${f(loadCpu)}, index ${f(index)} / ${f(indexCpu)} (once per process or worker)`);
console.log(`  first draft (lexicons warming up): ${f(cold)} / ${f(coldCpu)}`);
console.log(`  warm drafts: median ${f(median(warm))} / ${f(median(warmCpu))}, max ${f(Math.max(...warm))} / ${f(Math.max(...warmCpu))} (7 runs)`);
const worst = Math.max(cold, ...warm);
console.log(`  goal < 2,000 ms per 2,000-word draft (index built once): ${worst < 2000 ? 'met' : 'NOT met'} in wall time (worst ${f(worst)}), ${Math.max(coldCpu, ...warmCpu) < 2000 ? 'met' : 'NOT met'} in CPU time`);
