/** What the import tests share: the written tree against its golden, and a project around an imported folder. */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';
import { listFiles } from '../../generators/core/output.ts';

/** The files of a folder, path to content. */
export function tree(dir: string): Map<string, string> {
  return new Map(listFiles(dir).map((path) => [path, readFileSync(join(dir, path), 'utf8')]));
}

/** The written folder equals its golden folder, file for file; UPDATE_GOLDEN rewrites the golden (never under CI). */
export function expectGoldenTree(writtenDir: string, expectedDir: string): void {
  const written = tree(writtenDir);
  if (process.env.UPDATE_GOLDEN) {
    // A CI run that rewrote its goldens would pass whatever the importer wrote.
    expect(process.env.CI, 'UPDATE_GOLDEN is refused under CI').toBeUndefined();
    rmSync(expectedDir, { recursive: true, force: true });
    for (const [path, content] of written) {
      mkdirSync(dirname(join(expectedDir, path)), { recursive: true });
      writeFileSync(join(expectedDir, path), content);
    }
  }
  const expected = tree(expectedDir);
  expect([...written.keys()], 'a written file without a golden, or a golden nothing wrote').toEqual([...expected.keys()]);
  for (const [path, content] of written) expect(content, path).toBe(expected.get(path));
}

/** definitions/index.ts around definitions/imported: its services only, on the targets the tests' tools run. */
export function projectOfImportedServices(definitions: string, name: string): void {
  writeFileSync(join(definitions, 'index.ts'), [
    `import { defineProject } from '#schemas';`,
    `import * as imported from './imported/index.ts';`,
    `export default defineProject({ name: '${name}', targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' }, services: imported.services,`,
    `  grafana: { datasource: { url: 'http://prometheus:9090' }, serviceDashboards: false, sloDashboards: false, infrastructure: false } });`,
    '',
  ].join('\n'));
}
