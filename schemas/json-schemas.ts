import { z } from 'zod';
import { dashboard } from './dashboard.ts';
import { project } from './project.ts';
import { scrapeEndpoint } from './scrape.ts';
import { service } from './service.ts';

/**
 * The declaration language as JSON Schemas, by file name under schemas/json/,
 * as data: the language imports nothing of the compiler, so the files are
 * written with its one JSON function by scripts/schema-files.ts.
 */
export function jsonSchemas(): Record<string, object> {
  const declarations = { project, service, dashboard, 'scrape-endpoint': scrapeEndpoint };
  return Object.fromEntries(
    Object.entries(declarations).map(([name, schema]) => [
      `${name}.schema.json`,
      { ...z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }), $id: `monac/${name}.schema.json`, title: name },
    ]),
  );
}
