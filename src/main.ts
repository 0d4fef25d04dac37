import { mount } from 'svelte';
import App from './App.svelte';
import { loadFonts } from './lib/fonts.ts';
import './app.css';

// The newsroom's editor is its own page (edit.html): readers never download it.
// Otherwise mount once the fonts are in (or failed): labels must not be rasterised in a fallback font.
if (location.hash === '#edit') location.replace('edit.html');
else void loadFonts().finally(() => mount(App, { target: document.getElementById('app')! }));
