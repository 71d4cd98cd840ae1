import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { listFiles } from '../generators/core/output.ts';
import { goldenRoot, repoRoot } from './support/compile-case.ts';

/** `npm run build`'s command line: node, its flags and the launcher, without the command. */
const npmBuild = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts['build']!.split(' ');
expect(npmBuild.slice(0, 1).concat(npmBuild.slice(-2))).toEqual(['node', 'scripts/monac.mjs', 'build']);

/** The real CLI, run as `npm run build` runs it (the launcher and its bundle), from the repository root. */
function cli(...args: string[]) {
  const result = spawnSync(process.execPath, [...npmBuild.slice(1, -1), ...args], { cwd: repoRoot, encoding: 'utf8' });
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

  test('a rebuild writes the changed files and links the unchanged ones from the old out/', () => {
    const ws = workspace('rebuild');
    expect(cli('build', '--definitions', ws.definitions, '--out', ws.out).code).toBe(0);
    const out = join(ws.dir, 'out');
    const before = snapshot(out);
    const inodes = Object.fromEntries(Object.keys(before).map((path) => [path, statSync(join(out, path)).ino]));
    edit(join(ws.dir, 'definitions/index.ts'), "interval: '5s'", "interval: '10s'");
    expect(cli('build', '--definitions', ws.definitions, '--out', ws.out).code).toBe(0);
    const after = snapshot(out);
    expect(Object.keys(after)).toEqual(Object.keys(before));
    const changed = Object.keys(after).filter((path) => after[path] !== before[path]);
    expect(changed).toEqual(['prometheus/prometheus.yml']);
    for (const path of Object.keys(after)) expect(statSync(join(out, path)).ino === inodes[path], path).toBe(!changed.includes(path));
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
    ['a bad duration', "interval: '5s'", "interval: '15x'", 'schema/duration checkout-api.endpoints[0].interval', 9],
    ['a duplicate job name', "job: 'checkout-api-business'", "job: 'checkout-api'", 'scrape/duplicate-job checkout-api.endpoints[1].job', 10],
    ['a scrape timeout above its interval', "interval: '5s'", "interval: '5s', timeout: '6s'", 'scrape/timeout-exceeds-interval checkout-api.endpoints[0].timeout', 9],
  ])('rejects %s with one diagnostic at file:line, exit 1, and out/ untouched', (_, from, to, expected, line) => {
    const ws = workspace(`bad-${expected.split(' ')[0]!.replace('/', '-')}`);
    expect(cli('build', '--definitions', ws.definitions, '--out', ws.out).code).toBe(0);
    const before = snapshot(join(ws.dir, 'out'));
    edit(join(ws.dir, 'definitions/index.ts'), from, to);
    const build = cli('build', '--definitions', ws.definitions, '--out', ws.out);
    expect(build.code).toBe(1);
    const lines = build.stderr.trim().split('\n');
    expect(lines).toHaveLength(2);
    // The line of the field itself: the compiler (bundled) reads the call sites the definitions' own copy of schemas/ recorded.
    expect(lines[0]).toMatch(new RegExp(`^${ws.definitions}/index\\.ts:${line}:\\d+ error `));
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

  test('a syntax error in the definitions is a diagnostic at its line', () => {
    const ws = workspace('syntax');
    edit(join(ws.dir, 'definitions/index.ts'), "  id: 'checkout-api',", "  id: 'checkout-api'\n  id2 'x',");
    const build = cli('build', '--definitions', ws.definitions, '--out', ws.out);
    expect(build.code).toBe(1);
    expect(build.stderr).toMatch(new RegExp(`^${ws.definitions}/index\\.ts:5:\\d+ error load/failed definitions: loading the definitions failed: Expected`, 'm'));
  });

  test('a definition that throws while loading is a diagnostic at its line', () => {
    const ws = workspace('throws');
    edit(join(ws.dir, 'definitions/index.ts'), "const api = defineService({", "throw new Error('boom');\nconst api = defineService({");
    const build = cli('build', '--definitions', ws.definitions, '--out', ws.out);
    expect(build.code).toBe(1);
    expect(build.stderr).toContain(`${ws.definitions}/index.ts:3:7 error load/failed definitions: loading the definitions failed: boom`);
  });
});

describe('the launcher (scripts/monac.mjs)', () => {
  test('runs a bundle of the sources and rebuilds it when a source changes', () => {
    // A checkout of its own: the bundle's fingerprint covers the sources and their path.
    const copy = join(work, 'checkout');
    for (const dir of ['scripts', 'generators', 'schemas']) cpSync(join(repoRoot, dir), join(copy, dir), { recursive: true });
    cpSync(join(repoRoot, 'package.json'), join(copy, 'package.json'));
    symlinkSync(join(repoRoot, 'node_modules'), join(copy, 'node_modules'), 'dir');
    const help = () => spawnSync(process.execPath, [join(copy, 'scripts/monac.mjs'), '--help'], { cwd: copy, encoding: 'utf8' });
    const cache = join(repoRoot, 'node_modules/.cache/monac/compiler');
    // This checkout's bundles, by the root each names (other test files may be building the repository's own).
    const ours = () => readdirSync(cache).filter((dir) => existsSync(join(cache, dir, 'source.json')) && (JSON.parse(readFileSync(join(cache, dir, 'source.json'), 'utf8')) as { root: string }).root === copy);
    try {
      const first = help();
      expect(first.status).toBe(0);
      expect(first.stdout).toContain('compile the definitions and replace the output folder');
      const built = ours();
      expect(built).toHaveLength(1);
      expect(help().status).toBe(0);
      expect(ours()).toEqual(built);
      edit(join(copy, 'scripts/cli.ts'), 'compile the definitions and replace the output folder', 'compile the definitions, then replace the output folder');
      const second = help();
      expect(second.status).toBe(0);
      expect(second.stdout).toContain('compile the definitions, then replace the output folder');
      expect(ours().filter((dir) => !built.includes(dir))).toHaveLength(1);
    } finally {
      for (const dir of ours()) rmSync(join(cache, dir), { recursive: true, force: true });
      rmSync(copy, { recursive: true, force: true });
    }
  });
});
