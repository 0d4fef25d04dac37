/** The editor's entry (edit.html): its own bundle, so readers of the viewer never download it. */
import { mount } from 'svelte';
import Editor from './Editor.svelte';
import { loadFonts } from '../lib/fonts.ts';
import '../app.css';
import './editor.css';

void loadFonts().finally(() => mount(Editor, { target: document.getElementById('app')! }));
