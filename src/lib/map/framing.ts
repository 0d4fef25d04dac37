/**
 * The pure maths of the camera: which part of the map a person can see past the panels, controls
 * and cards laid over it, whether a set of points lies in that part, and how far to zoom in for a
 * movement arrow to be readable. Pixels are CSS pixels relative to the map container's top-left
 * corner; no MapLibre, no DOM.
 */

export interface Padding {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export const NO_PADDING: Padding = { top: 0, right: 0, bottom: 0, left: 0 };

/** The area left free by a padding, in container pixels. */
const freeBox = ({ width, height }: { width: number; height: number }, p: Padding): Box => ({
  left: p.left,
  top: p.top,
  right: width - p.right,
  bottom: height - p.bottom,
});

const area = (b: Box): number => Math.max(0, b.right - b.left) * Math.max(0, b.bottom - b.top);

const overlaps = (a: Box, b: Box): boolean => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/**
 * The padding that leaves the largest rectangle of the map clear of every obstruction (a control,
 * a card, a sheet drawn over the map). Greedy: the biggest obstruction first, each cut from the
 * side that keeps the most free area. Obstructions outside the map are ignored. The free area
 * never shrinks below `minFree` (a fraction of each side): a map covered almost everywhere still
 * frames what it can, rather than into a sliver.
 *
 * @param size the map container, CSS pixels
 * @param obstructions boxes in container pixels (may reach outside the container)
 */
export function unobstructedPadding(
  size: { width: number; height: number },
  obstructions: readonly Box[],
  { minFree = 0.25 }: { minFree?: number } = {},
): Padding {
  const { width, height } = size;
  if (!(width > 0) || !(height > 0)) return { ...NO_PADDING };
  const p: Padding = { ...NO_PADDING };
  const boxes = obstructions
    .map((b) => ({ left: Math.max(0, b.left), top: Math.max(0, b.top), right: Math.min(width, b.right), bottom: Math.min(height, b.bottom) }))
    .filter((b) => area(b) > 0)
    .sort((a, b) => area(b) - area(a));
  const maxX = width * (1 - minFree);
  const maxY = height * (1 - minFree);
  for (const b of boxes) {
    const free = freeBox(size, p);
    if (!overlaps(free, b)) continue;
    const options: Padding[] = [
      { ...p, top: Math.max(p.top, b.bottom) },
      { ...p, bottom: Math.max(p.bottom, height - b.top) },
      { ...p, left: Math.max(p.left, b.right) },
      { ...p, right: Math.max(p.right, width - b.left) },
    ].filter((o) => o.top + o.bottom <= maxY && o.left + o.right <= maxX);
    if (!options.length) continue;
    let best = options[0]!;
    for (const o of options) if (area(freeBox(size, o)) > area(freeBox(size, best))) best = o;
    Object.assign(p, best);
  }
  return p;
}

/**
 * Adds a margin around the free area (symbols and labels around a point need room too): `margin`
 * above and below, `marginX` (default the same) left and right, where labels run.
 */
export function withMargin(p: Padding, margin: number, marginX = margin): Padding {
  return { top: p.top + margin, right: p.right + marginX, bottom: p.bottom + margin, left: p.left + marginX };
}

/**
 * Shrinks a margin so that the padding still leaves at least `minFree` pixels each way (an
 * embed of 300×250 has little room to spare).
 */
export function fitMargin(size: { width: number; height: number }, p: Padding, margin: number, minFree = 40): number {
  const spareX = (size.width - p.left - p.right - minFree) / 2;
  const spareY = (size.height - p.top - p.bottom - minFree) / 2;
  return Math.max(0, Math.min(margin, spareX, spareY));
}

/** The room left and right of framed points: a place's name (about 80 px) where the map is wide enough. */
export function labelMargin(size: { width: number; height: number }, p: Padding, margin: number, label = 80): number {
  const free = size.width - p.left - p.right;
  return free >= 6 * label ? Math.max(margin, label) : margin;
}

/** Whether every point lies inside the free area of the padding, `margin` pixels clear of its edges. */
export function allInside(points: readonly { x: number; y: number }[], size: { width: number; height: number }, p: Padding, margin = 0): boolean {
  const free = freeBox(size, p);
  return points.every(
    (pt) => pt.x >= free.left + margin && pt.x <= free.right - margin && pt.y >= free.top + margin && pt.y <= free.bottom - margin,
  );
}

/**
 * The zoom at which a movement drawn `lengthPx` long at `zoom` becomes `minPx` long (a Web Mercator
 * length doubles with each zoom level). Returns `zoom` when it is long enough already.
 */
export function zoomForLength(lengthPx: number, zoom: number, minPx = 40): number {
  if (lengthPx >= minPx) return zoom;
  if (!(lengthPx > 0)) return zoom;
  return zoom + Math.log2(minPx / lengthPx);
}
