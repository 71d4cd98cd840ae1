import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { listFiles } from '../generators/core/output.ts';
import { compileDefinitions, goldenCases, goldenRoot } from './support/compile-case.ts';

/**
 * Two-way golden harness: every generated file must have a golden, and every
 * golden must be generated. `npm run test:update` rewrites them; with CI
 * set (to any value) UPDATE_GOLDEN is refused, so a missing or different
 * golden always fails there.
 */
const updating = process.env.UPDATE_GOLDEN !== undefined && process.env.UPDATE_GOLDEN !== '';
// A CI run that rewrote its goldens would pass whatever the compiler wrote: refuse, whatever CI's value.
if (updating && process.env.CI !== undefined) {
  throw new Error(`UPDATE_GOLDEN is refused while CI is set (CI=${JSON.stringify(process.env.CI)}): goldens are rewritten by hand, with npm run test:update, and reviewed`);
}

async function actualFiles(name: string): Promise<Map<string, string>> {
  const { diagnostics, files } = await compileDefinitions(join(goldenRoot, name, 'definitions'));
  const actual = new Map<string, string>();
  for (const [path, { content, generator }] of files ?? []) actual.set(`${generator}/${path}`, content);
  if (diagnostics.length > 0) actual.set('diagnostics.txt', `${diagnostics.join('\n')}\n`);
  return actual;
}

describe('golden cases', () => {
  test.each(goldenCases())('%s builds to exactly its expected files', async (name) => {
    const expectedDir = join(goldenRoot, name, 'expected');
    const actual = await actualFiles(name);
    if (name.startsWith('invalid-')) {
      expect([...actual.keys()], 'an invalid- case must stop with diagnostics and write nothing').toEqual(['diagnostics.txt']);
      expect(actual.get('diagnostics.txt'), 'an invalid- case must report an error').toMatch(/ error /);
    }
    if (updating) {
      rmSync(expectedDir, { recursive: true, force: true });
      for (const [path, content] of actual) {
        mkdirSync(dirname(join(expectedDir, path)), { recursive: true });
        writeFileSync(join(expectedDir, path), content);
      }
      return;
    }
    const goldens = listFiles(expectedDir);
    const missing = [...actual.keys()].filter((path) => !goldens.includes(path));
    const orphans = goldens.filter((path) => !actual.has(path));
    expect(missing, `generated files without a golden in ${expectedDir} (run npm run test:update and review the diff)`).toEqual([]);
    expect(orphans, `goldens that nothing generates in ${expectedDir}`).toEqual([]);
    for (const [path, content] of actual) {
      expect(content, `${name}/expected/${path}`).toBe(readFileSync(join(expectedDir, path), 'utf8'));
    }
  });

  test('every case has definitions and expected output', () => {
    expect(goldenCases().length).toBeGreaterThan(40);
    for (const name of goldenCases()) {
      expect(existsSync(join(goldenRoot, name, 'definitions/index.ts')), `${name}/definitions/index.ts`).toBe(true);
      if (!updating) expect(existsSync(join(goldenRoot, name, 'expected')), `${name}/expected`).toBe(true);
    }
  });
});
