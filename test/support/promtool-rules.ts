import { join } from 'node:path';
import { expect } from 'vitest';
import { listFiles } from '../../generators/core/output.ts';
import { compileDefinitions } from './compile-case.ts';
import { materialize } from './materialize.ts';
import { runTool } from './tools.ts';

/** A project's definitions built into a temporary folder: its prometheus/ folder, rule files and test files. */
export async function build(definitions: string) {
  const { files, diagnostics } = await compileDefinitions(definitions);
  expect(files, diagnostics.join('\n')).toBeDefined();
  const out = materialize(files!);
  const inPrometheus = listFiles(join(out, 'prometheus'));
  return {
    prometheus: join(out, 'prometheus'),
    rules: inPrometheus.filter((p) => p.startsWith('rules/')),
    tests: inPrometheus.filter((p) => p.startsWith('tests/')),
    diagnostics,
  };
}

export function checkRules(dir: string, files: readonly string[]) {
  for (const file of files) {
    const result = runTool('promtool', ['check', 'rules', '--lint-fatal', file], dir);
    expect(result.status, `promtool check rules ${file}:\n${result.stdout}${result.stderr}`).toBe(0);
  }
}

export function testRules(dir: string, files: readonly string[]) {
  for (const file of files) {
    const result = runTool('promtool', ['test', 'rules', file], dir);
    expect(result.status, `promtool test rules ${file}:\n${result.stdout}${result.stderr}`).toBe(0);
  }
}

