/**
 * The editor's state: the document (doc.ts) with its undo/redo history, what is selected, the
 * live validation, and the copy kept in IndexedDB so that a reload loses nothing. Components
 * change the document only through `commit`, with a new document from doc.ts's operations.
 */
import { get, set, del } from 'idb-keyval';
import { validateBundle, type Issue } from '../lib/story/validate.ts';
import { splitArticle } from '../lib/draft/text.ts';
import { docFromBundle, docFromDraft, emptyDoc, type EditorDoc, type Origin } from './doc.ts';
import { Drafter, MAX_ARTICLE_CHARS } from './wire.ts';
import type { Opened } from './files.ts';

export type Selection = { kind: 'place'; id: string } | { kind: 'event'; id: string } | { kind: 'story' } | null;
export type Tab = 'places' | 'events' | 'story' | 'problems';

const HISTORY = 200;
/** Typing in one field within this long is one undo step. */
const COALESCE_MS = 1200;
const DOC_KEY = 'article-atlas-editor/doc';
const ARTICLE_KEY = 'article-atlas-editor/article';
/** A synchronous copy written as the page goes away: IndexedDB writes still in flight then are lost. */
const LAST_KEY = 'article-atlas-editor/last';

interface Stored {
  doc: EditorDoc;
  at: number;
}

export class Editor {
  doc = $state.raw<EditorDoc>(emptyDoc());
  selection = $state.raw<Selection>(null);
  tab = $state<Tab>('places');
  /** A short message about the last action (opened, exported, refused). */
  notice = $state<{ text: string; error: boolean } | null>(null);
  drafting = $state(false);
  /** Whether the document on screen is in IndexedDB. */
  saved = $state(true);
  /** The document was read back from IndexedDB (or there was none). */
  restored = $state(false);
  /** Field to focus after the panel for a selection renders (from a problem's link). */
  focusField = $state.raw<{ key: string } | null>(null);

  private past = $state.raw<EditorDoc[]>([]);
  private future = $state.raw<EditorDoc[]>([]);
  private lastKey: string | undefined;
  private lastAt = 0;
  readonly drafter: Drafter;
  private draftSeq = 0;

  readonly validation = $derived(this.doc.bundle ? validateBundle(this.doc.bundle) : null);
  readonly issues = $derived<Issue[]>(this.validation ? [...this.validation.errors, ...this.validation.warnings] : []);
  /** The article's paragraphs and sentences (not for a text too long to draft). */
  readonly article = $derived(this.doc.article && this.doc.article.length <= MAX_ARTICLE_CHARS ? splitArticle(this.doc.article) : null);
  readonly canUndo = $derived(this.past.length > 0);
  readonly canRedo = $derived(this.future.length > 0);

  constructor(base: string) {
    this.drafter = new Drafter(base);
  }

  /** Replaces the document; `key` merges quick successive edits of one field into one undo step. */
  commit(next: EditorDoc, key?: string): void {
    if (next === this.doc) return;
    const now = Date.now();
    const merge = key !== undefined && key === this.lastKey && now - this.lastAt < COALESCE_MS && this.past.length > 0;
    if (!merge) this.past = [...this.past.slice(-(HISTORY - 1)), this.doc];
    this.future = [];
    this.lastKey = key;
    this.lastAt = now;
    this.doc = next;
    this.save();
  }

  undo(): void {
    const prev = this.past.at(-1);
    if (!prev) return;
    this.past = this.past.slice(0, -1);
    this.future = [this.doc, ...this.future];
    this.lastKey = undefined;
    this.doc = prev;
    this.keepSelection();
    this.save();
  }

  redo(): void {
    const next = this.future[0];
    if (!next) return;
    this.future = this.future.slice(1);
    this.past = [...this.past, this.doc];
    this.lastKey = undefined;
    this.doc = next;
    this.keepSelection();
    this.save();
  }

  /** Drops a selection the document no longer has. */
  private keepSelection(): void {
    const s = this.selection;
    const b = this.doc.bundle;
    if (s?.kind === 'place' && !b?.places.features.some((f) => f.id === s.id)) this.selection = null;
    if (s?.kind === 'event' && !b?.events.some((e) => e.id === s.id)) this.selection = null;
  }

  sentence(o: Origin): string | undefined {
    return this.article?.sentences.find((s) => s.paragraph === o.paragraph && s.index === o.sentence)?.text;
  }

  paragraph(n: number): string | undefined {
    return this.article?.paragraphs[n - 1];
  }

  select(selection: Selection): void {
    this.selection = selection;
    if (selection?.kind === 'place') this.tab = 'places';
    if (selection?.kind === 'event') this.tab = 'events';
    if (selection?.kind === 'story') this.tab = 'story';
  }

  /** Shows the field a problem is about (the problems list's links). */
  goTo(issue: Issue): void {
    if (issue.subject === 'place' && issue.id !== undefined) this.select({ kind: 'place', id: issue.id });
    else if (issue.subject === 'event' && issue.id !== undefined) this.select({ kind: 'event', id: issue.id });
    else if (issue.file === 'story.json') this.select({ kind: 'story' });
    else return;
    const prefix = issue.subject ? `${issue.subject}:${issue.id}` : 'story:';
    this.focusField = { key: `${prefix}:${issue.field}` };
  }

  say(text: string, error = false): void {
    this.notice = { text, error };
  }

  // ---------------------------------------------------------------------------- the article

  /**
   * The article changed (typed, pasted, dropped). Drafts it in the worker unless a person has
   * already edited the story: then the text is kept and `redraft` replaces the story on request.
   */
  setArticle(text: string): void {
    if (text === this.doc.article) return;
    this.commit({ ...this.doc, article: text }, 'article');
    if (!this.doc.edited || !this.doc.bundle) void this.redraft();
  }

  async redraft(): Promise<void> {
    const text = this.doc.article;
    const seq = ++this.draftSeq;
    this.drafting = true;
    try {
      const reply = await this.drafter.draft(text);
      if (seq !== this.draftSeq) return;
      if (reply.type === 'draft' && reply.ok) {
        // The text may have changed while the worker drafted: a newer request is on its way then.
        if (this.doc.article !== text) return;
        this.commit(docFromDraft(text, reply.draft, reply.candidates));
        this.selection = null;
        const r = reply.draft.report;
        this.say(`Drafted ${r.places.length} places and ${r.events.length} events in ${Math.round(reply.ms)} ms. Check each one.`);
      } else if (reply.type === 'draft' || reply.type === 'failed') {
        this.say(reply.error, true);
      }
    } finally {
      if (seq === this.draftSeq) this.drafting = false;
    }
  }

  open(opened: Opened): void {
    if (opened.kind === 'article') {
      this.setArticle(opened.text);
      this.say(`Opened the article ${opened.name}.`);
      return;
    }
    this.draftSeq++;
    this.drafting = false;
    this.commit(docFromBundle(opened.bundle, opened.article ?? ''));
    this.selection = null;
    this.say(`Opened ${opened.name}: ${opened.bundle.places.features.length} places, ${opened.bundle.events.length} events.`);
  }

  /** Starts again with nothing (undoable). */
  clear(): void {
    this.commit(emptyDoc());
    this.selection = null;
  }

  // ---------------------------------------------------------------------------- IndexedDB

  private writing = false;
  private dirty = false;
  private storedArticle: string | undefined;

  /** Writes the document now, and again after the write if it changed meanwhile. */
  private save(): void {
    this.saved = false;
    this.dirty = true;
    if (this.writing) return;
    void this.flush();
  }

  private async flush(): Promise<void> {
    this.writing = true;
    try {
      while (this.dirty) {
        this.dirty = false;
        const doc = this.doc;
        // The article is large and changes rarely: written only when it changed.
        if (doc.article !== this.storedArticle) {
          await set(ARTICLE_KEY, doc.article);
          this.storedArticle = doc.article;
        }
        await set(DOC_KEY, { doc: { ...doc, article: '' }, at: Date.now() } satisfies Stored);
      }
      this.saved = true;
      localStorage.removeItem(LAST_KEY);
    } catch (err) {
      this.say(`Your work could not be saved in this browser (${(err as Error).message}). Export it to keep it.`, true);
    } finally {
      this.writing = false;
    }
  }

  async restore(): Promise<void> {
    try {
      const [stored, article] = await Promise.all([get<Stored>(DOC_KEY), get<string>(ARTICLE_KEY)]);
      const last = readLast();
      const newest = last && (!stored || last.at >= stored.at) ? last : stored;
      if (newest?.doc?.version === 1 && !this.past.length) {
        const text = newest === last && last.article !== undefined ? last.article : (article ?? '');
        this.doc = { ...emptyDoc(), ...newest.doc, article: text };
        this.storedArticle = article;
        // The synchronous copy has done its job once IndexedDB holds the same.
        if (newest === last) this.save();
      }
    } catch (err) {
      this.say(`The saved work could not be read (${(err as Error).message}).`, true);
    } finally {
      this.restored = true;
    }
  }

  /**
   * Called as the page goes away (pagehide): when a write is pending or in flight, the document
   * goes to localStorage, synchronously (the article too when it is not yet stored and fits).
   */
  keepNow(): void {
    if (this.saved) return;
    const doc = this.doc;
    const record: Stored & { article?: string } = { doc: { ...doc, article: '' }, at: Date.now() };
    if (doc.article !== this.storedArticle && doc.article.length < 1_000_000) record.article = doc.article;
    try {
      localStorage.setItem(LAST_KEY, JSON.stringify(record));
    } catch {
      // Over the quota: IndexedDB's last complete write is what remains.
    }
  }

  /** Forgets the saved copy (after an export a person may want a clean slate). */
  async forget(): Promise<void> {
    localStorage.removeItem(LAST_KEY);
    await Promise.all([del(DOC_KEY), del(ARTICLE_KEY)]);
  }
}

function readLast(): (Stored & { article?: string }) | undefined {
  try {
    const raw = localStorage.getItem(LAST_KEY);
    return raw ? (JSON.parse(raw) as Stored & { article?: string }) : undefined;
  } catch {
    return undefined;
  }
}
