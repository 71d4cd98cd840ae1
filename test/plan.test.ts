import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, test } from 'vitest';
import type { Plan, PlanItem } from '../scripts/plan/diff.ts';
import { COMMENT_LIMIT, MARKER, renderMarkdown } from '../scripts/plan/render.ts';
import { repoRoot } from './support/compile-case.ts';

/**
 * A fixture repository in a temporary folder: its base commit is
 * test/plan/base-definitions.ts; each test edits the working tree (or
 * commits on a branch) and runs `monac plan` as a user would.
 */
const work = join(repoRoot, 'test/.work');
mkdirSync(work, { recursive: true });
const repo = mkdtempSync(join(work, 'plan-'));
afterAll(() => rmSync(repo, { recursive: true, force: true }));
const baseSource = readFileSync(join(repoRoot, 'test/plan/base-definitions.ts'), 'utf8');
const definitions = join(repo, 'definitions/index.ts');

function git(...args: string[]): string {
  const result = spawnSync('git', args, {
    cwd: repo,
    encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 'test@example.org', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 'test@example.org', GIT_AUTHOR_DATE: '2026-01-01T00:00:00Z', GIT_COMMITTER_DATE: '2026-01-01T00:00:00Z' },
  });
  expect(result.status, result.stderr).toBe(0);
  return result.stdout.trim();
}

git('init', '-q', '-b', 'main');
writeFileSync(join(repo, 'package.json'), '{ "type": "module", "imports": { "#schemas": "./schemas/index.ts" } }\n');
symlinkSync(join(repoRoot, 'schemas'), join(repo, 'schemas'), 'dir');
mkdirSync(join(repo, 'definitions'));
writeFileSync(definitions, baseSource);
git('add', '-A');
git('commit', '-q', '-m', 'base');

function monacPlan(...args: string[]) {
  const result = spawnSync(process.execPath, [join(repoRoot, 'scripts/monac.mjs'), 'plan', ...args], { cwd: repo, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function planJson(...args: string[]): { status: number | null; plan: Plan & { baseLabel: string }; stderr: string } {
  const result = monacPlan('--format', 'json', ...args);
  expect(result.stdout, result.stderr).not.toBe('');
  return { status: result.status, plan: JSON.parse(result.stdout) as Plan & { baseLabel: string }, stderr: result.stderr };
}

/** Replaces text in the working tree's definitions, which must contain it. */
function edit(from: string, to: string): void {
  const text = readFileSync(definitions, 'utf8');
  expect(text, `the definitions contain ${from}`).toContain(from);
  writeFileSync(definitions, text.replace(from, to));
}

beforeEach(() => {
  git('checkout', '-q', 'main');
  writeFileSync(definitions, baseSource);
});

const kinds = (items: readonly PlanItem[]) => items.map((i) => `${i.change} ${i.kind} ${i.id}`);

describe('monac plan on a fixture repository', () => {
  test('nothing changed: no items, exit 0, and 0 with --detailed-exitcode', () => {
    const { status, plan } = planJson('--base', 'main');
    expect(plan.items).toEqual([]);
    expect(plan.errors).toEqual([]);
    expect(status).toBe(0);
    expect(monacPlan('--base', 'main', '--detailed-exitcode').status).toBe(0);
    expect(monacPlan('--base', 'main').stdout).toContain('No changes');
  });

  test('a changed threshold and for: one alert item with before and after; --detailed-exitcode exits 3', () => {
    edit(`expr: 'job:http_requests:rate5m < 1', for: '10m'`, `expr: 'job:http_requests:rate5m < 5', for: '15m'`);
    const { status, plan } = planJson('--base', 'main');
    expect(status).toBe(0);
    expect(kinds(plan.items)).toEqual(['changed alert ApiTrafficLow']);
    expect(plan.items[0]!.fields).toEqual([
      { field: 'expr', before: 'job:http_requests:rate5m < 1', after: 'job:http_requests:rate5m < 5' },
      { field: 'for', before: '10m', after: '15m' },
    ]);
    expect(monacPlan('--base', 'main', '--detailed-exitcode').status).toBe(3);
  });

  test('removing the only route that pages for a critical alert is the first item of the plan', () => {
    edit(`        { matchers: ['severity="critical"'], receiver: 'pager' },\n`, '');
    const { plan } = planJson('--base', 'main');
    // Every critical alert loses the pager: ApiDown and the SLO's two page-tier burn-rate alerts, all before anything else.
    expect(kinds(plan.items)).toEqual(['changed routing ApiAvailabilityBudgetBurn', 'changed routing ApiAvailabilityBudgetBurn', 'changed routing ApiDown']);
    expect(plan.items.every((i) => i.destructive)).toBe(true);
    expect(plan.items[0]!.summary).toMatch(/^alert ApiAvailabilityBudgetBurn\{.+\} \(api, critical\) no longer pages: pager -> default$/);
    expect(plan.items[2]).toMatchObject({ summary: 'alert ApiDown (api, critical) no longer pages: pager -> default', fields: [{ field: 'receivers', before: ['pager'], after: ['default'] }] });
    // Warnings still reach chat: not listed.
    expect(plan.items.some((i) => i.id === 'ApiTrafficLow')).toBe(false);
  });

  test('the Markdown of that plan: verdict and counts outside the folds, one fold per item, a marker for the CI job', () => {
    edit(`        { matchers: ['severity="critical"'], receiver: 'pager' },\n`, '');
    const result = monacPlan('--base', 'main', '--format', 'markdown');
    const markdown = result.stdout.replace(/`[0-9a-f]{12}`/g, '`<base>`');
    const golden = join(repoRoot, 'test/plan/expected/route-removed.md');
    if (process.env.UPDATE_GOLDEN) {
      expect(process.env.CI, 'UPDATE_GOLDEN is refused under CI').toBeUndefined();
      mkdirSync(join(repoRoot, 'test/plan/expected'), { recursive: true });
      writeFileSync(golden, markdown);
    }
    expect(markdown).toBe(readFileSync(golden, 'utf8'));
    expect(markdown.startsWith(MARKER)).toBe(true);
  });

  test('a recording rule removed while an alert and a dashboard still read it is an error: exit 1', () => {
    edit(`    records: [{ record: 'job:http_requests:rate5m', expr: 'sum by (job) (rate(http_requests_total{job="api"}[5m]))' }],\n`, '');
    const { status, plan } = planJson('--base', 'main');
    expect(status).toBe(1);
    expect(plan.errors).toEqual([expect.stringMatching(/^recording rule job:http_requests:rate5m is removed, but alert ApiTrafficLow, grafana\/dashboards\/shop\/api-overview\.json, kubernetes\/.+ still read it$/)]);
    expect(plan.items[0]).toMatchObject({ kind: 'recording-rule', change: 'removed', destructive: true });
  });

  test('an SLO objective: the budget in minutes per period before and after', () => {
    edit('objective: 99.9,', 'objective: 99.5,');
    const { plan } = planJson('--base', 'main');
    const slo = plan.items.find((i) => i.kind === 'slo')!;
    expect(slo.summary).toBe('SLO api-availability (api) changes objective: 99.9% over 30d (43.2 min of budget) -> 99.5% over 30d (216 min of budget)');
    // Its burn-rate alerts change their thresholds with it.
    expect(plan.items.filter((i) => i.kind === 'alert').length).toBeGreaterThan(0);
  });

  test('dashboards, scrape jobs and alerts added: each appears once, unchanged things do not', () => {
    edit(`queries: ['job:http_requests:rate5m'] })],`, `queries: ['sum(job:http_requests:rate5m)'] }), timeseries({ title: 'Errors', description: 'Errors per second.', unit: 'reqps', queries: ['sum(rate(http_requests_total{code=~"5.."}[5m]))'] })],`);
    edit(`interval: '15s' }]`, `interval: '30s' }]`);
    edit(`      { alert: 'ApiDown',`, `      { alert: 'ApiSlow', expr: 'job:http_requests:rate5m > 1000', for: '5m', severity: 'warning', summary: 'API busy' },\n      { alert: 'ApiDown',`);
    const { plan } = planJson('--base', 'main');
    expect(kinds(plan.items)).toEqual(['added alert ApiSlow', 'changed dashboard api-overview', 'changed scrape-job api']);
    // A new alert says who it will reach: a warning goes to chat.
    expect(plan.items[0]).toMatchObject({ summary: 'alert ApiSlow (api, warning) is added, reaching chat', fields: [{ field: 'expr', after: 'job:http_requests:rate5m > 1000' }, { field: 'receivers', after: ['chat'] }] });
    expect(plan.items[1]!.fields).toEqual([
      { field: 'panel "Requests" queries', before: ['job:http_requests:rate5m'], after: ['sum(job:http_requests:rate5m)'] },
      { field: 'panel "Errors"', after: ['sum(rate(http_requests_total{code=~"5.."}[5m]))'] },
    ]);
    expect(plan.items[2]!.fields).toEqual([{ field: 'scrape_interval', before: '15s', after: '30s' }]);
  });

  test('a scaling policy: replicas and triggers before and after, and the ScaledObject that changes with it', () => {
    edit('maxReplicas: 10,', 'maxReplicas: 20,');
    edit(`target: { type: 'AverageValue', value: 100 }`, `target: { type: 'AverageValue', value: 150 }`);
    const { plan } = planJson('--base', 'main');
    // The generated alert that watches the ceiling names the new maximum in its summary.
    expect(kinds(plan.items)).toEqual(['changed alert ScalerPinnedAtMax', 'changed scaling Deployment shop/api', 'changed kubernetes ScaledObject shop/api']);
    expect(plan.items[0]!.fields.map((f) => f.field)).toEqual(['annotations.summary']);
    expect(plan.items[1]!.fields).toEqual([
      { field: 'maxReplicas', before: 10, after: 20 },
      { field: 'signals', before: [{ prometheus: expect.objectContaining({ target: { type: 'AverageValue', value: 100 } }) }], after: [{ prometheus: expect.objectContaining({ target: { type: 'AverageValue', value: 150 } }) }] },
    ]);
    expect(plan.items[2]!.fields.map((f) => f.field)).toEqual(expect.arrayContaining(['spec.maxReplicaCount']));
  });

  test('an alert removed comes first; inhibitions and time intervals added appear once each', () => {
    edit(`      { alert: 'ApiTrafficLow', expr: 'job:http_requests:rate5m < 1', for: '10m', severity: 'warning', summary: 'API traffic is low' },\n`, '');
    edit(`    route: {`, `    inhibitRules: [{ source: ['alertname="ApiDown"'], target: ['severity="warning"'], equal: ['service'] }],\n    timeIntervals: [{ name: 'nights', intervals: [{ times: [{ start: '22:00', end: '24:00' }] }] }],\n    route: {`);
    const { plan } = planJson('--base', 'main');
    expect(kinds(plan.items)).toEqual(['removed alert ApiTrafficLow', 'added inhibition {"equal":["service"],"source":["alertname=\\"ApiDown\\""],"target":["severity=\\"warning\\""]}', 'added time-interval nights']);
    expect(plan.items[0]).toMatchObject({ destructive: true, summary: 'alert ApiTrafficLow (api, warning) is removed: it will no longer fire' });
  });

  test('a renamed alert with the same content is one moved item, not a removal and an addition', () => {
    edit(`{ alert: 'ApiTrafficLow',`, `{ alert: 'ApiTrafficVeryLow',`);
    const { plan } = planJson('--base', 'main');
    expect(kinds(plan.items)).toEqual(['moved alert ApiTrafficVeryLow']);
    expect(plan.items[0]).toMatchObject({ destructive: false, summary: 'alert ApiTrafficLow moves and is now ApiTrafficVeryLow; it fires as before', fields: [{ field: 'name', before: 'ApiTrafficLow', after: 'ApiTrafficVeryLow' }] });
    expect(monacPlan('--base', 'main').stdout).toContain('Plan: 0 to add, 0 to change, 0 to remove, 1 moved.');
  });

  test('the base is built in a worktree that is gone afterwards; the user\'s tree is untouched', () => {
    edit('objective: 99.9,', 'objective: 99.5,');
    const before = git('status', '--porcelain');
    expect(monacPlan('--base', 'main').status).toBe(0);
    expect(git('status', '--porcelain')).toBe(before);
    expect(git('worktree', 'list').split('\n')).toHaveLength(1);
    expect(readFileSync(definitions, 'utf8')).toContain('objective: 99.5,');
  });

  test('without --base, the base is the merge base with the default branch', () => {
    git('checkout', '-q', '-b', 'feature');
    edit('objective: 99.9,', 'objective: 99.95,');
    git('commit', '-q', '-am', 'tighten the SLO');
    const { plan } = planJson();
    expect(plan.baseLabel).toBe('merge base with main');
    expect(plan.items.find((i) => i.kind === 'slo')?.summary).toContain('99.9% over 30d (43.2 min of budget) -> 99.95% over 30d (21.6 min of budget)');
    git('checkout', '-q', 'main');
    git('branch', '-q', '-D', 'feature');
  });

  test('usage errors exit 2', () => {
    expect(monacPlan('--format', 'yaml').status).toBe(2);
    expect(monacPlan('--base', 'no-such-ref').status).toBe(2);
    // A revision that looks like an option is a revision (git gets --end-of-options before it).
    const option = monacPlan('--base=--output=x');
    expect(option.status).toBe(2);
    expect(option.stderr).toContain('Needed a single revision');
  });

  /** Starts `monac plan` and resolves once its worktree of the base exists, with the child still running. */
  async function planWithWorktree() {
    const child = spawn(process.execPath, [join(repoRoot, 'scripts/monac.mjs'), 'plan', '--base', 'main'], { cwd: repo, stdio: 'ignore' });
    const exited = new Promise<number | null>((resolve) => child.on('close', (code, signal) => resolve(code ?? (signal ? -1 : null))));
    const deadline = Date.now() + 60_000;
    while (!git('worktree', 'list', '--porcelain').includes('/monac-plan-')) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error('the plan\'s worktree never appeared');
      await new Promise((r) => setTimeout(r, 5));
    }
    return { child, exited };
  }
  const worktrees = () => git('worktree', 'list', '--porcelain').split('\n').filter((l) => l.startsWith('worktree ') && l.includes('/monac-plan-'));

  test('Ctrl-C while the base builds removes its worktree and exits 130', async () => {
    edit('objective: 99.9,', 'objective: 99.5,');
    const { child, exited } = await planWithWorktree();
    const [path] = worktrees();
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(worktrees()).toEqual([]);
    expect(existsSync(path!.slice('worktree '.length))).toBe(false);
  }, 90_000);

  test('a worktree a killed plan left behind is removed by the next plan', async () => {
    edit('objective: 99.9,', 'objective: 99.5,');
    const { child, exited } = await planWithWorktree();
    child.kill('SIGKILL');
    await exited;
    const [left] = worktrees();
    expect(left, 'SIGKILL leaves the worktree').toBeDefined();
    expect(monacPlan('--base', 'main').status).toBe(0);
    expect(worktrees()).toEqual([]);
    expect(existsSync(left!.slice('worktree '.length))).toBe(false);
  }, 90_000);
});

test('the Markdown of a plan with a thousand changes stays under the comment limit and says what it left out', () => {
  const items: PlanItem[] = Array.from({ length: 1000 }, (_, i) => ({
    kind: 'alert', change: 'changed', id: `Alert${i}`, service: 'api', destructive: false, summary: `alert Alert${i} (api) changes expr`,
    fields: [{ field: 'expr', before: `rate(x_total{i="${i}"}[5m]) > 1`, after: `rate(x_total{i="${i}"}[5m]) > 2` }],
  }));
  const markdown = renderMarkdown({ items, errors: [] }, { base: 'a'.repeat(40), baseLabel: 'main' });
  expect(markdown.length).toBeLessThan(65_536);
  expect(markdown.length).toBeLessThanOrEqual(COMMENT_LIMIT);
  expect(markdown).toContain('| **total** | **0** | **1000** | **0** | **0** |');
  expect(markdown).toMatch(/_\d+ more change\(s\) not shown: the comment limit is 65,536 characters/);
});
