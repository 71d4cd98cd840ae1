import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { listFiles } from '../generators/core/output.ts';
import { goldenRoot, repoRoot } from './support/compile-case.ts';

/** The real CLI, run as `npm run build` runs it, from the repository root. */
function cli(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/cli.ts', ...args], { cwd: repoRoot, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

// Inside the repository, so the definitions resolve `#schemas` as users' files do.
const workRoot = join(repoRoot, 'test/.work');
mkdirSync(workRoot, { recursive: true });
const work = mkdtempSync(join(workRoot, 'cli-'));
afterAll(() => {
  // Kept on failure for inspection; test/.work is ignored by git.
});

/** A copy of a golden case's definitions that a test may edit, and an out/ folder beside it. */
function workspace(name: string, from = 'scrape-static-basic') {
  const dir = join(work, name);
  cpSync(join(goldenRoot, from, 'definitions'), join(dir, 'definitions'), { recursive: true });
  return { definitions: relative(repoRoot, join(dir, 'definitions')), out: relative(repoRoot, join(dir, 'out')), dir };
}

function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(listFiles(dir).map((path) => [path, readFileSync(join(dir, path), 'utf8')]));
}

function edit(file: string, from: string, to: string) {
  const text = readFileSync(file, 'utf8');
  expect(text).toContain(from);
  writeFileSync(file, text.replace(from, to));
}

describe('monac build and check', () => {
  test('build writes out/ and check then finds it fresh', () => {
    const ws = workspace('fresh');
    const build = cli('build', '--definitions', ws.definitions, '--out', ws.out);
    expect(build.code, build.stderr).toBe(0);
    // prometheus.yml, and the compose file that runs it.
    expect(build.stdout).toContain('wrote 2 file(s)');
    expect(cli('check', '--definitions', ws.definitions, '--out', ws.out).code).toBe(0);
  });

  test('check exits 1 and names the stale file when a definition changed without a rebuild', () => {
    const ws = workspace('stale');
    expect(cli('build', '--definitions', ws.definitions, '--out', ws.out).code).toBe(0);
    edit(join(ws.dir, 'definitions/index.ts'), "interval: '5s'", "interval: '10s'");
    const check = cli('check', '--definitions', ws.definitions, '--out', ws.out);
    expect(check.code).toBe(1);
    expect(check.stderr).toContain(`${ws.out}/prometheus/prometheus.yml: stale`);
  });

  test('check reports files that nothing generates, and build removes them', () => {
    const ws = workspace('extra');
    expect(cli('build', '--definitions', ws.definitions, '--out', ws.out).code).toBe(0);
    writeFileSync(join(ws.dir, 'out/prometheus/old.yml'), 'old\n');
    const check = cli('check', '--definitions', ws.definitions, '--out', ws.out);
    expect(check.code).toBe(1);
    expect(check.stderr).toContain('prometheus/old.yml: extra');
    expect(cli('build', '--definitions', ws.definitions, '--out', ws.out).code).toBe(0);
    expect(existsSync(join(ws.dir, 'out/prometheus/old.yml'))).toBe(false);
  });

  test.each([
    ['a bad duration', "interval: '5s'", "interval: '15x'", 'schema/duration checkout-api.endpoints[0].interval'],
    ['a duplicate job name', "job: 'checkout-api-business'", "job: 'checkout-api'", 'scrape/duplicate-job checkout-api.endpoints[1].job'],
    ['a scrape timeout above its interval', "interval: '5s'", "interval: '5s', timeout: '6s'", 'scrape/timeout-exceeds-interval checkout-api.endpoints[0].timeout'],
  ])('rejects %s with one diagnostic at file:line, exit 1, and out/ untouched', (_, from, to, expected) => {
    const ws = workspace(`bad-${expected.split(' ')[0]!.replace('/', '-')}`);
    expect(cli('build', '--definitions', ws.definitions, '--out', ws.out).code).toBe(0);
    const before = snapshot(join(ws.dir, 'out'));
    edit(join(ws.dir, 'definitions/index.ts'), from, to);
    const build = cli('build', '--definitions', ws.definitions, '--out', ws.out);
    expect(build.code).toBe(1);
    const lines = build.stderr.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(new RegExp(`^${ws.definitions}/index\\.ts:\\d+:\\d+ error `));
    expect(lines[0]).toContain(expected);
    expect(lines[1]).toBe('1 error(s); nothing was written');
    expect(snapshot(join(ws.dir, 'out'))).toEqual(before);
  });

  test('validate writes nothing', () => {
    const ws = workspace('validate');
    const result = cli('validate', '--definitions', ws.definitions, '--out', ws.out);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('definitions are valid (1 services, 2 scrape jobs)');
    expect(existsSync(join(ws.dir, 'out'))).toBe(false);
  });

  test('--only writes one generator and keeps the other files', () => {
    const ws = workspace('only');
    expect(cli('build', '--definitions', ws.definitions, '--out', ws.out).code).toBe(0);
    writeFileSync(join(ws.dir, 'out/unrelated.txt'), 'kept\n');
    const build = cli('build', '--only', 'prometheus', '--definitions', ws.definitions, '--out', ws.out);
    expect(build.code, build.stderr).toBe(0);
    expect(readFileSync(join(ws.dir, 'out/unrelated.txt'), 'utf8')).toBe('kept\n');
    expect(cli('check', '--only', 'prometheus', '--definitions', ws.definitions, '--out', ws.out).code).toBe(0);
  });

  test('usage errors exit 2', () => {
    expect(cli('deploy').code).toBe(2);
    expect(cli('build', '--only', 'nope').stderr).toContain('unknown generator nope');
    expect(cli('build', '--only', 'nope').code).toBe(2);
    expect(cli('build', '--definitions', 'test/.work/does-not-exist').code).toBe(2);
    expect(cli('build', '--frobnicate').code).toBe(2);
  });

  test('a definition that throws while loading is a diagnostic at its line', () => {
    const ws = workspace('throws');
    edit(join(ws.dir, 'definitions/index.ts'), "const api = defineService({", "throw new Error('boom');\nconst api = defineService({");
    const build = cli('build', '--definitions', ws.definitions, '--out', ws.out);
    expect(build.code).toBe(1);
    expect(build.stderr).toContain(`${ws.definitions}/index.ts:3:7 error load/failed definitions: loading the definitions failed: boom`);
  });
});
