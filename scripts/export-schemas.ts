/** Writes the JSON Schemas of the declaration language into schemas/json/ (`npm run schemas`). */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { jsonSchemaFiles } from './schema-files.ts';

const dir = join(import.meta.dirname, '../schemas/json');
mkdirSync(dir, { recursive: true });
const schemas = jsonSchemaFiles();
for (const file of readdirSync(dir)) if (!(file in schemas)) rmSync(join(dir, file));
for (const [file, content] of Object.entries(schemas)) writeFileSync(join(dir, file), content);
console.log(`wrote ${Object.keys(schemas).length} JSON Schemas to schemas/json/`);
