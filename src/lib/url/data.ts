/**
 * Which datasets a link may open with `data=<path>`: this site's own files (and blob: URLs made by
 * this site, the editor's preview), and other origins only
 * when the build lists them (VITE_DATA_ORIGINS, comma-separated), so a link cannot make the app
 * fetch from an arbitrary host.
 */
export function resolveDataUrl(data: string, base: URL, allowedOrigins: readonly string[] = []): URL | undefined {
  let url: URL;
  try {
    url = new URL(data, base);
  } catch {
    return undefined;
  }
  // A blob: of this origin is a story the editor made in this browser (its preview).
  if (url.protocol === 'blob:') return url.origin === base.origin ? url : undefined;
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (url.origin === base.origin || allowedOrigins.includes(url.origin)) return url;
  return undefined;
}

/** The build-time list of other origins datasets may come from. */
export function allowedDataOrigins(setting: string | undefined): string[] {
  return (setting ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .flatMap((s) => {
      try {
        return [new URL(s).origin];
      } catch {
        return [];
      }
    });
}
