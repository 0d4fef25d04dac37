// LOCAL STUB (i18n-ui): replaced by i18n-story's module at merge; delete before merging.
import type { StoryEvent, StoryMeta } from './types.ts';
export interface Localized { text: string; lang: string; translated: boolean }
export function eventTitle(ev: StoryEvent, lang: string, storyLang: string): Localized {
  return { text: ev.title, lang: storyLang, translated: lang === storyLang };
}
export function eventSummary(ev: StoryEvent, lang: string, storyLang: string): Localized {
  return { text: ev.summary, lang: storyLang, translated: lang === storyLang };
}
export function storyTitle(meta: StoryMeta, lang: string): Localized {
  return { text: meta.title, lang: meta.language, translated: lang === meta.language };
}
