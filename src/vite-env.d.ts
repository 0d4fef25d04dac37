/// <reference types="svelte" />
/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Other origins `data=` links may load datasets from, comma-separated (default: none). */
  readonly VITE_DATA_ORIGINS?: string;
  /** Optional online basemap style (MapLibre style JSON URL); see README "Online basemap". */
  readonly VITE_BASEMAP_STYLE_URL?: string;
  /** Optional dark variant of the online style. */
  readonly VITE_BASEMAP_STYLE_URL_DARK?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
