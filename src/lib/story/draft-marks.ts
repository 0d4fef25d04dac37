/**
 * How machine-drafted text is marked (npm run draft) so that it cannot reach readers: titles,
 * summaries and descriptions the drafter could not write start with PLACEHOLDER, and every guess
 * carries a note of kind "review". validate.ts warns about both; the build refuses them.
 */
export const PLACEHOLDER = '[placeholder]';

/** Whether a text is a drafter's placeholder, still to be written by a person. */
export function isPlaceholder(text: string): boolean {
  return text.trimStart().toLowerCase().startsWith(PLACEHOLDER);
}
