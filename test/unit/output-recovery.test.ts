import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { writeOutput } from '../../generators/core/output.ts';

const files = new Map([['prometheus/prometheus.yml', { content: 'new\n', generator: 'prometheus' }]]);
const rules = { owner: 'build', flag: '--out' } as const;

describe('what a killed build left beside out/', () => {
  test('a staging folder of a process that is gone is removed; one of a live process is kept', () => {
    const parent = mkdtempSync(join(tmpdir(), 'monac-recover-'));
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    mkdirSync(join(parent, `.out.staging-${dead}`));
    mkdirSync(join(parent, `.out.staging-${process.ppid}`));
    writeOutput(join(parent, 'out'), files, rules);
    expect(readdirSync(parent).sort()).toEqual([`.out.staging-${process.ppid}`, 'out']);
    expect(readFileSync(join(parent, 'out/prometheus/prometheus.yml'), 'utf8')).toBe('new\n');
  });

  test('a retired folder with out/ gone (the swap stopped halfway) is put back, so --only keeps the other generators\' files', () => {
    const parent = mkdtempSync(join(tmpdir(), 'monac-recover-'));
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    const retired = join(parent, `.out.retired-${dead}`);
    mkdirSync(join(retired, 'prometheus'), { recursive: true });
    writeFileSync(join(retired, '.monac-output'), 'written-by: monac build\n');
    writeFileSync(join(retired, 'prometheus/prometheus.yml'), 'old\n');
    mkdirSync(join(retired, 'alertmanager'));
    writeFileSync(join(retired, 'alertmanager/alertmanager.yml'), 'kept\n');
    writeOutput(join(parent, 'out'), files, rules, new Set(['prometheus']));
    expect(readdirSync(parent)).toEqual(['out']);
    expect(readFileSync(join(parent, 'out/prometheus/prometheus.yml'), 'utf8')).toBe('new\n');
    expect(readFileSync(join(parent, 'out/alertmanager/alertmanager.yml'), 'utf8')).toBe('kept\n');
    expect(existsSync(retired)).toBe(false);
  });
});
