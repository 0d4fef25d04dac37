/**
 * Checks stories before they are built (npm run validate).
 *
 *   npm run validate                      every story folder in geo/
 *   npm run validate -- <folder or file>  one story (a file stands for the folder it is in)
 *   npm run validate -- --build [...]     as the build runs it: a drafter's review note or
 *                                         placeholder (a warning otherwise) is an error
 *
 * Prints every error and warning on its own line, then a summary. Exits 1 when there is any error
 * (warnings alone pass), 0 otherwise. Problems with the input are reported as messages, never as a
 * stack trace.
 */
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { STORY_FILES, bundleOf, listStoryDirs, readStoryFolder } from './story-files.ts';
import { formatIssue, validateBundle } from '../src/lib/story/validate.ts';

const GEO = 'geo';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
/** Paths inside the project are shown relative to it, others in full. */
const shown = (path: string) => {
  const rel = relative(process.cwd(), path);
  return rel === '' ? '.' : rel.startsWith('..') ? resolve(path) : rel;
};

/** Which story folders to check, or a message saying why there are none. */
function foldersFor(arg: string | undefined): string[] | string {
  if (arg === undefined) {
    const dirs = listStoryDirs(GEO);
    return dirs.length > 0 ? dirs : `no story folders in ${GEO}/ (a story folder holds ${STORY_FILES.story})`;
  }
  if (!existsSync(arg)) return `no such file or folder: ${arg}`;
  return [statSync(arg).isDirectory() ? arg : dirname(arg)];
}

function main(argv: string[]): number {
  const build = argv.includes('--build');
  const args = argv.filter((a) => a !== '--build');
  if (args.length > 1 || args.some((a) => a.startsWith('--'))) {
    console.error('usage: npm run validate [-- [--build] <story folder or one of its files>]');
    return 1;
  }
  const folders = foldersFor(args[0]);
  if (typeof folders === 'string') {
    console.error(`validate: ${folders}`);
    return 1;
  }

  let errors = 0;
  let warnings = 0;
  for (const dir of folders) {
    const folder = readStoryFolder(dir);
    if (folder.problems.length > 0) {
      // Without all three files the cross-file rules would only add noise.
      for (const p of folder.problems) console.log(`error   ${shown(p.file)}: ${p.message}`);
      errors += folder.problems.length;
      continue;
    }
    const files = {
      story: shown(join(dir, STORY_FILES.story)),
      places: shown(join(dir, STORY_FILES.places)),
      events: shown(join(dir, STORY_FILES.events)),
    };
    const result = validateBundle(bundleOf(folder), { files });
    // The build refuses what a machine drafted and no person has yet checked.
    const drafted = build ? result.warnings.filter((w) => w.draft) : [];
    const issues = [...result.errors, ...drafted];
    result.warnings = result.warnings.filter((w) => !drafted.includes(w));
    const id = result.bundle?.story.id;
    const name = basename(resolve(dir));
    if (id !== undefined && id !== name) {
      issues.push({ file: files.story, field: 'id', message: `story id "${id}" differs from its folder name "${name}"` });
    }
    for (const issue of issues) console.log(`error   ${formatIssue(issue)}`);
    for (const issue of result.warnings) console.log(`warning ${formatIssue(issue)}`);
    errors += issues.length;
    warnings += result.warnings.length;
  }
  const verdict = errors > 0 ? (build ? 'FAILED (the build refuses errors, review notes and placeholders)' : 'FAILED') : 'ok';
  console.log(`validate: ${plural(folders.length, 'story', 'stories')} checked, ${plural(errors, 'error')}, ${plural(warnings, 'warning')}: ${verdict}`);
  return errors > 0 ? 1 : 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (err) {
  console.error(`validate: ${(err as Error).message ?? String(err)}`);
  process.exitCode = 1;
}
