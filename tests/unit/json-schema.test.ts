/**
 * The published JSON Schemas (geo/*.schema.json) under ajv's strict mode: they compile, accept the
 * seed story, and refuse what the validator refuses wherever JSON Schema can say it.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { validateBundle } from '../../src/lib/story/validate.ts';
import { jsonSchemaFiles } from '../../tools/json-schema.ts';
import { seedWith, place, event, type LooseBundle } from './helpers/stories.ts';

const NAMES = ['story', 'places', 'events', 'bundle'] as const;
type Name = (typeof NAMES)[number];

const published = (name: Name) => JSON.parse(readFileSync(new URL(`../../geo/${name}.schema.json`, import.meta.url), 'utf8'));

function compileAll(): Record<Name, ValidateFunction> {
  const ajv = new Ajv({ strict: true, allErrors: true });
  addFormats(ajv);
  return Object.fromEntries(NAMES.map((n) => [n, ajv.compile(published(n))])) as Record<Name, ValidateFunction>;
}

const now = new Date('2025-06-01T12:00:00Z');
const validatorErrors = (b: LooseBundle) => validateBundle(b, { now }).errors;

/** Which file of the bundle a change touches, so that file's own schema is checked too. */
type Case = [string, Name, (b: LooseBundle) => void];

const refusedByBoth: Case[] = [
  ['an event dated 30 February', 'events', (b) => (event(b, 'siegel-handover').date = '2025-02-30')],
  ['an event dated in month 13', 'events', (b) => (event(b, 'siegel-handover').date = '2025-13')],
  ['an event dated 29 February of a common year', 'events', (b) => (event(b, 'siegel-handover').date = '2023-02-29')],
  ['an event dated 31 April', 'events', (b) => (event(b, 'siegel-handover').date = '2024-04-31')],
  ['an event dated day 00', 'events', (b) => (event(b, 'siegel-handover').date = '2025-01-00')],
  ['a publication date of 30 February', 'story', (b) => (b.story.published.date = '2025-02-30')],
  ['a point at [200, 100]', 'places', (b) => (place(b, 'rafah').geometry.coordinates = [200, 100])],
  ['a point with latitude 95', 'places', (b) => (place(b, 'rafah').geometry.coordinates = [34.2, 95])],
  ['a polygon corner at longitude 200', 'places', (b) => (place(b, 'gaza-strip').geometry.coordinates[0][1] = [200, 31.5])],
  ['a bbox starting [200, 100, …]', 'story', (b) => (b.story.bbox = [200, 100, 210, 110])],
  ['a time of 24:00', 'events', (b) => (event(b, 'siegel-handover').time = '24:00')],
  ['a radius of 0 m', 'places', (b) => (place(b, 'rafah').properties.precision.radiusM = 0)],
  ['a negative figure', 'events', (b) => (event(b, 'siegel-handover').figures[0].value = -1)],
  ['an empty translated title', 'events', (b) => (event(b, 'siegel-handover').translations = { ar: { title: ' ' } })],
  ['a translated summary that is not a string', 'events', (b) => (event(b, 'siegel-handover').translations = { he: { summary: 7 } })],
  ['an unknown field inside an event translation', 'events', (b) => (event(b, 'siegel-handover').translations = { ar: { title: 'عنوان', notes: 'x' } })],
  ['a summary in the story title\'s translation', 'story', (b) => (b.story.translations = { ar: { title: 'عنوان', summary: 'ملخص' } })],
  ['a translation with no text', 'events', (b) => (event(b, 'siegel-handover').translations = { he: {} })],
  ['a translation that is not an object', 'story', (b) => (b.story.translations = { ar: 'عنوان' })],
  ['a translation language in upper case', 'events', (b) => (event(b, 'siegel-handover').translations = { AR: { title: 'عنوان' } })],
  ['a translation region in lower case', 'events', (b) => (event(b, 'siegel-handover').translations = { 'ar-eg': { title: 'عنوان' } })],
  ['a language name as a translation key', 'story', (b) => (b.story.translations = { arabic: { title: 'عنوان' } })],
  ['an empty translation key', 'story', (b) => (b.story.translations = { '': { title: 'عنوان' } })],
  ['"und" as a translation language', 'story', (b) => (b.story.translations = { und: { title: 'x' } })],
  ['"__proto__" as a translation language', 'story', (b) => (b.story.translations = JSON.parse('{"__proto__": {"title": "x"}}'))],
  ['"constructor" as a translation language', 'events', (b) => (event(b, 'siegel-handover').translations = JSON.parse('{"constructor": {"title": "x"}}'))],
];

const acceptedByBoth: Case[] = [
  ['the seed story as it is', 'story', () => {}],
  ['an event dated 29 February of a leap year', 'events', (b) => (event(b, 'siegel-handover').date = '2024-02-29')],
  ['an event dated by month', 'events', (b) => (event(b, 'siegel-handover').date = '2025-01')],
  ['an event dated by year', 'events', (b) => (event(b, 'siegel-handover').date = '2024')],
  ['a point with an altitude', 'places', (b) => (place(b, 'rafah').geometry.coordinates = [34.2592, 31.2486, 20])],
  [
    'translations with a script or a region',
    'events',
    (b) => {
      b.story.translations = { ...b.story.translations, 'zh-Hant': { title: '拉法口岸' }, 'es-419': { title: 'Cruce de Rafah' } };
      for (const e of b.events) e.translations = { ...e.translations, 'zh-Hant': { title: '標題' }, 'pt-BR': { title: 'Título', summary: 'Resumo' } };
    },
  ],
];

/** Refused by the validator only: rules across values or files, listed in geo/README.md. */
const validatorOnly: Case[] = [
  ['an unclosed ring', 'places', (b) => place(b, 'gaza-strip').geometry.coordinates[0].pop()],
  ['a date in the future', 'events', (b) => (event(b, 'siegel-handover').date = '2025-12-01')],
  ['a bbox with west east of east', 'story', (b) => (b.story.bbox = [35.7, 30.9, 33.5, 32.2])],
  ['an event at a place that does not exist', 'events', (b) => (event(b, 'siegel-handover').places[0].id = 'atlantis')],
  ['a translation into the story\'s own language', 'story', (b) => (b.story.translations = { en: { title: 'Another title' } })],
];

const fileOf = (b: LooseBundle, name: Name): unknown => (name === 'bundle' ? b : b[name]);

describe('the published JSON Schemas', () => {
  const schemas = compileAll();

  it('are what npm run schema writes (regenerate after changing schema.ts or json-schema.ts)', () => {
    for (const [file, text] of Object.entries(jsonSchemaFiles())) {
      expect(readFileSync(new URL(`../../geo/${file}`, import.meta.url), 'utf8'), file).toBe(text);
    }
  });

  it.each(acceptedByBoth)('accept %s, as the validator does', (_, name, change) => {
    const b = seedWith(change);
    expect(validatorErrors(b)).toEqual([]);
    expect(schemas[name](fileOf(b, name)), JSON.stringify(schemas[name].errors)).toBe(true);
    expect(schemas.bundle(b), JSON.stringify(schemas.bundle.errors)).toBe(true);
  });

  it('accept every file of the seed story', () => {
    const b = seedWith();
    for (const name of NAMES) expect(schemas[name](fileOf(b, name)), `${name}: ${JSON.stringify(schemas[name].errors)}`).toBe(true);
  });

  it.each(refusedByBoth)('refuse %s, as the validator does', (_, name, change) => {
    const b = seedWith(change);
    expect(validatorErrors(b).length).toBeGreaterThan(0);
    expect(schemas[name](fileOf(b, name))).toBe(false);
    expect(schemas.bundle(b)).toBe(false);
  });

  it.each(validatorOnly)('leave %s to the validator, which refuses it', (_, name, change) => {
    const b = seedWith(change);
    expect(validatorErrors(b).length).toBeGreaterThan(0);
    expect(schemas[name](fileOf(b, name))).toBe(true);
  });
});
