import { spawn } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { requireTool } from './support/tools.ts';

/**
 * monac as another team installs it, proven from the outside: npm pack, the
 * tarball installed into an empty folder outside the repository, monac init,
 * npm install, monac build (promtool accepts the output), monac check,
 * tsc --noEmit under NodeNext and bundler resolution, monac test; the
 * launcher's cache from inside node_modules and from a read-only install.
 */
const repo = join(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'monac-package-'));
const consumer = join(work, 'shop-monitoring');
let tarball = '';

interface Ran {
  readonly status: number | null;
  readonly output: string;
}

/** Runs a command without blocking the test process, bounded; its exit code and both streams. */
function run(command: string, args: readonly string[], cwd: string, options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: options.env ?? process.env, timeout: options.timeoutMs ?? 300_000 });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, output }));
  });
}

async function ok(command: string, args: readonly string[], cwd = consumer): Promise<string> {
  const result = await run(command, args, cwd);
  expect(result.status, `${command} ${args.join(' ')}\n${result.output}`).toBe(0);
  return result.output;
}

beforeAll(async () => {
  // Readable by another user: the read-only install is run as one when the tests run as root.
  chmodSync(work, 0o755);
  const packed = await ok('npm', ['pack', '--pack-destination', work, '--silent'], repo);
  tarball = join(work, packed.trim().split('\n').at(-1)!);
  mkdirSync(consumer);
  await ok('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball]);
}, 600_000);

afterAll(() => {
  // A read-only install may be left without write permission: give it back before removing.
  if (existsSync(consumer)) chmodRecursive(join(consumer, 'node_modules'), true);
  rmSync(work, { recursive: true, force: true });
});

function chmodRecursive(path: string, writable: boolean): void {
  const mode = statSync(path).mode;
  chmodSync(path, writable ? mode | 0o200 : mode & ~0o222);
  if (statSync(path).isDirectory()) for (const entry of readdirSync(path)) chmodRecursive(join(path, entry), writable);
}

describe('the npm package, installed into another project', () => {
  test('the tarball ships the CLI, the language and its types, and no tests, goldens, estate or output', async () => {
    const listing = (await ok('tar', ['tzf', tarball], work)).split('\n').filter(Boolean);
    for (const shipped of ['package/scripts/monac.mjs', 'package/scripts/cli.ts', 'package/schemas/index.ts', 'package/dist/types/schemas/index.d.ts', 'package/dist/schemas/index.mjs']) {
      expect(listing).toContain(shipped);
    }
    expect(listing.some((f) => f.includes('.hbs')), 'the docs templates').toBe(true);
    expect(listing.filter((f) => /^package\/(test|definitions|out|reports|node_modules)\//.test(f))).toEqual([]);
    console.log(`npm pack: ${listing.length} files, ${Math.round(statSync(tarball).size / 1024)} kB`);
  });

  test('monac init scaffolds beside what npm installed, completing its package.json', async () => {
    const output = await ok('npx', ['monac', 'init']);
    for (const file of ['package.json', 'tsconfig.json', 'definitions/index.ts', '.gitignore', '.gitattributes', '.github/workflows/monitoring.yml', '.gitlab-ci.yml']) {
      expect(output).toContain(`  ${file}`);
      expect(existsSync(join(consumer, file)), file).toBe(true);
    }
    const manifest = JSON.parse(readFileSync(join(consumer, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; scripts: Record<string, string> };
    expect(manifest.dependencies.monac).toBe(`file:${tarball.replace(`${work}/`, '../')}`);
    expect(Object.keys(manifest.scripts)).toEqual(expect.arrayContaining(['build', 'check', 'validate', 'plan', 'test']));
    expect(readFileSync(join(consumer, '.gitattributes'), 'utf8')).toContain('out/** linguist-generated');
    await ok('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline']);
  }, 300_000);

  test('it builds output promtool accepts, with no warning, check finds it fresh, monac test passes, and the definitions type-check', async () => {
    const built = await ok('npx', ['monac', 'build']);
    expect(built).toContain('wrote');
    // A new user's first build is clean: every lint rule at its default level finds nothing in the scaffold.
    expect(built).not.toMatch(/ (warning|error) [a-z]+\//);
    const config = await run(requireTool('promtool'), ['check', 'config', join(consumer, 'out/prometheus/prometheus.yml')], consumer);
    expect(config.status, config.output).toBe(0);
    await ok('npx', ['monac', 'check']);
    const tested = await ok('npx', ['monac', 'test']);
    expect(tested).toContain('promtool test rules');
    expect(tested).toContain('amtool check-config');
    await ok('npx', ['tsc', '--noEmit']);
    await ok('npx', ['tsc', '--noEmit', '--module', 'preserve', '--moduleResolution', 'bundler']);
  }, 300_000);

  test('a wrong field fails tsc and the build at its line; a failing rule test fails monac test', async () => {
    const file = join(consumer, 'definitions/index.ts');
    const source = readFileSync(file, 'utf8');
    try {
      writeFileSync(file, source.replace("  id: 'api-overview',", "  uid: 'api-overview',"));
      const line = source.split('\n').findIndex((l) => l === "  id: 'api-overview',") + 1;
      const typed = await run('npx', ['tsc', '--noEmit'], consumer);
      expect(typed.status).not.toBe(0);
      expect(typed.output).toContain(`definitions/index.ts(${line},3): error TS2353`);
      const built = await run('npx', ['monac', 'build'], consumer);
      expect(built.status).toBe(1);
      expect(built.output).toContain(`definitions/index.ts:${line}:3 error schema/unknown-field dashboards[0].uid`);
    } finally {
      writeFileSync(file, source);
    }
    // A copy of the output with the one test file broken, and without the SLO's multi-day scenarios the test above ran.
    const out = join(work, 'broken-out');
    cpSync(join(consumer, 'out'), out, { recursive: true });
    for (const file of readdirSync(join(out, 'prometheus/tests')).filter((f) => f.endsWith('-long.yml'))) rmSync(join(out, 'prometheus/tests', file));
    const tests = join(out, 'prometheus/tests/api.yml');
    writeFileSync(tests, readFileSync(tests, 'utf8').replace('exp_alerts: []', 'exp_alerts: [{ exp_labels: { alertname: ApiDown } }]'));
    const tested = await run('npx', ['monac', 'test', '--out', out], consumer);
    expect(tested.status).toBe(1);
    expect(tested.output).toContain('FAIL promtool test rules');
  }, 300_000);

  test('monac import writes definitions that import the language as monac, and they type-check', async () => {
    const output = await ok('npx', ['monac', 'import', join(repo, 'test/import-legacy/input'), '--into', 'definitions/imported']);
    expect(output).toContain('wrote');
    const written = readFileSync(join(consumer, 'definitions/imported/dashboards/legacy-shop-hosts.ts'), 'utf8');
    expect(written).toContain("} from 'monac';");
    expect(written).not.toContain('#schemas');
    await ok('npx', ['tsc', '--noEmit']);
    rmSync(join(consumer, 'definitions/imported'), { recursive: true, force: true });
  }, 300_000);

  test('the launcher caches its bundle in the project, or in a private temporary folder when the install is read-only', async () => {
    expect(readdirSync(join(consumer, 'node_modules/.cache/monac'))).toContain('compiler');
    rmSync(join(consumer, 'node_modules/.cache'), { recursive: true, force: true });
    chmodRecursive(join(consumer, 'node_modules'), false);
    const asRoot = process.getuid?.() === 0;
    const uid = asRoot ? 65534 : process.getuid!();
    // Root writes anywhere: the read-only install is then run as nobody.
    const command = asRoot ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', process.execPath] : [process.execPath];
    const validated = await run(command[0]!, [...command.slice(1), 'node_modules/monac/scripts/monac.mjs', 'validate'], consumer, { env: { ...process.env, HOME: work } });
    chmodRecursive(join(consumer, 'node_modules'), true);
    expect(validated.status, validated.output).toBe(0);
    expect(validated.output).toContain('definitions are valid (1 services');
    expect(existsSync(join(consumer, 'node_modules/.cache'))).toBe(false);
    const own = join(tmpdir(), `monac-cache-${uid}`);
    expect(statSync(own).mode & 0o077).toBe(0);
    expect(readdirSync(join(own, 'compiler')).length).toBeGreaterThan(0);
  }, 300_000);

  test('monac init refuses a folder with other files, and with --force keeps every existing file', async () => {
    const other = join(work, 'existing');
    mkdirSync(other);
    writeFileSync(join(other, 'README.md'), 'ours\n');
    const refused = await run('npx', ['monac', 'init', other], consumer);
    expect(refused.status).toBe(2);
    expect(refused.output).toContain('is not empty (README.md)');
    expect(readdirSync(other)).toEqual(['README.md']);
    mkdirSync(join(other, 'definitions'));
    writeFileSync(join(other, 'definitions/index.ts'), '// ours\n');
    const forced = await ok('npx', ['monac', 'init', other, '--force'], consumer);
    expect(forced).toContain('kept as they were:\n  definitions/index.ts');
    expect(readFileSync(join(other, 'definitions/index.ts'), 'utf8')).toBe('// ours\n');
    expect(readFileSync(join(other, 'README.md'), 'utf8')).toBe('ours\n');
    expect(existsSync(join(other, 'tsconfig.json'))).toBe(true);
  }, 120_000);
});

describe('package lint', () => {
  test('publint finds nothing to fix', async () => {
    const result = await run('npx', ['publint', '--strict'], repo);
    expect(result.status, result.output).toBe(0);
    expect(result.output).toContain('All good!');
  }, 300_000);

  test('are-the-types-wrong resolves the types under node16 and bundler (an ESM-only package)', async () => {
    const result = await run('npx', ['attw', '--pack', '.', '--profile', 'esm-only'], repo);
    expect(result.status, result.output).toBe(0);
    expect(result.output).not.toMatch(/❌/);
  }, 300_000);
});
