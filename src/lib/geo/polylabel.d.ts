/** polylabel ships no types. */
declare module 'polylabel' {
  /** The pole of inaccessibility of a polygon (outer ring, then holes); `distance` to its nearest edge. */
  export default function polylabel(
    polygon: number[][][],
    precision?: number,
    debug?: boolean,
  ): [number, number] & { distance: number };
}
