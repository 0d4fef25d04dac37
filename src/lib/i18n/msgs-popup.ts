/**
 * Messages of a place's popup: imported only by the popup, so their English rides in the chunk
 * that opens popups, not in the main bundle.
 */
import { define } from './i18n.svelte.ts';
import { EN_POPUP } from './en-popup.ts';

export const tPopup = define('popup', EN_POPUP.popup);
