/** The category vocabulary every story shares; its own module, so the page need not load the validator. */
/** Categories every story may use without declaring them in story.json. */
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
