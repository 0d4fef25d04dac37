/**
 * The one writer of the map's camera. Every move the app makes (the first view, a linked view,
 * fitting the story, revealing a place, framing an event, zooming into a cluster) goes through
 * here, and each one uses MapLibre's camera `padding` set to the unobstructed viewport: the map
 * minus whatever is drawn over it (controls, the share button, notices, a docked card, a sheet).
 * So "visible" means visible to a person, and the map's centre is the centre of what they see.
 *
 * What covers the map is read from the page when a move is made: MapLibre's controls inside the
 * map container, and every element marked `data-covers-map` (the app's own overlays). Overlays
 * that appear later (a share button loaded on demand, a card, a notice) are watched: while nobody
 * has moved the map since, the last framing is made again around them.
 */
import { LngLatBounds, type Map as MapLibreMap, type LngLatLike, type PaddingOptions } from 'maplibre-gl';
import type { View } from '../url/hash.ts';
import { unobstructedPadding, fitMargin, labelMargin, withMargin, allInside, zoomForLength, type Box, type Padding } from './framing.ts';

/** Deepest zoom the first view of a story goes to. */
const FIT_MAX_ZOOM = 12;
/** A selection is never framed shallower than this: a town and its neighbours, readable. */
const SELECTION_MIN_ZOOM = 9;
/** Room kept around framed places, for their symbols and labels. */
const FRAME_MARGIN = 40;
/** A point this close to the edge of the free area counts as hidden. */
const EDGE = 20;
/** A movement arrow shorter than this cannot be read. */
export const MIN_ARROW_PX = 40;
const DURATION = 600;

/** Marks our own camera moves in MapLibre's events, so moves by others can be told apart. */
const OURS = { atlasCamera: true } as const;

/** The CSS selector of what the camera treats as covering the map. */
export const COVERS_MAP = '[data-covers-map]';

/** Whether a change of the page adds, removes or alters an element marked `data-covers-map`. */
function touchesOverlay(record: MutationRecord): boolean {
  const isOrHolds = (node: Node) => node instanceof Element && (node.matches(COVERS_MAP) || node.querySelector(COVERS_MAP) !== null);
  if (record.target instanceof Element && record.target.closest(COVERS_MAP)) return true;
  return [...record.addedNodes, ...record.removedNodes].some(isOrHolds);
}

export interface CameraOptions {
  /** Whether the map opened at a view given by a link: link-made selections then keep that view. */
  openedAtLinkView: boolean;
  reducedMotion: () => boolean;
}

export class Camera {
  readonly #map: MapLibreMap;
  readonly #options: CameraOptions;
  /** Someone else (the reader, a test) has moved the map: a late story does not take it away. */
  #movedByOthers = false;
  /** A move not made here is under way (it counts once it ends, unless it was only a resize). */
  #otherMove = false;
  /**
   * The framings made here while no one has moved the map since, made again when the map changes
   * size or what covers it changes: the first fit of the story (while the camera has made no
   * other move), then the last place revealed or event framed.
   */
  #base: (() => void) | null = null;
  #focus: (() => void) | null = null;
  /** The unobstructed padding the last check saw, to tell when the overlays changed. */
  #lastPadding = '';
  #overlays: MutationObserver | undefined;
  #pending = 0;

  constructor(map: MapLibreMap, options: CameraOptions) {
    this.#map = map;
    this.#options = options;
    map.on('movestart', this.#onMoveStart);
    map.on('moveend', this.#onMoveEnd);
    map.on('resize', this.#onResize);
    this.#limitZoom();
    if (typeof MutationObserver !== 'undefined') {
      this.#overlays = new MutationObserver(this.#onOverlaysChanged);
      this.#overlays.observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['class', 'hidden', 'open'] });
    }
  }

  /**
   * The page changed: if an overlay of ours (`data-covers-map`) came, went or changed, see once a
   * frame whether the unobstructed viewport changed, and frame again.
   */
  #onOverlaysChanged = (records: MutationRecord[]): void => {
    if (!this.#hasRedo() || this.#pending || !records.some(touchesOverlay)) return;
    this.#pending = requestAnimationFrame(() => {
      this.#pending = 0;
      // Never under a reader's hand: a drag or pinch under way ends the framing anyway.
      if (!this.#hasRedo() || this.#otherMove) return;
      const now = JSON.stringify(this.padding());
      if (now === this.#lastPadding) return;
      this.#lastPadding = now;
      this.#redo();
    });
  };

  #hasRedo(): boolean {
    return Boolean(this.#base || this.#focus);
  }

  #redo(): void {
    // Read both first: the fit resets what it remembers.
    const base = this.#base;
    const focus = this.#focus;
    base?.();
    focus?.();
  }

  /**
   * Remembers how to make the current framing again. `base`: the first fit (kept when a selection
   * needed no move); `focus`: the selection's own framing. Nulls: the view is exactly as asked.
   */
  #remember(base: (() => void) | null | 'keep', focus: (() => void) | null): void {
    if (base !== 'keep') this.#base = base;
    this.#focus = focus;
    // Measured at the next overlay change, not now: measuring may resize the map mid-gesture.
    this.#lastPadding = '';
  }

  /**
   * The map changed size (a timeline or sheet appeared, a phone turned): keep the zoom floor, and
   * a first view nobody has moved yet fits the story again in the new frame. (A selection's own
   * framing is made again only when an overlay changes, never on a bare resize.)
   */
  #onResize = (): void => {
    // MapLibre reports a resize as a move too; it is not the reader's.
    this.#otherMove = false;
    this.#limitZoom();
    // The first fit again, then the selection made since without moving the camera.
    if (this.#base) this.#redo();
  };

  /**
   * The lowest zoom: one world as tall as the map (MapLibre's own floor is -2). Below it a map
   * shorter than 512 px would show views whose zoom depends on what covers it, and a link written
   * there would not reopen at the same zoom.
   */
  #limitZoom = (): void => {
    const { height } = this.#size();
    if (height > 0) this.#map.setMinZoom(Math.min(0, Math.max(-2, Math.log2(height / 512))));
  };

  get openedAtLinkView(): boolean {
    return this.#options.openedAtLinkView;
  }

  get movedByOthers(): boolean {
    return this.#movedByOthers;
  }

  /** Stops listening (the map is being removed). */
  destroy(): void {
    this.#map.off('movestart', this.#onMoveStart);
    this.#map.off('moveend', this.#onMoveEnd);
    this.#map.off('resize', this.#onResize);
    this.#overlays?.disconnect();
    cancelAnimationFrame(this.#pending);
    this.#base = this.#focus = null;
  }

  #onMoveStart = (e: object): void => {
    this.#otherMove = !(e as { atlasCamera?: boolean }).atlasCamera;
  };

  #onMoveEnd = (): void => {
    if (!this.#otherMove) return;
    this.#otherMove = false;
    this.#movedByOthers = true;
    this.#base = this.#focus = null;
  };

  #size(): { width: number; height: number } {
    const c = this.#map.getContainer();
    return { width: c.clientWidth, height: c.clientHeight };
  }

  /** A container that changed size this frame (a sheet opened) is measured as it is now. */
  #sync(): void {
    const { width, height } = this.#size();
    const canvas = this.#map.getCanvas();
    if (Math.abs(canvas.clientWidth - width) > 1 || Math.abs(canvas.clientHeight - height) > 1) this.#map.resize();
  }

  /** Boxes of what is drawn over the map, in the map container's pixels. */
  obstructions(): Box[] {
    const container = this.#map.getContainer();
    const origin = container.getBoundingClientRect();
    const elements = [...container.querySelectorAll('.maplibregl-ctrl'), ...document.querySelectorAll(COVERS_MAP)];
    const boxes: Box[] = [];
    for (const el of elements) {
      const r = el.getBoundingClientRect();
      if (r.width <= 0 || r.height <= 0) continue;
      if (getComputedStyle(el).visibility === 'hidden') continue;
      boxes.push({ left: r.left - origin.left, top: r.top - origin.top, right: r.right - origin.left, bottom: r.bottom - origin.top });
    }
    return boxes;
  }

  /** The unobstructed viewport, as MapLibre padding. */
  padding(): Padding {
    this.#sync();
    return unobstructedPadding(this.#size(), this.obstructions());
  }

  /** The padding to frame things in: the unobstructed viewport with room around the framed points. */
  #framePadding(): Padding {
    const p = this.padding();
    const margin = fitMargin(this.#size(), p, FRAME_MARGIN);
    return withMargin(p, margin, labelMargin(this.#size(), p, margin));
  }

  #duration(): number {
    return this.#options.reducedMotion() ? 0 : DURATION;
  }

  /** Whether these points are on screen and clear of every overlay. */
  clear(points: readonly LngLatLike[]): boolean {
    this.#sync();
    const projected = points.map((pt) => this.#map.project(pt));
    return allInside(projected, this.#size(), this.padding(), EDGE);
  }

  /** The first view: a link's view or the given bounds, centred in the unobstructed viewport. */
  start(view: View | undefined, bounds: [number, number, number, number] | [[number, number], [number, number]]): void {
    if (view) this.show(view);
    else this.fit(bounds, { first: true });
  }

  /** A view from a link (or Back/Forward): exactly that, in the unobstructed viewport. */
  show({ lng, lat, zoom, bearing, pitch }: View): void {
    this.#remember(null, null);
    this.#map.jumpTo({ center: [lng, lat], zoom, bearing, pitch, padding: this.padding() as PaddingOptions }, OURS);
  }

  /**
   * Fits bounds into the unobstructed viewport. `first`: the first view of the story, which
   * leaves the camera to a reader who has already moved it, and is fitted again when the map
   * changes size before anyone moves it.
   */
  fit(
    bounds: [number, number, number, number] | [[number, number], [number, number]] | LngLatBounds,
    { animate = false, maxZoom = FIT_MAX_ZOOM, first = false }: { animate?: boolean; maxZoom?: number; first?: boolean } = {},
  ): void {
    if (first && this.#movedByOthers) return;
    this.#remember(first ? () => this.fit(bounds, { first: true }) : null, null);
    this.#map.fitBounds(
      bounds as LngLatBounds,
      { padding: this.#framePadding() as PaddingOptions, absolutePadding: true, maxZoom, ...(animate ? { duration: this.#duration() } : { animate: false }) },
      OURS,
    );
  }

  /**
   * Brings places into the unobstructed viewport. Never moves a camera that already shows them
   * clear of every overlay; one place is centred at the zoom the reader chose.
   */
  reveal(points: readonly [number, number][]): void {
    if (!points.length) return;
    const redo = () => this.reveal(points);
    if (this.clear(points)) return this.#remember('keep', redo);
    if (points.length === 1) {
      this.#map.easeTo({ center: points[0], padding: this.padding() as PaddingOptions, duration: this.#duration() }, OURS);
      return this.#remember(null, redo);
    }
    const bounds = points.reduce((b, pt) => b.extend(pt), new LngLatBounds(points[0], points[0]));
    this.fit(bounds, { animate: true, maxZoom: Math.max(this.#map.getZoom(), SELECTION_MIN_ZOOM) });
    this.#remember(null, redo);
  }

  /**
   * Frames an event: all of its places clear of every overlay, at a zoom where each of its
   * movements (`arrows`, from → to) is drawn at least MIN_ARROW_PX long. Leaves the camera alone
   * when that is already so.
   */
  frame(points: readonly [number, number][], arrows: readonly [[number, number], [number, number]][]): void {
    if (!points.length) return;
    this.#sync();
    const zoom = this.#map.getZoom();
    let needed = zoom;
    for (const [from, to] of arrows) {
      const a = this.#map.project(from);
      const b = this.#map.project(to);
      needed = Math.max(needed, zoomForLength(Math.hypot(a.x - b.x, a.y - b.y), zoom, MIN_ARROW_PX));
    }
    const redo = () => this.frame(points, arrows);
    if (needed <= zoom && this.clear(points)) return this.#remember('keep', redo);
    const bounds = points.reduce((b, pt) => b.extend(pt), new LngLatBounds(points[0], points[0]));
    // Zoom in far enough for the arrows, and no further than a reader would need for one place.
    const maxZoom = Math.min(this.#map.getMaxZoom(), Math.max(zoom, SELECTION_MIN_ZOOM, needed + 0.25));
    this.fit(bounds, { animate: true, maxZoom });
    this.#remember(null, redo);
  }

  /** Zooms into a cluster (towards where it splits). */
  zoomInto(center: [number, number], zoom: number): void {
    this.#remember(null, null);
    this.#map.easeTo({ center, zoom, padding: this.padding() as PaddingOptions, duration: this.#duration() }, OURS);
  }
}
