/**
 * Splits an article into paragraphs and sentences, keeping where each one is. Paragraph N is the
 * N-th non-empty line (geo/README.md), so citations line up with story.json `paragraphs`. Pure.
 */

export interface Sentence {
  /** 1-based paragraph (non-empty line). */
  paragraph: number;
  /** 1-based sentence within its paragraph. */
  index: number;
  text: string;
}

export interface Article {
  paragraphs: string[];
  sentences: Sentence[];
}

/** Problems that stop a draft before it starts; each message says what is wrong. */
export function checkArticleText(text: string): string | undefined {
  if (text.trim() === '') return 'the article is empty';
  // NUL or many control characters: a binary file, not text.
  const control = text.match(/[\u0000-\u0008\u000e-\u001f\ufffd]/g)?.length ?? 0;
  if (text.includes('\u0000') || control > Math.max(8, text.length / 1000)) return 'the article is not plain text (it looks like a binary file)';
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines.length < 2) return 'the article has no paragraphs: expected a headline on the first line and paragraphs on the following lines';
  return undefined;
}

export function splitArticle(text: string): Article {
  const paragraphs = text
    .split(/\r?\n/)
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
  const sentences: Sentence[] = [];
  paragraphs.forEach((p, i) => {
    splitSentences(p).forEach((s, j) => sentences.push({ paragraph: i + 1, index: j + 1, text: s }));
  });
  return { paragraphs, sentences };
}

/** Titles and abbreviations after which a full stop does not end a sentence. */
const ABBREVIATIONS = /(?:\b(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Capt|Sgt|St|No|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|U\.S|U\.N|a\.m|p\.m|vs|etc|approx)|\b[A-Z])\.$/;

/** Sentences of one paragraph: split after . ! ? (and closing quotes) before a capital or digit. */
export function splitSentences(paragraph: string): string[] {
  const out: string[] = [];
  let start = 0;
  const re = /[.!?]["”’)]*\s+(?=["“‘(]?[\p{Lu}\d])/gu;
  for (let m = re.exec(paragraph); m; m = re.exec(paragraph)) {
    const end = m.index + m[0].trimEnd().length;
    const piece = paragraph.slice(start, end);
    if (ABBREVIATIONS.test(piece.replace(/["”’)]+$/, ''))) continue;
    out.push(piece.trim());
    start = m.index + m[0].length;
  }
  const rest = paragraph.slice(start).trim();
  if (rest) out.push(rest);
  return out;
}
