/**
 * Folding of place names so that spellings of one name meet: case, diacritics, apostrophes and
 * hyphens (fold), and a consonant skeleton for transliteration variants of Arabic, Hebrew,
 * Cyrillic and Turkish names (skeleton): Khan Younis / Khan Yunis / Khan Yunes, Beitunia /
 * Beituniya / Beitunya. Pure, browser-safe.
 */

const SPECIAL: Record<string, string> = { ı: 'i', ł: 'l', ø: 'o', æ: 'ae', œ: 'oe', ß: 'ss', đ: 'd', ð: 'd', þ: 'th', ħ: 'h' };

/** Leading Arabic articles, dropped so that "El Arish", "Al-Arish" and "Arish" meet. */
const ARTICLE = /^(?:al|el|ad|an|ar|as|ash|at|az|ed|en|er|es|et|ez) (?=\S)/;

/** Lowercase, no diacritics, no apostrophes or ayin/hamza marks, hyphens as spaces, single spaces. */
export function fold(name: string): string {
  // Most names are plain ASCII letters and spaces: skip the Unicode work.
  if (/^[A-Za-z]+(?: [A-Za-z]+)*$/.test(name)) return name.toLowerCase().replace(ARTICLE, '');
  const base = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[ıłøæœßđðþħ]/g, (c) => SPECIAL[c] ?? c)
    .replace(/['’‘`ʿʾʼ′]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  return base.replace(ARTICLE, '');
}

/**
 * The consonant skeleton of a folded name: digraphs and letters that transliterations swap are
 * merged (q/c→k, ph→f, w→v, dh→d, th→t, gh→g), vowels and y are dropped, doubled letters
 * collapsed. "khan yunis", "khan younis" and "khan yunes" all give "khn yns".
 */
export function skeleton(folded: string): string {
  return folded
    .split(' ')
    .map((word) =>
      word
        .replace(/ph/g, 'f')
        .replace(/dh/g, 'd')
        .replace(/th/g, 't')
        .replace(/gh/g, 'g')
        .replace(/[qc]/g, 'k')
        .replace(/w/g, 'v')
        .replace(/(kh|zh|sh|ch|ts)\1+/g, '$1')
        .replace(/[aeiouy]/g, '')
        .replace(/(.)\1+/g, '$1'),
    )
    .filter(Boolean)
    .join(' ');
}

/** Levenshtein distance, for ranking skeleton matches by how close the spelling is. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/**
 * Spelling with the differences transliterations make for the same sound evened out: long vowels
 * written double or as digraphs (ou, oo, ee), doubled consonants ("Tartouss" = "Tartus").
 */
function evenSpelling(s: string): string {
  return s.replace(/ou|oo/g, 'u').replace(/ee/g, 'i').replace(/(.)\1+/g, '$1');
}

/** 1 for the same spelling (after evenSpelling), towards 0 for unrelated ones. */
export function similarity(a: string, b: string): number {
  const [x, y] = [evenSpelling(a), evenSpelling(b)];
  const n = Math.max(x.length, y.length);
  return n === 0 ? 1 : 1 - editDistance(x, y) / n;
}

/** Endings that make a demonym of a place name: Israel → Israeli, Syria → Syrian, Sudan → Sudanese. */
const DEMONYM_ENDINGS = ['i', 'is', 'n', 'ns', 'an', 'ans', 'ian', 'ians', 'ese', 'ish', 'ite', 'ites', 'ine', 'ines'];

/** Whether `word` (folded) is `name` (folded) plus a demonym ending, allowing a dropped final vowel. */
export function isDemonymOf(word: string, name: string): boolean {
  if (word === name || word.length <= name.length) return false;
  const stems = [name, name.replace(/[aeiouy]$/, '')];
  return stems.some((stem) => word.startsWith(stem) && DEMONYM_ENDINGS.includes(word.slice(stem.length)));
}
