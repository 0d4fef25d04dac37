/**
 * npm run draft -- <article.txt> [--published YYYY-MM-DD] [--id slug] [--out drafts/<id>]
 *
 * Drafts a story folder from a plain-text article (headline on the first line, paragraphs on the
 * following lines, blank lines allowed) and prints a report: each place with the gazetteer entry
 * chosen, its coordinates, confidence and other candidates; each event; everything a person must
 * decide. Bad input gets one message and exit code 1, never a stack trace.
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { draftStory, type Draft } from '../../src/lib/draft/draft.ts';
import { checkArticleText } from '../../src/lib/draft/text.ts';
import { parsePublished } from '../../src/lib/draft/dates.ts';
import { SLUG_PATTERN } from '../../src/lib/story/schema.ts';
import { formatIssue, validateBundle } from '../../src/lib/story/validate.ts';
import { loadGazetteer } from './gazetteer.ts';

export const MAX_ARTICLE_BYTES = 2_000_000;
const USAGE = 'usage: npm run draft -- <article.txt> [--published YYYY-MM-DD] [--id slug] [--out drafts/<id>]';

export class InputError extends Error {}

export interface CliArgs {
  file: string;
  published?: Date;
  id?: string;
  out?: string;
}

export function parseArgs(argv: string[]): CliArgs {
  const args: Partial<CliArgs> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new InputError(`${a} needs a value\n${USAGE}`);
      return v;
    };
    if (a === '--published') {
      const v = value();
      const d = parsePublished(v);
      if (!d) throw new InputError(`--published "${v}" is not a date: give a real calendar date as YYYY-MM-DD`);
      args.published = d;
    } else if (a === '--id') {
      const v = value();
      if (!SLUG_PATTERN.test(v)) throw new InputError(`--id "${v}" is not a lowercase slug (a-z, 0-9, single hyphens)`);
      args.id = v;
    } else if (a === '--out') args.out = value();
    else if (a.startsWith('--')) throw new InputError(`unknown option ${a}\n${USAGE}`);
    else if (args.file === undefined) args.file = a;
    else throw new InputError(`one article at a time (got "${args.file}" and "${a}")\n${USAGE}`);
  }
  if (!args.file) throw new InputError(`no article given\n${USAGE}`);
  return args as CliArgs;
}

/** Reads the article, refusing what is not a plain-text article of reasonable size. */
export function readArticle(file: string): string {
  if (!existsSync(file)) throw new InputError(`no such file: ${file}`);
  const st = statSync(file);
  if (st.isDirectory()) throw new InputError(`${file} is a folder, not an article file`);
  if (st.size > MAX_ARTICLE_BYTES) throw new InputError(`${file} is ${(st.size / 1e6).toFixed(1)} MB; an article is at most ${MAX_ARTICLE_BYTES / 1e6} MB of text`);
  const bytes = readFileSync(file);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InputError(`${file} is not UTF-8 text (it looks like a binary file)`);
  }
  const problem = checkArticleText(text);
  if (problem) throw new InputError(`${file}: ${problem}`);
  return text;
}

export function writeDraft(draft: Draft, dir: string): void {
  mkdirSync(dir, { recursive: true });
  const schema = (name: string) => relative(dir, join('geo', name)).split('\\').join('/');
  writeFileSync(join(dir, 'story.json'), JSON.stringify({ $schema: schema('story.schema.json'), ...draft.story }, null, 2) + '\n');
  writeFileSync(join(dir, 'places.geojson'), JSON.stringify({ $schema: schema('places.schema.json'), ...draft.places }, null, 2) + '\n');
  writeFileSync(join(dir, 'events.json'), JSON.stringify(draft.events, null, 2) + '\n');
}

export function formatReport(draft: Draft, dir: string, ms: number): string {
  const lines: string[] = [];
  const r = draft.report;
  lines.push(`draft: ${draft.story.id} → ${dir} (${draft.story.paragraphs} paragraphs, ${Math.round(ms)} ms)`);
  lines.push('', `places (${r.places.length}):`);
  for (const p of r.places) {
    lines.push(`  ${p.id}: “${p.names.join('” / “')}” → ${p.entry}  confidence ${p.confidence.toFixed(2)}`);
    if (p.others.length) lines.push(`      other candidates: ${p.others.join('; ')}`);
  }
  const notPlaces = r.rejected.filter((x) => x.reason !== 'not in the gazetteer');
  if (notPlaces.length) {
    lines.push('', 'names taken as not places:');
    for (const x of notPlaces) lines.push(`  “${x.text}” (paragraph ${x.sentence.paragraph}): ${x.reason}`);
  }
  lines.push('', `events (${r.events.length}):`);
  for (const e of r.events) lines.push(`  ${e.date.padEnd(10)} ¶${String(e.paragraph).padEnd(3)} ${e.category.padEnd(18)} ${e.places}  — “${e.sentence}”`);
  lines.push('', `needs a person (${r.decisions.length}):`);
  for (const d of r.decisions) lines.push(`  - ${d}`);
  return lines.join('\n');
}

function main(argv: string[]): number {
  const args = parseArgs(argv);
  const text = readArticle(args.file);
  const gaz = loadGazetteer();
  const t0 = performance.now();
  // With --out and no --id, the folder's name is the id (validate wants them equal) when it is a slug.
  const outName = args.out ? basename(resolve(args.out)) : undefined;
  const id = args.id ?? (outName && SLUG_PATTERN.test(outName) ? outName : undefined);
  const draft = draftStory(text, gaz, { ...(args.published ? { published: args.published } : {}), ...(id ? { id } : {}) });
  const ms = performance.now() - t0;
  const dir = args.out ?? join('drafts', draft.story.id);
  writeDraft(draft, dir);
  console.log(formatReport(draft, dir, ms));
  const result = validateBundle({ story: draft.story, places: draft.places, events: draft.events });
  console.log('', `validate: ${result.errors.length} errors, ${result.warnings.length} warnings (review notes and placeholders are warnings; the build refuses them)`);
  for (const e of result.errors) console.log(`  error ${formatIssue(e)}`);
  return result.errors.length ? 1 : 0;
}

if (process.argv[1]?.endsWith('cli.ts')) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (err) {
    console.error(`draft: ${err instanceof InputError ? err.message : `failed: ${(err as Error)?.message ?? String(err)}`}`);
    process.exitCode = 1;
  }
}
