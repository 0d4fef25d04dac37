/**
 * Writes a seeded synthetic story bundle (one JSON file) for benchmarks and scale tests.
 *
 *   npm run synth -- --events 100000 --seed 1 --out .bench/data/synth-100k.json [--place-ratio 0.5]
 */
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { generateSynthBundle, bundleJsonChunks, type SynthOptions } from './lib/synth.ts';

/** Writes the bundle to `out` in pieces (a 1M-event bundle is larger than a V8 string may be). */
export async function writeSynthBundle(options: SynthOptions, out: string): Promise<{ places: number; events: number; bytes: number }> {
  const bundle = generateSynthBundle(options);
  mkdirSync(dirname(out), { recursive: true });
  const stream = createWriteStream(out);
  let bytes = 0;
  for (const chunk of bundleJsonChunks(bundle)) {
    bytes += Buffer.byteLength(chunk);
    if (!stream.write(chunk)) await once(stream, 'drain');
  }
  stream.end();
  await once(stream, 'finish');
  return { places: bundle.places.features.length, events: bundle.events.length, bytes };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      events: { type: 'string', default: '10000' },
      seed: { type: 'string', default: '1' },
      out: { type: 'string' },
      'place-ratio': { type: 'string', default: '0.5' },
    },
  });
  const events = Number(values.events);
  const seed = Number(values.seed);
  const placeRatio = Number(values['place-ratio']);
  if (!values.out || !Number.isInteger(events) || events < 1 || !Number.isFinite(seed)) {
    console.error('usage: npm run synth -- --events <n> --seed <n> --out <file.json> [--place-ratio 0.5]');
    process.exit(2);
  }
  const t0 = performance.now();
  const r = await writeSynthBundle({ events, seed, placeRatio }, values.out);
  const s = ((performance.now() - t0) / 1000).toFixed(1);
  console.log(`${values.out}: ${r.events} events, ${r.places} places, ${(r.bytes / 1e6).toFixed(1)} MB in ${s} s`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
