import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { listFiles } from '../generators/core/output.ts';
import { diagnosticCodes } from '../generators/core/codes.ts';
import { lintRules } from '../generators/lint/index.ts';
import { goldenCases, goldenRoot, repoRoot } from './support/compile-case.ts';

const CODE = /^[a-z]+\/[a-z*-]+$/;

/** Every code of the registry (docs/diagnostics.md shows it); the schema's own (`schema/*`) apart, which a golden need not pin each. */
function readmeCodes(): { codes: string[]; wildcards: string[] } {
  const all = Object.keys(diagnosticCodes);
  return { codes: all.filter((c) => !c.startsWith('schema/')).sort(), wildcards: ['schema/'] };
}

/** The codes the golden cases pin, from every diagnostics.txt. */
function goldenCodes(): Set<string> {
  const codes = new Set<string>();
  for (const name of goldenCases()) {
    const file = join(goldenRoot, name, 'expected/diagnostics.txt');
    if (!listFiles(join(goldenRoot, name, 'expected')).includes('diagnostics.txt')) continue;
    for (const m of readFileSync(file, 'utf8').matchAll(/ (?:error|warning) ([a-z]+\/[a-z-]+) /g)) codes.add(m[1]!);
  }
  return codes;
}

/**
 * Rules that check the built dashboard JSON for what the typed layer already
 * guarantees (panel ids, the grid, the datasource, editable): no declaration
 * can break them, so test/grafana.test.ts breaks the JSON instead.
 */
const structureRules = ['dashboard/overlap', 'dashboard/panel-datasource', 'dashboard/uneditable', 'dashboard/unique-ids'];

/** The generated objects' schemas: no declaration produces a broken object, so test/delivery.test.ts reviews a broken one. */
const reviewCodes = ['delivery/schema'];

/** Codes no build from a definitions folder can raise (the commands read packs before compiling), shown in test/packs.test.ts. */
const compileOnlyCodes = ['pack/not-read'];

/** Upstream findings the importer's rule reader raises for packs too; test/import.test.ts shows them under import/. */
const importerCodes = ['pack/duration', 'pack/annotation-name'];

describe('every diagnostic code is shown to fire', () => {
  const pinned = goldenCodes();
  const { codes, wildcards } = readmeCodes();

  test('docs/diagnostics.md and the registry name codes, and goldens pin some', () => {
    expect(codes.length).toBeGreaterThan(40);
    expect(wildcards).toContain('schema/');
    expect(pinned.size).toBeGreaterThan(40);
  });

  test.each(reviewCodes)('%s is shown firing on a broken object in test/delivery.test.ts', (code) => {
    expect(codes).toContain(code);
    expect(readFileSync(join(repoRoot, 'test/delivery.test.ts'), 'utf8')).toContain(`.toEqual(['${code}'])`);
  });

  test.each(compileOnlyCodes)('%s is shown firing in test/packs.test.ts', (code) => {
    expect(codes).toContain(code);
    expect(readFileSync(join(repoRoot, 'test/packs.test.ts'), 'utf8')).toContain(`'${code}'`);
  });

  test.each(importerCodes)('%s is raised by the importer\'s reader of rules, as its import/ code', (code) => {
    expect(readFileSync(join(repoRoot, 'scripts/import/rules/index.ts'), 'utf8')).toContain(`'${code.replace('pack/', 'import/')}'`);
  });

  test.each(codes.filter((code) => !reviewCodes.includes(code) && !compileOnlyCodes.includes(code) && !importerCodes.includes(code)))('%s, listed in docs/diagnostics.md, appears in some golden diagnostics.txt', (code) => {
    expect(pinned.has(code), `no test/golden/*/expected/diagnostics.txt contains ${code}; add an invalid- case`).toBe(true);
  });

  test.each(lintRules.map((rule) => rule.code).filter((code) => !structureRules.includes(code)))(
    'the lint rule %s appears in some golden diagnostics.txt',
    (code) => {
      expect(pinned.has(code), `no golden case shows ${code} firing`).toBe(true);
    },
  );

  test.each(structureRules)('the structure rule %s is broken on purpose in test/grafana.test.ts', (code) => {
    expect(lintRules.map((r) => r.code)).toContain(code);
    const grafanaTest = readFileSync(join(repoRoot, 'test/grafana.test.ts'), 'utf8');
    expect(grafanaTest).toContain(`['${code}', (d: BuiltDashboard) =>`);
  });

  test('every code the compiler can report is in the registry of codes (generators/core/codes.ts) or a lint rule, and every registered code is raised somewhere', () => {
    const sources = ['generators', 'schemas', 'scripts/packs'].flatMap((dir) => listFiles(join(repoRoot, dir)).filter((f) => f.endsWith('.ts')).map((f) => join(repoRoot, dir, f)));
    const used = new Set(sources.flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/'([a-z]+\/[a-z-]+)'/g)].map((m) => m[1]!)));
    expect(used.size).toBeGreaterThan(50);
    const lint = new Set(lintRules.map((r) => r.code));
    const unlisted = [...used].filter((code) => !(code in diagnosticCodes) && !lint.has(code));
    expect(unlisted, 'codes generators/core/codes.ts does not list').toEqual([]);
    // And no registered code that nothing raises.
    const raised = (code: string) => used.has(code) || code.startsWith('schema/') || importerCodes.includes(code);
    expect(Object.keys(diagnosticCodes).filter((code) => !raised(code))).toEqual([]);
  });
});
