/** Hrefs for in-app links, so a middle-click or "copy link" on an event or place gives a real link. */
import { formatHash } from './hash.ts';

export const eventHref = (event: string, place?: string): string => formatHash({ event, ...(place ? { place } : {}) });
export const placeHref = (place: string): string => formatHash({ place });
