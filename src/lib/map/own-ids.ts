/**
 * The ids of the sources and layers the app adds over the basemap (story places, arcs, …). The
 * module that adds them registers them here; a basemap swap carries exactly these over.
 */
const ids = new Set<string>();

export const ownIds: ReadonlySet<string> = ids;

/** Registers ids; the returned function unregisters them (for a component's teardown). */
export function registerOwnIds(...list: string[]): () => void {
  for (const id of list) ids.add(id);
  return () => {
    for (const id of list) ids.delete(id);
  };
}
