/**
 * Categories every story may use without declaring them in story.json. A module of their own, so
 * the page knows them without loading the validator.
 */
export const STANDARD_CATEGORIES = [
  'crossing-status',
  'medical-evacuation',
  'captive-release',
  'prisoner-release',
  'ceasefire',
  'military-operation',
  'humanitarian',
  'context',
] as const;
