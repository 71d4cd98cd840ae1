import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { stringify } from 'yaml';
import { defineDashboard, defineProject, defineService, nodeExporter, stat, text, timeseries, type DashboardInput } from '../schemas/index.ts';
import { formatDiagnostic } from '../generators/core/diagnostic.ts';
import { dashboardUid } from '../generators/core/links.ts';
import { loadProject } from '../scripts/packs/load.ts';
import { lint } from '../generators/core/lint.ts';
import type { Model } from '../generators/core/model.ts';
import { compile } from '../generators/compile.ts';
import { dashboardPath, dashboardsOf, type BuiltDashboard, type Json } from '../generators/grafana/build.ts';
import { serviceDashboardLink } from '../generators/model/dashboards.ts';
import { expandVariables, queriesOf } from '../generators/grafana/queries.ts';
import { lintRules } from '../generators/lint/index.ts';
import { goldenCases, goldenRoot, repoRoot } from './support/compile-case.ts';
import { runTool } from './support/tools.ts';

const dashboardRules = lintRules.filter((rule) => rule.code.startsWith('dashboard/'));

async function modelOf(dir: string): Promise<Model> {
  const loaded = await loadProject(dir);
  const compilation = compile(loaded.project, { checkOnly: true });
  expect(compilation.model, compilation.diagnostics.map((d) => formatDiagnostic(d, repoRoot)).join('\n')).toBeDefined();
  return compilation.model!;
}

const estate = await modelOf(join(repoRoot, 'definitions'));
const grafanaCases = goldenCases().filter((name) => name.startsWith('grafana-'));

/** A one-service project around some dashboards, as a user would declare it. */
function projectWith(dashboards: DashboardInput[], lintLevels: Record<string, 'off' | 'warning' | 'error'> = {}) {
  const api = defineService({ id: 'api', team: 'web', endpoints: [{ job: 'api', targets: ['api:8000'] }], metrics: { http_requests_total: 'counter' } });
  return defineProject({
    name: 'dashboards',
    targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' },
    grafana: { datasource: { url: 'http://prometheus:9090' }, serviceDashboards: false, sloDashboards: false, infrastructure: false },
    lint: lintLevels,
    services: [api],
    dashboards,
  });
}

const panel = (overrides: Partial<Parameters<typeof timeseries>[0]> = {}) => timeseries({
  title: 'Requests',
  description: 'Requests per second.',
  unit: 'reqps',
  queries: ['sum(rate(http_requests_total{job="api"}[$__rate_interval]))'],
  ...overrides,
});

const dashboard = (panels: DashboardInput['panels'], extra: Partial<DashboardInput> = {}) =>
  defineDashboard({ id: 'api-overview', title: 'API overview', folder: 'Web', panels, ...extra });

function codesOf(project: unknown): string[] {
  return compile(project).diagnostics.map((d) => `${d.severity} ${d.code}`);
}

describe('the estate\'s dashboards', () => {
  const built = dashboardsOf(estate);

  test('the seeds\' dashboards are declared, and every service and SLO is in a templated generated one', () => {
    const ids = built.map((d) => d.id);
    for (const seed of [
      'genesis-overview', 'genesis-sla', 'genesis-infrastructure', 'genesis-security-anomalies', 'genesis-post-deploy',
      'autonomica-system', 'autonomica-application', 'autonomica-database',
    ]) expect(ids).toContain(seed);
    const variable = (id: string, name: string) => ((built.find((d) => d.id === id)!.json.templating as { list: Json[] }).list).find((v) => v.name === name);
    for (const service of estate.services) {
      const { id, vars } = serviceDashboardLink(estate.project, service.id);
      expect(vars).toEqual({ service: service.id });
      // The kind's $service drop-down offers exactly its services.
      expect(String(variable(id, 'service')?.definition ?? variable(id, 'service')?.query)).toMatch(new RegExp(`[="|]${service.id}[|"]`));
    }
    expect(variable('slos', 'slo')).toBeDefined();
    // Services with the same metrics share a dashboard: fewer generated dashboards than services and SLOs.
    const generated = built.filter((d) => d.generated).length;
    expect(generated).toBeLessThan(estate.services.length + estate.services.flatMap((s) => s.slos).length);
    expect(built.filter((d) => d.generated && d.id.startsWith('services-')).length).toBeGreaterThan(0);
  });

  test('the post-deployment dashboard has the seed\'s 13 panels, a 10 s refresh and 48 hours', () => {
    const postDeploy = built.find((d) => d.id === 'genesis-post-deploy')!;
    expect(postDeploy.panels.map((p) => p.json.title)).toEqual([
      'Test Pass Rate', 'Error Rate', 'P95 Latency', 'System Health', 'Test Pass Rate Over Time', 'Error Rate Trend',
      'Operation Latency Percentiles', 'System Resource Usage', 'HTDAG Performance', 'HALO Routing Performance',
      'AOP Validation Performance', 'Test Execution Details', 'Active Alerts',
    ]);
    expect(postDeploy.json.refresh).toBe('10s');
    expect(postDeploy.json.time).toEqual({ from: 'now-48h', to: 'now' });
    const overview = built.find((d) => d.id === 'genesis-overview')!;
    expect(overview.json.refresh).toBe('30s');
  });

  test('every dashboard, declared or generated, passes every dashboard lint rule with zero findings', () => {
    const findings = lint(estate, dashboardRules).filter((d) => d.code.startsWith('dashboard/')).map((d) => formatDiagnostic(d, repoRoot));
    expect(findings).toEqual([]);
    expect(built.filter((d) => d.generated).length).toBeGreaterThan(10);
  });

  test('the golden cases\' generated dashboards pass the linter too', async () => {
    expect(grafanaCases.length).toBeGreaterThanOrEqual(3);
    for (const name of grafanaCases) {
      const model = await modelOf(join(goldenRoot, name, 'definitions'));
      expect(lint(model, dashboardRules).filter((d) => d.code.startsWith('dashboard/')).map((d) => formatDiagnostic(d, repoRoot)), name).toEqual([]);
    }
  });

  test('uids are at most 40 characters, unique, and name the files', () => {
    const uids = built.map((d) => d.uid);
    expect(new Set(uids).size).toBe(uids.length);
    for (const d of built) {
      expect(d.uid.length).toBeLessThanOrEqual(40);
      expect(d.json.uid).toBe(d.uid);
      expect(d.json.editable).toBe(false);
      expect(d.json.schemaVersion).toBe(39);
    }
    expect(dashboardUid('a'.repeat(60))).toHaveLength(40);
  });

  test('every alert\'s dashboard_url and every dashboard link opens a dashboard this build writes', () => {
    const uids = new Set(built.map((d) => d.uid));
    const alerts = estate.services.flatMap((s) => s.ruleGroups.flatMap((g) => g.alerts));
    expect(alerts.length).toBeGreaterThan(50);
    // The dashboard exists, and each variable the URL sets is one of its variables.
    const opens = (url: string, what: string) => {
      const [, uid, query] = /\/d\/([^/?]+)(?:\?(.*))?$/.exec(url)!;
      expect(uids, `${what}: ${url}`).toContain(uid);
      const names = ((built.find((d) => d.uid === uid)!.json.templating as { list: Json[] }).list).map((v) => v.name);
      for (const [name] of new URLSearchParams(query ?? '')) expect(names, `${what}: ${url}`).toContain(name.replace(/^var-/, ''));
    };
    for (const alert of alerts) opens(alert.annotations.dashboard_url!, alert.name);
    expect(alerts.filter((a) => a.annotations.dashboard_url!.includes('?var-service=')).length).toBeGreaterThan(20);
    expect(alerts.filter((a) => a.annotations.dashboard_url!.includes('/d/slos?var-slo=')).length).toBeGreaterThan(10);
    const links = built.flatMap((d) => ((d.json.links as Json[] | undefined) ?? []).filter((l) => String(l.url).startsWith('/d/')).map((l) => [d.id, String(l.url)] as const));
    expect(links.length).toBeGreaterThan(5);
    for (const [id, url] of links) opens(url, `${id} links`);
  });

  test('the committed out/ holds every dashboard and the provisioning files', () => {
    const providers = readFileSync(join(repoRoot, 'out/grafana/provisioning/dashboards/dashboards.yaml'), 'utf8');
    for (const folder of ['genesis', 'autonomica', 'services', 'slos']) expect(providers).toContain(`path: /var/lib/grafana/dashboards/${folder}`);
    const datasource = readFileSync(join(repoRoot, 'out/grafana/provisioning/datasources/prometheus.yaml'), 'utf8');
    expect(datasource).toContain('uid: prometheus');
    for (const d of built) {
      const file = JSON.parse(readFileSync(join(repoRoot, 'out', dashboardPath(d)), 'utf8')) as Json;
      expect(file.uid).toBe(d.uid);
    }
  });
});

describe('templated service dashboards', () => {
  const host = (id: string, alerts: { alert: string; expr: string; severity: 'warning'; summary: string; dashboard?: string }[] = []) => defineService({
    id, team: 'ops',
    endpoints: [nodeExporter({ job: `${id}-node`, targets: [`${id}:9100`] })],
    ruleGroups: alerts.length > 0 ? [{ name: id, alerts }] : [],
  });
  const project = (serviceDashboards?: 'templated' | 'per-service') => defineProject({
    name: 'kinds',
    targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' },
    links: { grafana: 'https://grafana.example.org' },
    grafana: { datasource: { url: 'http://prometheus:9090' }, serviceDashboards },
    lint: { 'alert/untested': 'off', 'alert/runbook-missing': 'off' },
    services: [
      host('a-host', [
        { alert: 'HostDown', expr: 'up{job="a-host-node"} == 0', severity: 'warning', summary: 'down' },
        { alert: 'PeerDown', expr: 'up{job="b-host-node"} == 0', severity: 'warning', summary: 'peer down', dashboard: 'b-host' },
      ]),
      host('b-host'),
    ],
  });
  const urls = (compilation: ReturnType<typeof compile>) => Object.fromEntries(compilation.model!.services.flatMap((s) => s.ruleGroups.flatMap((g) => g.alerts)).map((a) => [a.name, a.annotations.dashboard_url]));

  test('services with the same panels share one dashboard, and each alert opens its own service in it, also one that names another service', () => {
    const compilation = compile(project());
    expect(compilation.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([]);
    const kind = compilation.model!.project.grafana!.serviceKinds;
    expect(kind).toHaveLength(1);
    expect(kind[0]!.members).toEqual(['a-host', 'b-host']);
    expect(urls(compilation)).toEqual({
      HostDown: `https://grafana.example.org/d/${kind[0]!.id}?var-service=a-host`,
      PeerDown: `https://grafana.example.org/d/${kind[0]!.id}?var-service=b-host`,
    });
    expect([...compilation.files!.keys()].filter((path) => path.includes('/dashboards/services/'))).toEqual([`grafana/dashboards/services/${kind[0]!.id}.json`]);
  });

  test('per-service dashboards keep a dashboard per service and plain links', () => {
    const compilation = compile(project('per-service'));
    expect(urls(compilation)).toEqual({ HostDown: 'https://grafana.example.org/d/a-host', PeerDown: 'https://grafana.example.org/d/b-host' });
    expect([...compilation.files!.keys()].filter((path) => path.includes('/dashboards/services/')).sort()).toEqual(['grafana/dashboards/services/a-host.json', 'grafana/dashboards/services/b-host.json']);
  });
});

describe('promtool (Debian prometheus 2.42) parses every dashboard query', () => {
  /** Every panel, annotation and variable query, variables substituted, as recording rules promtool checks. */
  function queryRules(dashboards: readonly BuiltDashboard[]): string {
    const rules = dashboards.flatMap((d) => queriesOf(d).map((q, i) => ({ record: `dashboard:query_${i}:${d.uid.replace(/-/g, '_')}`, expr: expandVariables(q.expr) })));
    return stringify({ groups: [{ name: 'dashboard-queries', rules }] }, { lineWidth: 0 });
  }

  function check(content: string) {
    const dir = mkdtempSync(join(tmpdir(), 'monac-dashboards-'));
    writeFileSync(join(dir, 'queries.yml'), content);
    return runTool('promtool', ['check', 'rules', 'queries.yml'], dir);
  }

  test('of the estate and of the grafana- golden cases', async () => {
    const all = [...dashboardsOf(estate)];
    for (const name of grafanaCases) all.push(...dashboardsOf(await modelOf(join(goldenRoot, name, 'definitions'))));
    const content = queryRules(all);
    expect(content.split('- record:').length - 1).toBeGreaterThan(300);
    const result = check(content);
    expect(result.status, `${result.stdout}${result.stderr}`).toBe(0);
  });

  test('and rejects a query our parser also rejects, so the check can fail', () => {
    const result = check(stringify({ groups: [{ name: 'g', rules: [{ record: 'r', expr: expandVariables('sum(rate(x[$__rate_interval])') }] }] }));
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/queries\.yml: .*unclosed left parenthesis/);
  });
});

describe('the dashboard linter', () => {
  test('reports broken PromQL, an undefined variable and a fixed rate range at the query\'s line', () => {
    const overview = defineDashboard({
      id: 'api-overview',
      title: 'API overview',
      folder: 'Web',
      panels: [
        timeseries({ title: 'Requests', description: 'Per second.', unit: 'reqps', queries: ['sum(rate(http_requests_total{job="api"}[5m]))'] }),
        timeseries({ title: 'Errors', description: 'Per second.', unit: 'reqps', queries: ['sum(rate(http_requests_total{job="api"}[$__rate_interval])'] }),
        timeseries({ title: 'By job', description: 'Per second.', unit: 'reqps', queries: ['sum(rate(http_requests_total{job=~"$job"}[$__rate_interval]))'] }),
      ],
    });
    const project = projectWith([overview]);
    const diagnostics = compile(project).diagnostics;
    expect(diagnostics.map((d) => `${d.severity} ${d.code} ${d.subject}`)).toEqual([
      'warning dashboard/rate-interval api-overview.panels[0].queries[0]',
      'error dashboard/promql api-overview.panels[1].queries[0]',
      'error dashboard/undefined-variable api-overview.panels[2].queries[0]',
    ]);
    for (const d of diagnostics) expect(d.location?.file).toBe(import.meta.filename);
    expect(new Set(diagnostics.map((d) => d.location?.line)).size).toBe(3);
    expect(compile(project).files).toBeUndefined();
  });

  test('a rate without $__rate_interval is a warning the project can make an error', () => {
    const fixed = () => [dashboard([panel({ queries: ['sum(rate(http_requests_total{job="api"}[5m]))'] })])];
    expect(codesOf(projectWith(fixed()))).toEqual(['warning dashboard/rate-interval']);
    expect(compile(projectWith(fixed())).files).toBeDefined();
    expect(codesOf(projectWith(fixed(), { 'dashboard/rate-interval': 'error' }))).toEqual(['error dashboard/rate-interval']);
    expect(compile(projectWith(fixed(), { 'dashboard/rate-interval': 'error' })).files).toBeUndefined();
  });

  test('a dashboard switches a rule off for itself only, with a reason', () => {
    const unitless = (id: string, lintOff?: Record<string, string>) =>
      defineDashboard({ id, title: id, folder: 'Web', panels: [panel({ unit: undefined })], ...(lintOff ? { lint: lintOff } : {}) });
    const project = projectWith([unitless('quiet', { 'dashboard/panel-units': 'raw counts while debugging' }), unitless('loud')]);
    expect(compile(project).diagnostics.map((d) => `${d.code} ${d.subject}`)).toEqual(['dashboard/panel-units loud.panels[0]']);
  });

  test.each([
    ['dashboard/counter-rate', panel({ queries: ['sum(http_requests_total{job="api"})'] })],
    ['dashboard/panel-title-description', panel({ description: undefined })],
    ['dashboard/panel-units', panel({ unit: 'requests' })],
    ['dashboard/panel-no-targets', panel({ queries: [] })],
    ['dashboard/unknown-metric', panel({ queries: ['sum(rate(http_requets_total{job="api"}[$__rate_interval]))'] })],
  ])('%s finds its problem in a declared panel', (code, bad) => {
    expect(codesOf(projectWith([dashboard([bad])]))).toEqual([`warning ${code}`]);
  });

  test('a text panel needs neither queries nor a unit', () => {
    expect(codesOf(projectWith([dashboard([text({ title: 'Notes', description: 'Read me.', content: 'Hello' })])]))).toEqual([]);
  });

  /** The structure rules check what the typed layer already guarantees; break the built JSON to show they can fail. */
  test.each([
    ['dashboard/overlap', (d: BuiltDashboard) => { d.panels[1]!.json.gridPos = { ...(d.panels[0]!.json.gridPos as Json), h: 2 }; }],
    ['dashboard/overlap', (d: BuiltDashboard) => { d.panels[0]!.json.gridPos = { x: 20, y: 0, w: 6, h: 4 }; }],
    ['dashboard/unique-ids', (d: BuiltDashboard) => { d.panels[1]!.json.id = d.panels[0]!.json.id; }],
    ['dashboard/unique-ids', (d: BuiltDashboard) => { (d.panels[0]!.json.targets as Json[]).push({ ...(d.panels[0]!.json.targets as Json[])[0] }); }],
    ['dashboard/panel-datasource', (d: BuiltDashboard) => { d.panels[0]!.json.datasource = { type: 'prometheus', uid: 'P1809F7CD0C75ACF3' }; }],
    ['dashboard/uneditable', (d: BuiltDashboard) => { d.json.editable = true; }],
  ])('%s fails a dashboard whose JSON breaks it', (code, breakIt) => {
    const model = compile(projectWith([dashboard([
      stat({ title: 'Up', description: 'Targets up.', unit: 'short', queries: ['sum(up{job="api"})'] }),
      stat({ title: 'Down', description: 'Targets down.', unit: 'short', queries: ['count(up{job="api"} == 0)'] }),
    ])]), { checkOnly: true }).model!;
    const rule = dashboardRules.find((r) => r.code === code)!;
    expect(rule.check(model)).toEqual([]);
    breakIt(dashboardsOf(model)[0]!);
    expect(rule.check(model).length).toBeGreaterThan(0);
  });

  test('Grafana before 10.4 is refused, 12 gets schemaVersion 42 and prune', () => {
    const withGrafana = (version: string) => ({ ...projectWith([dashboard([panel()])]), targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: version, kubernetes: '1.30' } });
    expect(codesOf(withGrafana('10.2.0'))).toEqual(['error grafana/version']);
    const files = compile(withGrafana('12.1.0')).files!;
    expect(JSON.parse(files.get('grafana/dashboards/web/api-overview.json')!.content).schemaVersion).toBe(42);
    expect(files.get('grafana/provisioning/datasources/prometheus.yaml')!.content).toContain('prune: true');
    expect(compile(withGrafana('11.0.0')).files!.get('grafana/provisioning/datasources/prometheus.yaml')!.content).not.toContain('prune');
  });
});

describe('the foundation SDK', () => {
  test('is pinned to an exact version and imported from its subpaths only', () => {
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(pkg.dependencies['@grafana/grafana-foundation-sdk']).toMatch(/^\d+\.\d+\.\d+$/);
    const sdk = readFileSync(join(repoRoot, 'generators/grafana/sdk.ts'), 'utf8');
    const imports = [...sdk.matchAll(/from '(@grafana\/grafana-foundation-sdk[^']*)'/g)].map((m) => m[1]!);
    expect(imports.length).toBeGreaterThan(5);
    for (const path of imports) expect(path).toMatch(/^@grafana\/grafana-foundation-sdk\/[a-z0-9]+$/);
  });
});
