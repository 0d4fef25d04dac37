import { mount } from 'svelte';
import App from './App.svelte';
import { loadFonts } from './lib/fonts.ts';
import { parseHash } from './lib/url/hash.ts';
import { pickLanguage } from './lib/i18n/lang.ts';
import { setLanguage } from './lib/i18n/i18n.svelte.ts';
import './app.css';

/**
 * The interface language: the link's `lang`, else the first of the browser's languages we have,
 * else English. Its messages are fetched before the first paint, so no English flashes first; if
 * they cannot be fetched the interface stays in English.
 */
function startLanguage(): Promise<void> {
  const lang = parseHash(location.hash).state.lang ?? pickLanguage(navigator.languages ?? [navigator.language]);
  return setLanguage(lang).catch((err: unknown) => console.error('The interface language could not be loaded:', err));
}

// The newsroom's editor is its own page (edit.html): readers never download it.
// Otherwise mount once the fonts are in (or failed): labels must not be rasterised in a fallback font.
if (location.hash === '#edit') location.replace('edit.html');
else void Promise.allSettled([loadFonts(), startLanguage()]).finally(() => mount(App, { target: document.getElementById('app')! }));
