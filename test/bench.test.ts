import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { compile } from '../generators/compile.ts';
import { syntheticProject } from '../scripts/synthetic-estate.ts';
import { benchRules } from '../scripts/bench-rules/index.ts';

describe('npm run bench', () => {
  test('its synthetic estate builds with no diagnostic at all, so the bench measures a clean build', () => {
    const { diagnostics, files } = compile(syntheticProject(20));
    expect(diagnostics.map((d) => `${d.code} ${d.subject}: ${d.message}`)).toEqual([]);
    expect([...files!.keys()].filter((path) => path.startsWith('docs/runbooks/')).length).toBe(20);
  });
});

describe('npm run bench:rules', () => {
  test('times every group and rule of both long-window modes on Debian\'s Prometheus, and stops what it started', async () => {
    // A temporary folder of this run's own, so the check for leftover processes cannot see another run's.
    const ownTmp = mkdtempSync(join(tmpdir(), 'bench-test-'));
    const previousTmp = process.env.TMPDIR;
    process.env.TMPDIR = ownTmp;
    let text: string;
    try {
      text = await benchRules(['--series', '4', '--days', '1', '--evaluations', '1', '--evaluation-interval', '1s']);
    } finally {
      if (previousTmp === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = previousTmp;
    }
    const row = (name: string) => text.split('\n').find((line) => line.trim().startsWith(name))?.trim().split(/\s+/);
    const seconds = /^(\d+\.\d{4}|\d\.\de-\d+)$/;
    for (const name of ['slo-genesis-availability-recordings', 'slo-genesis-availability-alerts', 'slo:sli_error:ratio_rate3d', 'slo:sli_errors:rate5m']) {
      const cells = row(name);
      expect(cells, `${name} in:\n${text}`).toBeDefined();
      expect(cells!.slice(-2), `${name}: an accurate and an efficient time`).toEqual([expect.stringMatching(seconds), expect.stringMatching(seconds)]);
    }
    // The verdict follows the figure it prints (one cold evaluation of four series can take longer than the target on a busy machine).
    const efficient = Number(/^recordings group per evaluation: accurate \S+ s, efficient (\S+) s/m.exec(text)?.[1]);
    expect(efficient, text).toBeGreaterThan(0);
    expect(text).toMatch(new RegExp(`^target: efficient recordings under 0\\.1 s: ${efficient < 0.1 ? 'met' : 'NOT met'}$`, 'm'));
    // The plan's cost estimate of each SLO rule beside the samples Prometheus counts evaluating it (stats=all).
    const table = text.slice(text.indexOf('samples read per evaluation at the history\'s end'));
    const figures = [...table.matchAll(/^ {2}(\S+) +([\d,]+) \/ ([\d,]+)(\*?) +([\d,]+) \/ ([\d,]+)(\*?)$/gm)].map((m) => ({
      name: m[1]!, cells: [[m[2]!, m[3]!, m[4]!], [m[5]!, m[6]!, m[7]!]].map(([estimate, read, mark]) => ({ estimate: Number(estimate!.replace(/,/g, '')), read: Number(read!.replace(/,/g, '')), unrecorded: mark === '*' })),
    }));
    expect(figures.length, table).toBeGreaterThan(15);
    // Two instances, each with a 5xx and a 200 counter: the accurate 1d ratio reads the 5xx series once and every series twice, 10 series, 1,440 samples each a day.
    expect(figures.find((f) => f.name === 'slo:sli_error:ratio_rate1d')!.cells[0]).toEqual({ estimate: 10 * 1440, read: 10 * 1440, unrecorded: false });
    // Efficient: two recorded series (errors and requests), one sample a second for the day the history holds.
    expect(figures.find((f) => f.name === 'slo:sli_error:ratio_rate30d')!.cells[1]).toEqual({ estimate: 2 * 86_400, read: 2 * 86_400, unrecorded: false });
    for (const { name, cells } of figures) {
      for (const cell of cells.filter((c) => c.read > 0)) expect(Math.abs(cell.estimate - cell.read) / cell.read, `${name}: ${cell.estimate} estimated, ${cell.read} read`).toBeLessThan(0.1);
      // Only a rule that reads series the rules write as they run is marked; there, Prometheus read none.
      for (const cell of cells) expect(cell.unrecorded).toBe(cell.read === 0 && cell.estimate > 0);
    }
    expect(table).toMatch(/^largest difference where Prometheus read samples: \d+\.\d% \(\S+\); (\d+) of \1 within 10%$/m);
    const left = spawnSync('pgrep', ['-f', join(ownTmp, 'monac-bench-rules-')], { encoding: 'utf8' });
    expect(left.stdout, 'a Prometheus of the bench still runs').toBe('');
  }, 120_000);

  test('refuses a flag it cannot use, before starting anything', async () => {
    await expect(benchRules(['--series', 'many'])).rejects.toThrow('--series must be a whole number of at least 2, not many');
  });
});
