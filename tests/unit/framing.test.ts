import { describe, it, expect } from 'vitest';
import { unobstructedPadding, allInside, zoomForLength, fitMargin, labelMargin, withMargin, NO_PADDING, type Box } from '../../src/lib/map/framing.ts';

const box = (left: number, top: number, right: number, bottom: number): Box => ({ left, top, right, bottom });

describe('unobstructedPadding', () => {
  const cases: [string, { width: number; height: number }, Box[], { top: number; right: number; bottom: number; left: number }][] = [
    ['a map with nothing over it is all free', { width: 900, height: 600 }, [], NO_PADDING],
    ['a card docked at the bottom takes its height off the bottom', { width: 390, height: 560 }, [box(0, 400, 390, 560)], { top: 0, right: 0, bottom: 160, left: 0 }],
    ['a card docked at the side takes its width off that side', { width: 844, height: 240 }, [box(0, 48, 320, 240)], { top: 0, right: 0, bottom: 0, left: 320 }],
    [
      'desktop controls: a button row at the top, zoom buttons down the right, credits along the bottom',
      { width: 900, height: 670 },
      [box(10, 10, 60, 40), box(780, 10, 848, 43), box(860, 10, 890, 110), box(210, 640, 890, 664)],
      { top: 43, right: 40, bottom: 30, left: 0 },
    ],
    ['an obstruction outside the map is ignored', { width: 400, height: 300 }, [box(-200, 0, -10, 300), box(0, 310, 400, 400)], NO_PADDING],
    ['a box reaching past the map is clipped to it', { width: 400, height: 300 }, [box(-50, 250, 450, 400)], { top: 0, right: 0, bottom: 50, left: 0 }],
  ];
  for (const [name, size, boxes, expected] of cases) {
    it(name, () => {
      expect(unobstructedPadding(size, boxes)).toEqual(expected);
    });
  }

  it('leaves every obstruction outside the free area it returns', () => {
    const size = { width: 640, height: 420 };
    const boxes = [box(10, 10, 62, 40), box(406, 10, 588, 43), box(600, 10, 630, 98), box(606, 386, 630, 410), box(0, 250, 640, 420)];
    const p = unobstructedPadding(size, boxes);
    const free = box(p.left, p.top, size.width - p.right, size.height - p.bottom);
    for (const b of boxes) {
      const overlap = b.left < free.right && free.left < b.right && b.top < free.bottom && free.top < b.bottom;
      expect(overlap).toBe(false);
    }
  });

  it('never shrinks the free area below a quarter each way, even when covered almost everywhere', () => {
    const p = unobstructedPadding({ width: 300, height: 250 }, [box(0, 20, 300, 250)]);
    expect(p.top + p.bottom).toBeLessThanOrEqual(250 * 0.75);
  });

  it('gives no padding to a map with no size yet', () => {
    expect(unobstructedPadding({ width: 0, height: 0 }, [box(0, 0, 10, 10)])).toEqual(NO_PADDING);
  });
});

describe('allInside', () => {
  const size = { width: 400, height: 300 };
  const p = { top: 40, right: 40, bottom: 100, left: 0 };
  it('is true for points in the free area, clear of its edges by the margin', () => {
    expect(allInside([{ x: 200, y: 100 }, { x: 30, y: 180 }], size, p, 20)).toBe(true);
  });
  it('is false for a point under an overlay', () => {
    expect(allInside([{ x: 200, y: 100 }, { x: 200, y: 250 }], size, p)).toBe(false);
    expect(allInside([{ x: 380, y: 100 }], size, p)).toBe(false);
  });
  it('is false for a point too close to the edge of the free area', () => {
    expect(allInside([{ x: 10, y: 100 }], size, p, 20)).toBe(false);
  });
});

describe('zoomForLength', () => {
  it('zooms one level in for every halving of the missing length', () => {
    expect(zoomForLength(10, 8, 40)).toBeCloseTo(10, 10);
    expect(zoomForLength(20, 8, 40)).toBeCloseTo(9, 10);
  });
  it('keeps the zoom when the arrow is long enough, or has no length at all', () => {
    expect(zoomForLength(40, 8, 40)).toBe(8);
    expect(zoomForLength(120, 8, 40)).toBe(8);
    expect(zoomForLength(0, 8, 40)).toBe(8);
  });
});

describe('margins', () => {
  it('adds the same margin on every side', () => {
    expect(withMargin({ top: 1, right: 2, bottom: 3, left: 4 }, 10)).toEqual({ top: 11, right: 12, bottom: 13, left: 14 });
  });
  it('leaves room for names left and right on a wide map only', () => {
    expect(withMargin(NO_PADDING, 40, 80)).toEqual({ top: 40, right: 80, bottom: 40, left: 80 });
    expect(labelMargin({ width: 900, height: 600 }, { top: 40, right: 40, bottom: 30, left: 0 }, 40)).toBe(80);
    expect(labelMargin({ width: 390, height: 500 }, NO_PADDING, 40)).toBe(40);
  });
  it('shrinks the margin when a small map has no room for it', () => {
    expect(fitMargin({ width: 900, height: 600 }, NO_PADDING, 40)).toBe(40);
    expect(fitMargin({ width: 300, height: 250 }, { top: 40, right: 40, bottom: 120, left: 0 }, 40)).toBe(25);
    expect(fitMargin({ width: 100, height: 100 }, { top: 50, right: 0, bottom: 50, left: 0 }, 40)).toBe(0);
  });
});
