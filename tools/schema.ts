/** Writes the JSON Schema of the story files into geo/ (npm run schema); see json-schema.ts. */
import { writeFileSync } from 'node:fs';
import { jsonSchemaFiles } from './json-schema.ts';

for (const [name, text] of Object.entries(jsonSchemaFiles())) {
  writeFileSync(new URL(`../geo/${name}`, import.meta.url), text);
  console.log(`geo/${name}`);
}
