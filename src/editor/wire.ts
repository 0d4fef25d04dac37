/** Messages between the editor page and its drafting worker. */
import type { MultiPolygon, Polygon } from 'geojson';
import type { Draft } from '../lib/draft/draft.ts';
import type { Candidate } from './doc.ts';

/** The drafter reads one article: longer texts are refused with a message (the CLI's 2 MB). */
export const MAX_ARTICLE_CHARS = 2_000_000;

export type DraftRequest =
  | { type: 'draft'; id: number; base: string; text: string; published?: string }
  | { type: 'candidates'; id: number; base: string; names: string[] }
  | { type: 'area'; id: number; base: string; names: string[] };

export type DraftReply =
  | { type: 'draft'; id: number; ok: true; draft: Draft; candidates: Record<string, Candidate[]>; ms: number }
  | { type: 'draft'; id: number; ok: false; error: string }
  | { type: 'candidates'; id: number; candidates: Candidate[] }
  | { type: 'area'; id: number; area: { name: string; geometry: Polygon | MultiPolygon } | null }
  | { type: 'failed'; id: number; error: string };

/** The page's side: one worker, started on first use, requests answered by id. */
export class Drafter {
  private worker: Worker | undefined;
  private next = 1;
  private pending = new Map<number, (reply: DraftReply) => void>();

  constructor(private readonly base: string) {}

  private start(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(new URL('./draft.worker.ts', import.meta.url), { type: 'module', name: 'drafter' });
    w.addEventListener('message', (e: MessageEvent<DraftReply>) => {
      const done = this.pending.get(e.data.id);
      this.pending.delete(e.data.id);
      done?.(e.data);
    });
    w.addEventListener('error', (e) => {
      for (const [id, done] of this.pending) done({ type: 'failed', id, error: e.message || 'the drafting worker failed' });
      this.pending.clear();
      this.worker = undefined;
    });
    return (this.worker = w);
  }

  private ask(req: Record<string, unknown> & { type: DraftRequest['type'] }): Promise<DraftReply> {
    const id = this.next++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.start().postMessage({ ...req, id, base: this.base });
    });
  }

  draft(text: string, published?: string) {
    return this.ask({ type: 'draft', text, ...(published ? { published } : {}) });
  }
  candidates(names: string[]) {
    return this.ask({ type: 'candidates', names });
  }
  area(names: string[]) {
    return this.ask({ type: 'area', names });
  }
}
