/// <reference types="svelte" />
/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Other origins `data=` links may load datasets from, comma-separated (default: none). */
  readonly VITE_DATA_ORIGINS?: string;
}
