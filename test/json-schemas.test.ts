import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { jsonSchemaFiles } from '../scripts/schema-files.ts';
import { repoRoot } from './support/compile-case.ts';

describe('JSON Schemas of the declaration language', () => {
  const dir = join(repoRoot, 'schemas/json');
  const schemas = jsonSchemaFiles();

  test('schemas/json holds exactly the exported schemas (run npm run schemas when this fails)', () => {
    expect(readdirSync(dir).sort()).toEqual(Object.keys(schemas).sort());
    for (const [file, content] of Object.entries(schemas)) expect(readFileSync(join(dir, file), 'utf8'), file).toBe(content);
  });

  test('keep the patterns and enums the validator enforces', () => {
    const endpoint = JSON.parse(schemas['scrape-endpoint.schema.json']!) as { properties: Record<string, { pattern?: string; enum?: string[] }>; additionalProperties: unknown };
    expect(endpoint.additionalProperties).toBe(false);
    expect(new RegExp(endpoint.properties.interval!.pattern!).test('1m30s')).toBe(true);
    expect(new RegExp(endpoint.properties.interval!.pattern!).test('15x')).toBe(false);
    expect(endpoint.properties.scheme!.enum).toEqual(['http', 'https']);
  });
});
