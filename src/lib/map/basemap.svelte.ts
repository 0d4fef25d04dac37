/**
 * Which basemap the map shows: embedded (default) or an online style configured at build time,
 * light or dark (the system's preference until the person picks one). If the online style or its
 * tiles fail, the map falls back to the embedded basemap and `notice` says so.
 */
import { t } from '../i18n/i18n.svelte.ts';
import { MediaQuery } from 'svelte/reactivity';
import type { StyleSpecification } from 'maplibre-gl';
import { basemapStyle } from './style.ts';

export type Theme = 'light' | 'dark';
export type BasemapChoice = 'embedded' | 'online';

const THEME_KEY = 'article-atlas:theme';

export interface BasemapConfig {
  /** URL of the embedded basemap folder, ending in '/'. */
  base: string;
  /** Online style URLs; without `light` there is no online choice. */
  online?: { light?: string | undefined; dark?: string | undefined };
  /** The interface language, read reactively: the embedded basemap's labels lead with it. */
  lang?: () => string;
}

function storedTheme(): Theme | null {
  try {
    const value = globalThis.localStorage?.getItem(THEME_KEY);
    return value === 'light' || value === 'dark' ? value : null;
  } catch {
    return null;
  }
}

export class BasemapState {
  readonly #config: BasemapConfig;
  readonly #systemDark = new MediaQuery('(prefers-color-scheme: dark)', false);
  /** The person's pick; null follows the system. */
  #theme = $state<Theme | null>(storedTheme());
  choice = $state<BasemapChoice>('embedded');
  /** Why the online basemap was abandoned, for the person to read; null when all is well. */
  notice = $state<string | null>(null);

  constructor(config: BasemapConfig) {
    this.#config = config;
    if (this.hasOnline) this.choice = 'online';
  }

  get hasOnline(): boolean {
    return Boolean(this.#config.online?.light);
  }

  get theme(): Theme {
    return this.#theme ?? (this.#systemDark.current ? 'dark' : 'light');
  }

  set theme(value: Theme) {
    if (value === this.#theme) return;
    this.#theme = value;
    try {
      globalThis.localStorage?.setItem(THEME_KEY, value);
    } catch {
      // Private mode or storage off: the choice lasts for this visit only.
    }
  }

  /** The style to show: a style object (embedded) or an online style's URL. */
  readonly style: StyleSpecification | string = $derived.by(() => {
    const dark = this.theme === 'dark';
    const online = this.#config.online;
    if (this.choice === 'online' && online?.light) return (dark && online.dark) || online.light;
    return basemapStyle({ base: this.#config.base, dark, lang: this.#config.lang?.() ?? 'en' });
  });

  /** The online basemap failed: go back to the embedded one and say why. */
  fail(reason: string): void {
    if (this.choice !== 'online') return;
    this.choice = 'embedded';
    this.notice = t.tools.onlineFailed({ reason });
  }

  choose(choice: BasemapChoice): void {
    if (choice === 'online' && !this.hasOnline) return;
    this.choice = choice;
    this.notice = null;
  }
}
