/**
 * A component loaded on demand. `get()` starts loading it (once; again after a failure) and
 * returns it once it is in, null before: read in a template where the component is first wanted,
 * `{@const C = part.get()}{#if C}<C />{/if}`. (An {#await import()} block does the same, but
 * brings Svelte's await block into the runtime every reader downloads first.)
 */
import type { Component } from 'svelte';

export class OnDemand<T extends Component<never>> {
  #component = $state.raw<T | null>(null);
  #load: (() => Promise<{ default: T }>) | null;

  constructor(load: () => Promise<{ default: T }>) {
    this.#load = load;
  }

  get(): T | null {
    const load = this.#load;
    if (load) {
      this.#load = null;
      load().then(
        (m) => (this.#component = m.default),
        (err: unknown) => {
          this.#load = load;
          console.error(err);
        },
      );
    }
    return this.#component;
  }
}
