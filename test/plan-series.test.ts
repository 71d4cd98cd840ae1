import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { freePort } from './support/alertmanager.ts';
import { useBackfilledPrometheus } from './support/backfill.ts';
import { repoRoot } from './support/compile-case.ts';
import { BATCH_COUNTS, SeriesCounts } from '../scripts/plan/series.ts';
import { startPrometheus } from '../scripts/backfill.ts';

/**
 * `monac plan --prometheus` against Debian's Prometheus 2.42 on two days of
 * backfilled history, one sample a minute (the project's scrape interval):
 * http_requests_total in clusters prod-eu and prod-us, and up. The change adds
 * a rule whose metric does not exist, one whose cluster is wrong, a recording
 * rule with a 1d window and an alert that reads it, and a correct one; the
 * base's own rule, which also matches nothing, is not changed and not checked.
 */
const T0 = Date.UTC(2026, 10, 1) / 1000;
const MINUTES = 2 * 24 * 60;
const END = T0 + (MINUTES - 1) * 60;

function openMetrics(): string {
  const lines = { requests: [] as string[], up: [] as string[] };
  for (let minute = 0; minute < MINUTES; minute++) {
    const t = T0 + minute * 60;
    for (const cluster of ['prod-eu', 'prod-us']) lines.requests.push(`http_requests_total{job="api",cluster="${cluster}",code="200"} ${minute * 100} ${t}`);
    lines.up.push(`up{job="api",cluster="prod-eu"} 1 ${t}`);
  }
  const sorted = (list: string[]) => [...list].sort((a, b) => a.split(' ')[0]!.localeCompare(b.split(' ')[0]!) || Number(a.split(' ')[2]) - Number(b.split(' ')[2]));
  return ['# TYPE http_requests counter', ...sorted(lines.requests), '# TYPE up gauge', ...lines.up, '# EOF', ''].join('\n');
}

const work = join(repoRoot, 'test/.work');
mkdirSync(work, { recursive: true });
const repo = mkdtempSync(join(work, 'plan-series-'));
afterAll(() => rmSync(repo, { recursive: true, force: true }));

const definitions = (rules: string, dashboards = '', slos = '') => `import { defineDashboard, defineProject, defineService, defineSlo, timeseries } from '#schemas';

export default defineProject({
  name: 'plan-series',
  targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' },
  prometheus: { scrapeInterval: '1m', scrapeTimeout: '10s', evaluationInterval: '1m' },
  grafana: { datasource: { url: 'http://prometheus:9090' }, serviceDashboards: false, sloDashboards: false, infrastructure: false },${dashboards}
  lint: { 'alert/untested': 'off', 'alert/runbook-missing': 'off', 'promql/unknown-metric': 'off', 'alert/required-annotations': 'off' },
  services: [defineService({
    id: 'api',
    team: 'shop',
    endpoints: [{ job: 'api', targets: ['api:8000'] }],
    metrics: { http_requests_total: 'counter' },${slos}
    ruleGroups: [{
      name: 'api',
${rules}
    }],
  })],
});
`;

const baseRules = `      alerts: [
        { alert: 'ApiOldTypo', expr: 'up{job="apii"} == 0', for: '5m', severity: 'warning', summary: 'an old rule that matches nothing' },
      ],`;

const headRules = `      records: [{ record: 'job:http_requests:rate1d', expr: 'sum by (job) (rate(http_requests_total{job="api"}[1d]))' }],
      alerts: [
        { alert: 'ApiOldTypo', expr: 'up{job="apii"} == 0', for: '5m', severity: 'warning', summary: 'an old rule that matches nothing' },
        { alert: 'ApiGone', expr: 'rate(api_requests_gone_total[5m]) > 0', for: '5m', severity: 'warning', summary: 'a metric that is not there' },
        { alert: 'ApiWrongCluster', expr: 'sum(rate(http_requests_total{job="api", cluster="prod"}[5m])) < 1', for: '5m', severity: 'warning', summary: 'a cluster that is not there' },
        { alert: 'ApiDailyLow', expr: 'job:http_requests:rate1d < 1', for: '5m', severity: 'warning', summary: 'reads the new recording rule' },
        { alert: 'ApiDown', expr: 'up{job="api"} == 0', for: '5m', severity: 'critical', summary: 'correct' },
      ],`;

function git(...args: string[]): void {
  const result = spawnSync('git', args, { cwd: repo, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 'T', GIT_AUTHOR_EMAIL: 't@example.org', GIT_COMMITTER_NAME: 'T', GIT_COMMITTER_EMAIL: 't@example.org' } });
  expect(result.status, result.stderr).toBe(0);
}

git('init', '-q', '-b', 'main');
writeFileSync(join(repo, 'package.json'), '{ "type": "module", "imports": { "#schemas": "./schemas/index.ts" } }\n');
symlinkSync(join(repoRoot, 'schemas'), join(repo, 'schemas'), 'dir');
mkdirSync(join(repo, 'definitions'));
/** An SLO the base has and the change keeps: its rules share names with the added SLO's, and are not checked. */
const baseSlos = `
    slos: [defineSlo({ id: 'api-up', objective: 99.5, sli: { availability: { metric: 'up', matchers: { job: 'api' } } } })],`;
writeFileSync(join(repo, 'definitions/index.ts'), definitions(baseRules, '', baseSlos));
git('add', '-A');
git('commit', '-q', '-m', 'base');
/** A dashboard the change adds: a query over the cluster variable (All selected: .+), and one of a metric that is not there. */
const headDashboards = `
  dashboards: [defineDashboard({
    id: 'api-traffic',
    title: 'API traffic',
    folder: 'Shop',
    variables: [{ name: 'cluster', query: 'label_values(http_requests_total, cluster)' }],
    panels: [
      timeseries({ title: 'Requests', description: 'Requests per second.', unit: 'reqps', queries: ['sum(rate(http_requests_total{job="api", cluster=~"$cluster"}[$__rate_interval]))'] }),
      timeseries({ title: 'Gone', description: 'A metric that is not there.', unit: 'reqps', queries: ['sum(rate(api_gone_total{cluster=~"$cluster"}[$__rate_interval]))'] }),
    ],
  })],`;
/**
 * An SLO the change adds: its errors selector matches no series (the history
 * has no 5xx), which its rules handle (`errors or 0 * total`), so it is no
 * finding; its rules are costed.
 */
const headSlos = `
    slos: [
      defineSlo({ id: 'api-up', objective: 99.5, sli: { availability: { metric: 'up', matchers: { job: 'api' } } } }),
      defineSlo({ id: 'api-availability', objective: 99.9, sli: { events: { errors: 'http_requests_total{job="api", code=~"5.."}', total: 'http_requests_total{job="api"}' } } }),
    ],`;
const head = definitions(headRules, headDashboards, headSlos);
writeFileSync(join(repo, 'definitions/index.ts'), head);

function monacPlan(...args: string[]) {
  const result = spawnSync(process.execPath, [join(repoRoot, 'scripts/monac.mjs'), 'plan', '--base', 'main', ...args], { cwd: repo, encoding: 'utf8', timeout: 180_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The rules of the added SLO the plan checked. */
const sloRules = (series: Series) => series.costs.filter((c) => c.group.startsWith('slo-api-availability-')).length;

interface Series { findings: { rule: string; problem: string; message: string; location?: { file: string; line: number } }[]; costs: { rule: string; group: string; series: number; samples: number }[]; groups: { group: string; samples: number }[]; errors: string[]; checked: number; requests: number; retention?: string }

describe('monac plan --prometheus: selectors checked against a real Prometheus on backfilled history (Debian 2.42)', () => {
  const server = useBackfilledPrometheus(openMetrics);

  test('an absent metric and a wrong label value are found, with the values that exist; the recording rule\'s reader and the correct rule are not', () => {
    const { status, stdout, stderr } = monacPlan('--format', 'json', '--prometheus', server.url, '--at', String(END));
    expect(status, stderr).toBe(0);
    const series = (JSON.parse(stdout) as { series: Series }).series;
    expect(series.errors).toEqual([]);
    // The changed rules only: the recording rule and the four new alerts, not the base's old rule; and the new SLO's rules.
    const own = series.costs.filter((c) => !c.group.startsWith('slo-')).map((c) => c.rule);
    expect(own).toEqual(['job:http_requests:rate1d', 'ApiDailyLow', 'ApiDown', 'ApiGone', 'ApiWrongCluster']);
    expect(series.checked).toBe(5 + sloRules(series));
    // The kept SLO's rules are not checked, though the added SLO's rules have their names.
    expect(series.costs.filter((c) => c.group.startsWith('slo-api-up-'))).toEqual([]);
    expect(sloRules(series)).toBeGreaterThan(15);
    // The server's retention, then, batched: the first pass's counts in two requests (over 25), the metrics of the empty selectors, their matchers, the values of the label that matches none.
    expect(series.requests).toBe(6);
    expect(series.retention).toBe('100y');
    expect(series.findings.map((f) => `${f.rule} ${f.problem}: ${f.message}`)).toEqual([
      'ApiGone no-metric: metric api_requests_gone_total has no series in the last 1w',
      'ApiWrongCluster no-match: http_requests_total{job="api", cluster="prod"} selects no series of http_requests_total in the last 1w: cluster="prod" matches none (cluster has prod-eu, prod-us)',
    ]);
    const line = head.split('\n').findIndex((l) => l.includes("alert: 'ApiGone'")) + 1;
    expect(series.findings[0]!.location).toMatchObject({ line });
    expect(series.findings[0]!.location!.file).toMatch(/definitions\/index\.ts$/);
  }, 180_000);

  test('the cost of a 1d window over two series is two days\' worth of samples a day, within 10%', () => {
    const { stdout } = monacPlan('--format', 'json', '--prometheus', server.url, '--at', String(END));
    const series = (JSON.parse(stdout) as { series: Series }).series;
    const daily = series.costs.find((c) => c.rule === 'job:http_requests:rate1d')!;
    expect(daily.series).toBe(2);
    const expected = 2 * 24 * 60; // two series, one sample a minute for a day
    expect(Math.abs(daily.samples - expected) / expected).toBeLessThan(0.1);
    // The alert reading the new recording rule reads what that rule will write: the one series its expression selects now, its latest sample.
    expect(series.costs.find((c) => c.rule === 'ApiDailyLow')).toMatchObject({ series: 1, samples: 1 });
    // An instant selector reads each series' latest sample: up{job="api"} has one series.
    expect(series.costs.find((c) => c.rule === 'ApiDown')).toMatchObject({ series: 1, samples: 1 });
    expect(series.groups.find((g) => g.group === 'api')!.samples).toBe(series.costs.filter((c) => c.group === 'api').reduce((sum, c) => sum + c.samples, 0));
    // The SLO's rules are costed as a Prometheus that has run them would read them: its 1d ratio sums the recorded errors and requests
    // (one series each, written by the rules once a minute) over a day; its errors' 5-minute rate (errors or 0 * total) reads no 5xx series
    // and the two request series, five samples each.
    expect(series.costs.find((c) => c.rule === 'slo:sli_error:ratio_rate1d')).toMatchObject({ series: 2, samples: 2 * 1440 });
    expect(series.costs.find((c) => c.rule === 'slo:sli_errors:rate5m')).toMatchObject({ series: 2, samples: 2 * 5 });
  }, 180_000);

  test('the text and Markdown plans show the findings and the cost; --all checks the old rule too; --fail-on-series exits 4', () => {
    const text = monacPlan('--prometheus', server.url, '--at', String(END));
    expect(text.stdout).toContain('Live series (last 1w): 27 rule(s) checked in 6 request(s)\nThe Prometheus keeps 100y.');
    expect(text.stdout).toMatch(/ ! ApiGone \(api\) at definitions\/index\.ts:\d+: metric api_requests_gone_total has no series in the last 1w/);
    expect(text.stdout).toContain('job:http_requests:rate1d (api/api): 2 series, 2,880 samples');
    const markdown = monacPlan('--format', 'markdown', '--prometheus', server.url, '--at', String(END));
    expect(markdown.stdout).toContain('#### Live series');
    expect(markdown.stdout).toContain('| job:http_requests:rate1d | api/api | 2 | 2,880 |');
    expect(markdown.stdout).toMatch(/- :x: ApiWrongCluster \(api\) at definitions\/index\.ts:\d+: .*cluster has prod-eu, prod-us/);
    const all = monacPlan('--format', 'json', '--all', '--prometheus', server.url, '--at', String(END));
    expect((JSON.parse(all.stdout) as { series: Series }).series.findings.map((f) => f.rule).sort()).toEqual(['ApiGone', 'ApiOldTypo', 'ApiWrongCluster']);
    expect(monacPlan('--fail-on-series', '--prometheus', server.url, '--at', String(END)).status).toBe(4);
  }, 180_000);

  test('--dashboards checks the queries of the added dashboard with its variables substituted', () => {
    const { stdout, stderr } = monacPlan('--format', 'json', '--dashboards', '--prometheus', server.url, '--at', String(END));
    const series = (JSON.parse(stdout) as { series: Series }).series;
    expect(series.errors, stderr).toEqual([]);
    expect(series.checked).toBe(7 + sloRules(series));
    expect(series.findings.map((f) => `${f.rule}: ${f.message}`)).toEqual([
      'ApiGone: metric api_requests_gone_total has no series in the last 1w',
      'ApiWrongCluster: http_requests_total{job="api", cluster="prod"} selects no series of http_requests_total in the last 1w: cluster="prod" matches none (cluster has prod-eu, prod-us)',
      'api-traffic panel "Gone" query A: metric api_gone_total has no series in the last 1w',
    ]);
  }, 180_000);

  test('monac verify --rules checks every rule of the definitions: exit 1 with the findings, the old rule included', () => {
    const result = spawnSync(process.execPath, [join(repoRoot, 'scripts/monac.mjs'), 'verify', '--rules', '--prometheus', server.url, '--at', String(END)], { cwd: repo, encoding: 'utf8', timeout: 180_000 });
    expect(result.status, result.stderr).toBe(1);
    expect(result.stdout).toContain('Live series (last 1w): 50 rule(s) checked in');
    expect(result.stdout.split('\n').filter((l) => l.startsWith(' ! ')).map((l) => l.split(' ')[2])).toEqual(['ApiGone', 'ApiOldTypo', 'ApiWrongCluster']);
    expect(result.stdout).not.toContain('ApiDailyLow (api) at');
  }, 180_000);

  test('counts go in batches of at most BATCH_COUNTS; a batch the server refuses is asked again query by query, so the error names its query', async () => {
    const errors: string[] = [];
    const counts = new SeriesCounts({ url: server.url, timeoutMs: 10_000 }, END, errors);
    const queries = Array.from({ length: BATCH_COUNTS + 5 }, (_, i) => `http_requests_total{code="200", job="api", i!="${i}"}`);
    await counts.ask(queries);
    expect(counts.requests).toBe(2);
    expect(queries.map((q) => counts.get(q))).toEqual(queries.map(() => 2));
    // rate() of an instant vector is an error the server finds when it runs the batch.
    await counts.ask(['up', 'http_requests_total{cluster="prod-eu"}', 'nope_total', 'rate(up)']);
    expect(counts.requests).toBe(2 + 1 + 4);
    expect(['up', 'http_requests_total{cluster="prod-eu"}', 'nope_total', 'rate(up)'].map((q) => counts.get(q))).toEqual([1, 1, 0, undefined]);
    expect(errors).toEqual([expect.stringMatching(/expected type range vector in call to function "rate", got instant vector/)]);
    // Asked again, a known count costs no request.
    await counts.ask(['up']);
    expect(counts.requests).toBe(7);
  }, 60_000);

  test('a window longer than the server keeps is a finding, and the most a window\'s cost counts', async () => {
    // The same history on a Prometheus that keeps two days: the SLO's 3-day and 30-day windows read less than they say.
    const data = join(server.dir, 'data-short');
    cpSync(join(server.dir, 'data'), data, { recursive: true });
    const short = await startPrometheus(server.dir, 'global:\n  scrape_interval: 1m\n', 'data-short', 30_000, '2d');
    try {
      const { status, stdout, stderr } = monacPlan('--format', 'json', '--prometheus', short.url, '--at', String(END));
      expect(status, stderr).toBe(0);
      const series = (JSON.parse(stdout) as { series: Series }).series;
      expect(series.retention).toBe('2d');
      const over = series.findings.filter((f) => f.problem === 'over-retention');
      expect([...new Set(over.map((f) => f.rule))]).toEqual(['slo:sli_error:ratio_rate3d', 'slo:sli_error:ratio_rate30d']);
      expect(over[0]!.message).toBe('slo:sli_errors:rate5m{slo="api-availability"}[3d] reads 3d, but the Prometheus keeps 2d: the window covers at most 2d');
      expect(over[0]!.location!.file).toMatch(/definitions\/index\.ts$/);
      // The 30-day ratio costs what two days hold: two recorded series, a sample a minute.
      expect(series.costs.find((c) => c.rule === 'slo:sli_error:ratio_rate30d')).toMatchObject({ series: 2, samples: 2 * 2 * 1440 });
    } finally {
      short.stop();
      rmSync(data, { recursive: true, force: true });
    }
  }, 180_000);

  test('an unreachable Prometheus is a message and exit 5, with the plan printed', async () => {
    // A port nothing listens on.
    const port = await freePort();
    const result = monacPlan('--prometheus', `http://127.0.0.1:${port}`, '--timeout', '2s', '--at', String(END));
    expect(result.status).toBe(5);
    expect(result.stdout).toContain('Plan: ');
    expect(result.stdout).toContain(`error: could not ask: http://127.0.0.1:${port}/api/v1/query: ECONNREFUSED`);
  }, 180_000);
});
