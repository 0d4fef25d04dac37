/**
 * The map as drawn, as a PNG of the canvas's own size, with the story's title and the map's
 * attribution written on it (a picture that travels alone must still credit its data).
 */
import type { Map as MapLibreMap } from 'maplibre-gl';

export function mapPng(map: MapLibreMap, title: string, attribution: string): Promise<Blob> {
  return new Promise((resolve, reject) => {
    // The WebGL buffer is only readable during the frame that drew it.
    map.once('render', () => {
      const source = map.getCanvas();
      const out = document.createElement('canvas');
      out.width = source.width;
      out.height = source.height;
      const ctx = out.getContext('2d');
      if (!ctx) return reject(new Error('no 2D canvas'));
      ctx.drawImage(source, 0, 0);
      const scale = source.width / source.clientWidth || 1;
      const pad = 8 * scale;
      const band = (text: string, size: number, y: number, align: 'left' | 'right') => {
        ctx.font = `${align === 'left' ? '600 ' : ''}${size * scale}px "Noto Sans", sans-serif`;
        const width = Math.min(ctx.measureText(text).width, out.width - 2 * pad);
        const x = align === 'left' ? pad : out.width - width - 2 * pad;
        ctx.fillStyle = 'rgba(255,255,255,0.85)';
        ctx.fillRect(x, y, width + 2 * pad, size * scale * 1.6);
        ctx.fillStyle = '#1f2937';
        ctx.textBaseline = 'middle';
        ctx.fillText(text, x + pad, y + size * scale * 0.8, out.width - 4 * pad);
      };
      band(title, 16, pad, 'left');
      band(attribution, 11, out.height - 11 * scale * 1.6 - pad, 'right');
      out.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the map could not be encoded'))), 'image/png');
    });
    map.triggerRepaint();
  });
}

/** The attribution text of every visible source, deduplicated, as plain text. */
export function attributionText(map: MapLibreMap): string {
  const seen = new Set<string>();
  for (const id of Object.keys(map.getStyle().sources)) {
    const text = map.getSource(id)?.attribution;
    if (!text) continue;
    // Attribution strings may contain links; keep only their text.
    const plain = new DOMParser().parseFromString(text, 'text/html').body.textContent?.trim();
    if (plain) seen.add(plain);
  }
  return `© ${[...seen].join(' · ')}`;
}
