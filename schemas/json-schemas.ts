import { z } from 'zod';
import { toJson } from '../generators/core/emit.ts';
import { dashboard } from './dashboard.ts';
import { project } from './project.ts';
import { scrapeEndpoint } from './scrape.ts';
import { service } from './service.ts';

/** The declaration language as JSON Schemas, by file name under schemas/json/. */
export function jsonSchemas(): Record<string, string> {
  const declarations = { project, service, dashboard, 'scrape-endpoint': scrapeEndpoint };
  return Object.fromEntries(
    Object.entries(declarations).map(([name, schema]) => [
      `${name}.schema.json`,
      toJson({ ...z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }), $id: `monac/${name}.schema.json`, title: name }),
    ]),
  );
}
