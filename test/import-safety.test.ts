import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { listFiles } from '../generators/core/output.ts';
import { scratchFolder } from '../generators/core/scratch.ts';
import { repoRoot } from './support/compile-case.ts';

// Inside the repository, so the import's build check resolves `#schemas`.
mkdirSync(join(repoRoot, 'test/.work'), { recursive: true });
const work = mkdtempSync(join(repoRoot, 'test/.work/import-safety-'));

/** `monac import` as a user runs it, from `cwd`. */
function monacImport(cwd: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [join(repoRoot, 'scripts/monac.mjs'), 'import', ...args], { cwd, encoding: 'utf8', timeout: 120_000 });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

function folder(name: string, files: Record<string, string>): string {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

const receivers = 'route:\n  receiver: ops\nreceivers:\n  - name: ops\n';

describe('import reads only what it should, and fails with a diagnostic', () => {
  test('an alertmanager.yml whose templates reach outside its folder is refused and copies nothing', () => {
    const dir = folder('templates-outside', { 'am/alertmanager.yml': `templates:\n  - /etc/host*\n  - ../secret/*\n${receivers}`, 'secret/token': 'hunter2\n' });
    const result = monacImport(dir, 'am/alertmanager.yml', '--into', 'imported');
    expect(result.status, result.output).toBe(1);
    expect(result.output).toMatch(/alertmanager\.yml:2:\d+ error import\/template-file alertmanager\.templates: \/etc\/host\* reaches outside the configuration's folder \(am\)/);
    expect(result.output).toContain('../secret/* reaches outside');
    expect(existsSync(join(dir, 'imported'))).toBe(false);
  });

  test('a template that links outside is refused; a folder the glob matches is skipped; a file without .tmpl gets it once', () => {
    const dir = folder('templates-kinds', {
      'am/alertmanager.yml': `templates:\n  - 'tmpl/*'\n${receivers}`,
      'am/tmpl/custom': '{{ define "custom.title" }}x{{ end }}\n',
      'am/tmpl/sub/inner.tmpl': '{{ define "inner" }}y{{ end }}\n',
    });
    const ok = monacImport(dir, 'am/alertmanager.yml', '--into', 'imported');
    expect(ok.status, ok.output).toBe(0);
    const written = readFileSync(join(dir, 'imported/alertmanager.ts'), 'utf8');
    expect(written).toContain("'custom.tmpl':");
    expect(written).not.toContain('.tmpl.tmpl');
    expect(written).not.toContain('inner');
    spawnSync('ln', ['-s', '/etc/hostname', join(dir, 'am/tmpl/host.tmpl')]);
    const linked = monacImport(dir, 'am/alertmanager.yml', '--into', 'imported');
    expect(linked.status, linked.output).toBe(1);
    expect(linked.output).toContain('host.tmpl is a link to a file outside the configuration\'s folder');
  });

  test('a file over the size limit is refused at its name without being read; --max-file-size raises the limit', () => {
    const dir = folder('too-large', {});
    writeFileSync(join(dir, 'big.yml'), `groups: []\n#${'x'.repeat(21 * 1024 * 1024)}\n`);
    const refused = monacImport(dir, 'big.yml', '--into', 'imported');
    expect(refused.status, refused.output).toBe(1);
    expect(refused.output).toMatch(/big\.yml:1:1 error import\/too-large big\.yml: is 21\.0 MB, over the 20\.0 MB limit for one input file; pass --max-file-size 22MB to read it/);
    const raised = monacImport(dir, 'big.yml', '--into', 'imported', '--max-file-size', '22MB');
    expect(raised.output).not.toContain('import/too-large');
    expect(monacImport(dir, 'big.yml', '--into', 'imported', '--max-file-size', 'lots').status).toBe(2);
  });

  test('a YAML alias bomb is a located diagnostic with exit 1, not an internal error', () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 0; i < 9; i++) lines.push(`${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`);
    const dir = folder('alias-bomb', { 'bomb.yml': `groups:\n  - name: g\n    rules: []\n${lines.join('\n')}\n`, 'ok.yml': 'groups:\n  - name: ok\n    rules:\n      - alert: Down\n        expr: up == 0\n        labels: { severity: critical, team: ops }\n' });
    const result = monacImport(dir, 'bomb.yml', 'ok.yml', '--into', 'imported');
    expect(result.status, result.output).toBe(1);
    expect(result.output).toMatch(/bomb\.yml:1:1 error import\/syntax bomb\.yml: cannot be read as data: .*alias/i);
    expect(result.output).not.toContain('internal error');
    expect(listFiles(join(dir, 'imported'))).toEqual([]);
  });
});

describe('import keeps credentials out of the definitions', () => {
  test('a webhook URL with a token is refused at its line; url_file is imported as urlFile', () => {
    const dir = folder('webhook-credentials', {
      'token/alertmanager.yml': 'route:\n  receiver: hook\nreceivers:\n  - name: hook\n    webhook_configs:\n      - url: https://automation.example.org/alerts?token=abc123\n',
      'file/alertmanager.yml': 'route:\n  receiver: hook\nreceivers:\n  - name: hook\n    webhook_configs:\n      - url_file: /etc/alertmanager/secrets/hook-url\n',
    });
    const refused = monacImport(dir, 'token/alertmanager.yml', '--into', 'imported');
    expect(refused.status, refused.output).toBe(1);
    expect(refused.output).toMatch(/token\/alertmanager\.yml:6:\d+ error import\/inline-secret .*url carries a credential \(the query parameter token=\); put the URL in a file and write url_file instead/);
    expect(refused.output).not.toContain('abc123\n');
    const kept = monacImport(dir, 'file/alertmanager.yml', '--into', 'imported');
    // The import's build check targets Alertmanager 0.25, which has no url_file: it says so rather than write it silently.
    expect(kept.output).toContain("webhook's urlFile (url_file) needs Alertmanager 0.26.0 or later");
  });
});

describe('an interrupted import leaves nothing behind', () => {
  const rules = 'groups:\n  - name: g\n    rules:\n      - alert: Down\n        expr: up == 0\n        labels: { severity: critical, team: ops }\n';
  const checkFolders = (dir: string) => readdirSync(dir).filter((name) => /^\.imported\.check-\d+$/.test(name));
  // A check folder once its .gitignore is written (the folder exists a moment before it).
  const readyFolders = (dir: string) => checkFolders(dir).filter((name) => existsSync(join(dir, name, '.gitignore')));

  test('Ctrl-C during the build check removes its folder and exits 130', async () => {
    const dir = folder('interrupted', { 'rules.yml': rules });
    const child = spawn(process.execPath, [join(repoRoot, 'scripts/monac.mjs'), 'import', 'rules.yml', '--into', 'imported'], { cwd: dir, stdio: 'ignore' });
    const exited = new Promise<number | null>((resolve) => child.on('close', (code, signal) => resolve(code ?? (signal ? -1 : null))));
    const deadline = Date.now() + 60_000;
    while (readyFolders(dir).length === 0) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error('the check folder never appeared');
      await new Promise((r) => setTimeout(r, 2));
    }
    // Whatever git would see of it meanwhile: nothing (it ignores itself).
    expect(readFileSync(join(dir, readyFolders(dir)[0]!, '.gitignore'), 'utf8')).toMatch(/^\*$/m);
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(checkFolders(dir)).toEqual([]);
    expect(existsSync(join(dir, 'imported'))).toBe(false);
  }, 90_000);

  test('a check folder a killed import left is removed by the next import; a live one is not', () => {
    const dir = folder('stale-check', { 'rules.yml': rules });
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    mkdirSync(join(dir, `.imported.check-${dead}`));
    mkdirSync(join(dir, `.imported.check-${process.pid}`));
    const result = monacImport(dir, 'rules.yml', '--into', 'imported');
    expect(result.status, result.output).toBe(0);
    expect(checkFolders(dir)).toEqual([`.imported.check-${process.pid}`]);
  });

  test('git does not list a scratch folder', () => {
    const dir = folder('git-scratch', {});
    spawnSync('git', ['init', '-q'], { cwd: dir });
    const release = scratchFolder(join(dir, '.x.check-1'));
    writeFileSync(join(dir, '.x.check-1', 'check.ts'), 'export {};\n');
    expect(spawnSync('git', ['status', '--porcelain', '--untracked-files=all'], { cwd: dir, encoding: 'utf8' }).stdout).toBe('');
    release();
    expect(existsSync(join(dir, '.x.check-1'))).toBe(false);
  });
});
