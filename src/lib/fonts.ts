/**
 * The app's fonts, served by the app itself: Noto Sans (Latin, regular and semibold) for the UI
 * and labels, Noto Sans Arabic and Hebrew for local names. Only these subsets and weights: every
 * other file of the packages stays out of the build.
 */
import '@fontsource/noto-sans/latin-400.css';
import '@fontsource/noto-sans/latin-600.css';
import '@fontsource/noto-sans-arabic/arabic-400.css';
import '@fontsource/noto-sans-hebrew/hebrew-400.css';

/**
 * Loads the label fonts before the map draws its first label: MapLibre rasterises each glyph once,
 * so an Arabic name drawn while its font is still loading would keep a fallback font for good.
 */
export async function loadFonts(): Promise<void> {
  if (typeof document === 'undefined' || !document.fonts) return;
  await Promise.allSettled([
    document.fonts.load('16px "Noto Sans"', 'Gaza'),
    document.fonts.load('600 16px "Noto Sans"', 'Gaza'),
    document.fonts.load('16px "Noto Sans Arabic"', 'غزة'),
    document.fonts.load('16px "Noto Sans Hebrew"', 'עזה'),
  ]);
}
