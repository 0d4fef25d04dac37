/**
 * The benchmark report: rows of figures formatted for a terminal and for the README (markdown).
 * A missing figure prints as "n/a" with the reason in the row's note, never as a number.
 */

export interface ReportRow {
  scenario: string;
  page: string;
  /** Human-readable figures, medians unless said otherwise. */
  figure: string;
  /** Paired ratio against the row's reference, with what it is relative to. */
  ratio: string;
  note: string;
}

const NA = 'n/a';

export function fmtMs(ms: number | null | undefined): string {
  if (ms == null || !Number.isFinite(ms)) return NA;
  return `${Math.round(ms).toLocaleString('en-US')} ms`;
}

export function fmtMB(mb: number | null | undefined): string {
  if (mb == null || !Number.isFinite(mb)) return NA;
  return `${mb < 10 ? mb.toFixed(1) : Math.round(mb)} MB`;
}

export function fmtKB(bytes: number | null | undefined): string {
  if (bytes == null || !Number.isFinite(bytes)) return NA;
  return `${(bytes / 1024).toFixed(1)} kB`;
}

export function fmtRatio(r: number | null | undefined, against: string): string {
  if (r == null || !Number.isFinite(r)) return NA;
  return `${r.toFixed(2)}× ${against}`;
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

export function markdownTable(rows: readonly ReportRow[]): string {
  const head = '| Scenario | Page | Figure (median) | Paired ratio | Note |\n|---|---|---|---|---|\n';
  return head + rows.map((r) => `| ${[r.scenario, r.page, r.figure, r.ratio, r.note].map(escapeCell).join(' | ')} |`).join('\n') + '\n';
}

/** A plain-text table for the terminal, columns padded to their widest cell. */
export function textTable(rows: readonly ReportRow[]): string {
  const cols: (keyof ReportRow)[] = ['scenario', 'page', 'figure', 'ratio', 'note'];
  const header: ReportRow = { scenario: 'Scenario', page: 'Page', figure: 'Figure (median)', ratio: 'Paired ratio', note: 'Note' };
  const all = [header, ...rows];
  const width = cols.map((c) => Math.min(60, Math.max(...all.map((r) => r[c].length))));
  const line = (r: ReportRow) => cols.map((c, i) => r[c].padEnd(width[i] as number)).join('  ').trimEnd();
  return [line(header), width.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n') + '\n';
}
