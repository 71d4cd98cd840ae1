import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';

/**
 * The package boundary: the declaration language (schemas/) imports nothing
 * from the compiler, and the compiler's core imports no output family (the
 * folders generators/index.ts registers); generators/compile.ts passes the
 * registry in.
 */
const root = join(import.meta.dirname, '..', '..');
const families = [...readFileSync(join(root, 'generators/index.ts'), 'utf8').matchAll(/from '\.\/([a-z-]+)\/index\.ts'/g)].map((m) => m[1]!);

/** Every relative import of each TypeScript file under `dir`, resolved from the repository root. */
function importsUnder(dir: string): { file: string; target: string }[] {
  return readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .flatMap((f) => {
      const file = join(dir, f);
      const text = readFileSync(join(root, file), 'utf8');
      return [...text.matchAll(/(?:from|import\(?)\s*'(\.{1,2}\/[^']+)'/g)].map((m) => ({ file, target: resolve('/', join(file, '..', m[1]!)).slice(1) }));
    });
}

describe('layering', () => {
  test('the registry names the output families', () => {
    expect(families).toEqual(expect.arrayContaining(['prometheus', 'rules', 'alertmanager', 'grafana', 'kubernetes', 'stack', 'docs']));
  });

  test('schemas/ imports nothing from generators/', () => {
    const imports = importsUnder('schemas');
    expect(imports.length).toBeGreaterThan(20);
    expect(imports.filter((i) => i.target.startsWith('generators/'))).toEqual([]);
  });

  test('generators/core/ imports no output family', () => {
    const imports = importsUnder('generators/core');
    expect(imports.length).toBeGreaterThan(40);
    expect(imports.filter((i) => families.some((family) => i.target.startsWith(`generators/${family}/`)) || i.target === 'generators/index.ts')).toEqual([]);
  });
});
