/**
 * The story's events as CSV (RFC 4180): one row per event, for spreadsheets and scripts.
 * Cells that a spreadsheet would run as a formula get a leading apostrophe: a story is untrusted
 * input and its text must not become code in someone's Excel. Spreadsheets skip leading white
 * space and read the fullwidth forms (＝ ＋ － ＠) as the ASCII ones, so those count too.
 */
import type { StoryModel } from '../story/model.ts';
import { formatFigure, precisionOfDate } from '../story/format.ts';

export const CSV_COLUMNS = [
  'id',
  'date',
  'date_precision',
  'time',
  'utc_offset',
  'category',
  'title',
  'summary',
  'places',
  'figures',
  'paragraph',
  'notes',
] as const;

/** A formula trigger, after any white space (\s covers tabs, line breaks and U+3000, the ideographic space). */
const FORMULA_START = /^[\s\u200b\ufeff]*[=+\-@\uff1d\uff0b\uff0d\uff20]|^[\t\r]/;

export function csvCell(value: string | number | undefined): string {
  let text = value === undefined ? '' : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function eventsCsv(model: StoryModel): string {
  const rows = [CSV_COLUMNS.join(',')];
  for (const e of model.events) {
    const notes = [...(e.notes ?? []), ...(e.figures ?? []).flatMap((f) => f.notes ?? [])];
    rows.push(
      [
        e.id,
        e.date,
        precisionOfDate(e.date),
        e.time,
        e.utcOffset,
        e.category,
        e.title,
        e.summary,
        e.places.map((p) => `${p.id}:${p.role}`).join('; '),
        (e.figures ?? []).map(formatFigure).join('; '),
        e.cite.paragraph,
        notes.map((n) => `${n.kind}: ${n.text}`).join(' | '),
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return `${rows.join('\r\n')}\r\n`;
}
