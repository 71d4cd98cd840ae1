import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';
import { MARKER } from '../generators/core/output-folder.ts';
import { goldenRoot, repoRoot } from './support/compile-case.ts';

// Inside the repository, so the definitions resolve `#schemas` as users' files do.
const workRoot = join(repoRoot, 'test/.work');
mkdirSync(workRoot, { recursive: true });
const work = mkdtempSync(join(workRoot, 'output-folder-'));

/** The real CLI through the launcher, run in `cwd` (never the repository itself: a refusal that failed would empty it). */
function monac(cwd: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [join(repoRoot, 'scripts/monac.mjs'), ...args], { cwd, encoding: 'utf8', timeout: 120_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A clone-like folder: a `.git` folder, a README, definitions/ from a golden case. */
function repository(name: string): string {
  const dir = join(work, name);
  mkdirSync(join(dir, '.git'), { recursive: true });
  writeFileSync(join(dir, '.git/HEAD'), 'ref: refs/heads/main\n');
  writeFileSync(join(dir, 'README.md'), '# mine\n');
  cpSync(join(goldenRoot, 'scrape-static-basic', 'definitions'), join(dir, 'definitions'), { recursive: true });
  return dir;
}

/** Every file and folder below `dir` with its size, so "touched nothing" is checked on the whole tree. */
function tree(dir: string): Record<string, number> {
  return Object.fromEntries(readdirSync(dir, { recursive: true, withFileTypes: true })
    .map((e) => join(e.parentPath, e.name))
    .map((p) => [relative(dir, p), statSync(p).isDirectory() ? -1 : statSync(p).size]));
}

describe('the folders build and import replace whole', () => {
  test.each([
    ['.', 'it is the working folder'],
    ['..', 'it holds the working folder'],
    ['definitions', 'it is the definitions folder (definitions) or inside it'],
    ['definitions/sub', 'it is the definitions folder (definitions) or inside it'],
    ['README.md', 'it is a file, not a folder'],
  ])('build --out %s is refused with exit 2 and touches nothing', (out, rule) => {
    const dir = repository(`refuse-${out.replace(/[^a-z]/gi, '_')}`);
    const parent = tree(join(dir, '..'));
    const result = monac(dir, 'build', '--out', out);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain(`monac: refusing --out ${out}: ${rule}`);
    expect(result.stderr).not.toContain('Usage:');
    expect(tree(join(dir, '..'))).toEqual(parent);
  });

  test('build --out of the repository root from a subfolder is refused', () => {
    const dir = repository('root-from-sub');
    mkdirSync(join(dir, 'ops'));
    cpSync(join(dir, 'definitions'), join(dir, 'ops/definitions'), { recursive: true });
    const before = tree(dir);
    const result = monac(join(dir, 'ops'), 'build', '--out', '..');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('it holds the working folder');
    const elsewhere = monac(join(dir, 'ops'), 'build', '--out', dir, '--definitions', 'definitions');
    expect(elsewhere.code).toBe(2);
    expect(tree(dir)).toEqual(before);
  });

  test('a folder that holds the definitions is refused even away from the working folder', () => {
    const dir = repository('holds-definitions');
    const result = monac(dir, 'build', '--definitions', join(work, 'holds-definitions/definitions'), '--out', work);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/it holds the (working|definitions) folder/);
  });

  test('a non-empty folder monac did not write is refused and kept; an empty or new one is written', () => {
    const dir = repository('foreign');
    mkdirSync(join(dir, 'site'));
    writeFileSync(join(dir, 'site/index.html'), '<p>mine</p>\n');
    const result = monac(dir, 'build', '--out', 'site');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`it holds 1 file(s) or folder(s) and no ${MARKER} marker, so monac did not write it`);
    expect(readFileSync(join(dir, 'site/index.html'), 'utf8')).toBe('<p>mine</p>\n');
    mkdirSync(join(dir, 'empty'));
    expect(monac(dir, 'build', '--out', 'empty').code).toBe(0);
    expect(monac(dir, 'build', '--out', 'new/out').code).toBe(0);
    expect(readFileSync(join(dir, 'new/out', MARKER), 'utf8')).toContain('written-by: monac build');
  });

  test('build over its own output works, also after rm -rf out, and check wants the marker', () => {
    const dir = repository('rebuild');
    expect(monac(dir, 'build').code).toBe(0);
    writeFileSync(join(dir, 'out/stray.txt'), 'x\n');
    expect(monac(dir, 'build').code).toBe(0);
    expect(existsSync(join(dir, 'out/stray.txt'))).toBe(false);
    expect(monac(dir, 'check').code).toBe(0);
    rmSync(join(dir, 'out'), { recursive: true });
    expect(monac(dir, 'build').code).toBe(0);
    rmSync(join(dir, 'out', MARKER));
    const check = monac(dir, 'check');
    expect(check.code).toBe(1);
    expect(check.stderr).toContain(`out/${MARKER}: missing`);
  });

  test('import --into refuses the working folder, a foreign folder and build output, and replaces its own', () => {
    const dir = repository('import');
    writeFileSync(join(dir, 'rules.yml'), 'groups:\n  - name: g\n    rules:\n      - alert: Down\n        expr: up == 0\n        labels: { severity: critical, team: ops }\n');
    const before = tree(dir);
    for (const [into, rule] of [['.', 'it is the working folder'], ['definitions', 'no .monac-output marker']] as const) {
      const result = monac(dir, 'import', 'rules.yml', '--into', into);
      expect(result.code, result.stdout).toBe(2);
      expect(result.stderr).toContain(rule);
    }
    expect(tree(dir)).toEqual(before);
    expect(monac(dir, 'build').code).toBe(0);
    const intoBuild = monac(dir, 'import', 'rules.yml', '--into', 'out');
    expect(intoBuild.code).toBe(2);
    expect(intoBuild.stderr).toContain('it was written by monac build, not monac import');
    const first = monac(dir, 'import', 'rules.yml', '--into', 'definitions/imported');
    expect(first.code, first.stderr).toBe(0);
    expect(readFileSync(join(dir, 'definitions/imported', MARKER), 'utf8')).toContain('written-by: monac import');
    expect(monac(dir, 'import', 'rules.yml', '--into', 'definitions/imported').code).toBe(0);
  });
});
