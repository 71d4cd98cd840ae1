import { toJson } from '../generators/core/emit.ts';
import { jsonSchemas } from '../schemas/json-schemas.ts';

/** The JSON Schema files of schemas/json/, by file name, written as every JSON artifact is (the emit module's toJson). */
export function jsonSchemaFiles(): Record<string, string> {
  return Object.fromEntries(Object.entries(jsonSchemas()).map(([file, schema]) => [file, toJson(schema)]));
}
