/**
 * Arrow-key movement inside a list of links or buttons (Up/Down, Home/End), so a keyboard user
 * walks a list without tabbing through every item. An attachment: `<ol {@attach arrowKeys}>`.
 */
import type { Attachment } from 'svelte/attachments';

const KEYS = ['ArrowDown', 'ArrowUp', 'Home', 'End'];

function onKey(e: KeyboardEvent): void {
  if (!KEYS.includes(e.key)) return;
  const list = e.currentTarget as HTMLElement;
  const items = [...list.querySelectorAll<HTMLElement>('a[href], button:not([disabled])')];
  if (!items.length) return;
  const at = items.indexOf(document.activeElement as HTMLElement);
  const next =
    e.key === 'Home' ? 0 : e.key === 'End' ? items.length - 1 : e.key === 'ArrowDown' ? Math.min(items.length - 1, at + 1) : Math.max(0, at - 1);
  e.preventDefault();
  items[next]?.focus();
}

export const arrowKeys: Attachment<HTMLElement> = (node) => {
  node.addEventListener('keydown', onKey);
  return () => node.removeEventListener('keydown', onKey);
};
