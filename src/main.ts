import { mount } from 'svelte';
import App from './App.svelte';
import { loadFonts } from './lib/fonts.ts';
import './app.css';

// Mount once the fonts are in (or failed): labels must not be rasterised in a fallback font.
void loadFonts().finally(() => mount(App, { target: document.getElementById('app')! }));
