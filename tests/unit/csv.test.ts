import { describe, it, expect } from 'vitest';
import { csvCell, eventsCsv, CSV_COLUMNS } from '../../src/lib/export/csv.ts';
import { buildModel } from '../../src/lib/story/model.ts';
import type { StoryBundle } from '../../src/lib/story/types.ts';
import { seedWith, event } from './helpers/stories.ts';

/** [what the cell holds, what the CSV must carry]: a formula trigger gets a leading apostrophe. */
const cells: [string, string][] = [
  ['=1+1', "'=1+1"],
  ['+1', "'+1"],
  ['-1', "'-1"],
  ['@SUM(A1)', "'@SUM(A1)"],
  ['\t=1', "'\t=1"],
  ['\r=1', '"\'\r=1"'],
  [' =HYPERLINK("http://x")', `"' =HYPERLINK(""http://x"")"`],
  ['   +1', "'   +1"],
  ['\u00a0=1', "'\u00a0=1"],
  ['\u3000=1', "'\u3000=1"],
  ['\n=1', '"\'\n=1"'],
  ['＝1+1', "'＝1+1"],
  ['＋1', "'＋1"],
  ['－1', "'－1"],
  ['＠SUM(A1)', "'＠SUM(A1)"],
  [' ＝1', "' ＝1"],
  ['\u200b=1', "'\u200b=1"],
  // Ordinary text is left alone, even with a sign inside it.
  ['Rafah', 'Rafah'],
  ['a = b', 'a = b'],
  ['1-2 February', '1-2 February'],
  ['  indented text', '  indented text'],
  ['', ''],
  ['He said, "yes"', '"He said, ""yes"""'],
];

describe('csvCell', () => {
  it.each(cells)('writes %j as %j', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it('writes numbers and missing values', () => {
    expect(csvCell(183)).toBe('183');
    expect(csvCell(undefined)).toBe('');
  });
});

describe('eventsCsv', () => {
  it('neutralises a formula hidden behind a space or a fullwidth sign in a story’s title', () => {
    const bundle = seedWith((b) => {
      event(b, 'siegel-handover').title = ' =HYPERLINK("http://example.org","x")';
      event(b, 'prisoner-release-183').title = '＝1+1';
    });
    const csv = eventsCsv(buildModel(bundle as unknown as StoryBundle));
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(CSV_COLUMNS.join(','));
    expect(csv).toContain(`"' =HYPERLINK(""http://example.org"",""x"")"`);
    expect(csv).toContain(",'＝1+1,");
    // No cell of any row starts with a bare formula trigger.
    for (const line of lines.slice(1)) expect(line).not.toMatch(/(^|,)"?[\s]*[=+@＝＋＠]/);
  });
});
