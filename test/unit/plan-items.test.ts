import { describe, expect, test } from 'vitest';
import { compile } from '../../generators/compile.ts';
import { lintRules } from '../../generators/lint/index.ts';
import { budgetMinutes, plan, type PlanItem } from '../../scripts/plan/diff.ts';
import { defineAlertmanager, defineDashboard, defineService, timeseries, type ServiceInput } from '../../schemas/index.ts';
import base, { api, overview } from '../plan/base-definitions.ts';

/**
 * The plan's items in process, one kind of change at a time, each item
 * asserted whole: the summary a reviewer reads, the fields, whether it is
 * destructive, and where it sorts. (test/plan.test.ts runs `monac plan` as a
 * user does; a mutant of the diff lives in this process only.)
 */
function build(project: object) {
  const compilation = compile({ ...project, lint: Object.fromEntries(lintRules.map((r) => [r.code, 'warning'])) });
  expect(compilation.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return compilation;
}
const baseBuild = build(base);
const planned = (head: object, from: object = base) => plan(from === base ? baseBuild : build(from), build(head));
const withApi = (change: Partial<ServiceInput>, project: object = base) => ({ ...project, services: [defineService({ ...api, ...change })] });
const group = api.ruleGroups![0]!;
const [apiDown, trafficLow] = group.alerts!;
const withAlerts = (alerts: object[], records = group.records) => withApi({ ruleGroups: [{ ...group, records, alerts: alerts as typeof group.alerts }] });
const only = (items: readonly PlanItem[], kind: PlanItem['kind']) => items.filter((i) => i.kind === kind);

describe('alerts', () => {
  test('nothing changed: no item and no error', () => {
    expect(planned(base)).toEqual({ items: [], errors: [] });
  });

  test('a changed expression and for: one item naming both, with before and after', () => {
    const result = planned(withAlerts([apiDown!, { ...trafficLow!, expr: 'job:http_requests:rate5m < 2', for: '15m' }]));
    expect(result.items).toEqual([{
      kind: 'alert', change: 'changed', id: 'ApiTrafficLow', service: 'api', destructive: false,
      summary: 'alert ApiTrafficLow (api) changes expr, for',
      fields: [{ field: 'expr', before: 'job:http_requests:rate5m < 1', after: 'job:http_requests:rate5m < 2' }, { field: 'for', before: '10m', after: '15m' }],
    }]);
  });

  test('a removed alert is destructive; an added one says whom it reaches', () => {
    const result = planned(withAlerts([apiDown!, { alert: 'ApiSlow', expr: 'job:http_requests:rate5m > 100', for: '5m', severity: 'critical', summary: 'slow' }]));
    expect(result.items).toEqual([
      { kind: 'alert', change: 'removed', id: 'ApiTrafficLow', service: 'api', destructive: true, summary: 'alert ApiTrafficLow (api, warning) is removed: it will no longer fire', fields: [] },
      {
        kind: 'alert', change: 'added', id: 'ApiSlow', service: 'api', destructive: false,
        summary: 'alert ApiSlow (api, critical) is added, reaching pager',
        fields: [{ field: 'expr', after: 'job:http_requests:rate5m > 100' }, { field: 'receivers', after: ['pager'] }],
      },
    ]);
  });

  test('without an Alertmanager an added alert names no receivers', () => {
    const { alertmanager: _, ...silent } = base;
    const result = planned({ ...withAlerts([apiDown!, trafficLow!, { alert: 'ApiSlow', expr: 'job:http_requests:rate5m > 100', severity: 'info', summary: 'slow' }]), alertmanager: undefined }, silent);
    expect(result.items).toEqual([{ kind: 'alert', change: 'added', id: 'ApiSlow', service: 'api', destructive: false, summary: 'alert ApiSlow (api, info) is added', fields: [{ field: 'expr', after: 'job:http_requests:rate5m > 100' }] }]);
  });

  test('an alert that moves to another service, or is renamed, with the same content moved: it fires as before', () => {
    const web = defineService({ id: 'web', team: 'shop', ruleGroups: [{ name: 'web', alerts: [apiDown!] }] });
    const movedTo = planned({ ...withAlerts([trafficLow!]), services: [defineService({ ...api, ruleGroups: [{ ...group, alerts: [trafficLow!] }] }), web] });
    expect(only(movedTo.items, 'alert')).toEqual([{
      kind: 'alert', change: 'moved', id: 'ApiDown', service: 'web', destructive: false,
      summary: 'alert ApiDown moves from api to web; it fires as before',
      fields: [{ field: 'service', before: 'api', after: 'web' }],
    }]);
    const renamed = planned(withAlerts([{ ...apiDown!, alert: 'ApiUnavailable' }, trafficLow!]));
    expect(only(renamed.items, 'alert')).toEqual([{
      kind: 'alert', change: 'moved', id: 'ApiUnavailable', service: 'api', destructive: false,
      summary: 'alert ApiDown moves and is now ApiUnavailable; it fires as before',
      fields: [{ field: 'name', before: 'ApiDown', after: 'ApiUnavailable' }],
    }]);
  });

  test('alerts that share a name are told apart by the labels that differ, and by severity when only it differs', () => {
    const pair = (severity: 'warning' | 'critical', threshold: number) => ({ alert: 'ApiErrors', expr: `job:http_requests:rate5m > ${threshold}`, severity, summary: 'errors' });
    const windows = (window: string, threshold: number) => ({ ...pair('warning', threshold), labels: { window } });
    const result = planned(withAlerts([apiDown!, trafficLow!, pair('warning', 1), pair('critical', 2), windows('5m', 3), windows('1h', 4)]));
    expect(only(result.items, 'alert').map((i) => i.summary).sort()).toEqual([
      'alert ApiErrors (api, critical) is added, reaching pager',
      'alert ApiErrors (api, warning) is added, reaching chat',
      'alert ApiErrors{window="1h"} (api, warning) is added, reaching chat',
      'alert ApiErrors{window="5m"} (api, warning) is added, reaching chat',
    ]);
    // One of a warning/critical pair changing is that one only.
    const head = withAlerts([apiDown!, trafficLow!, pair('warning', 1), pair('critical', 5)]);
    const from = withAlerts([apiDown!, trafficLow!, pair('warning', 1), pair('critical', 2)]);
    expect(planned(head, from).items).toEqual([{
      kind: 'alert', change: 'changed', id: 'ApiErrors', service: 'api', destructive: false, summary: 'alert ApiErrors (api) changes expr',
      fields: [{ field: 'expr', before: 'job:http_requests:rate5m > 2', after: 'job:http_requests:rate5m > 5' }],
    }]);
  });
});

describe('routing', () => {
  test('an alert that reaches another receiver that still notifies is a plain change; one that loses every receiver that notifies is destructive and first', () => {
    const [email, pager, chat] = base.alertmanager!.receivers;
    const am = (warning: string, receivers = [email!, pager!, chat!, { name: 'nobody' }]) => defineAlertmanager({
      ...base.alertmanager!, receivers, route: { receiver: 'default', routes: [{ matchers: ['severity="critical"'], receiver: 'pager' }, { matchers: ['severity=~"warning|high"'], receiver: warning }] },
    });
    // The SLO's burn-rate alerts move too; ApiTrafficLow is the declared one.
    const ofTrafficLow = (items: readonly PlanItem[]) => items.filter((i) => i.id === 'ApiTrafficLow');
    expect(ofTrafficLow(planned({ ...base, alertmanager: am('default') }).items)).toEqual([{
      kind: 'routing', change: 'changed', id: 'ApiTrafficLow', service: 'api', destructive: false,
      summary: 'alert ApiTrafficLow (api) reaches default instead of chat', fields: [{ field: 'receivers', before: ['chat'], after: ['default'] }],
    }]);
    const silenced = planned({ ...withAlerts([apiDown!, { ...trafficLow!, expr: 'job:http_requests:rate5m < 3' }]), alertmanager: am('nobody') });
    expect(ofTrafficLow(silenced.items).map((i) => `${i.destructive} ${i.kind} ${i.change} ${i.summary}`)).toEqual([
      'true routing changed alert ApiTrafficLow (api, warning) no longer notifies anyone: chat -> nobody',
      'false alert changed alert ApiTrafficLow (api) changes expr',
    ]);
  });

  test('a critical alert that stops reaching the pager no longer pages, and is destructive', () => {
    const am = defineAlertmanager({ ...base.alertmanager!, route: { receiver: 'default', routes: [{ matchers: ['severity=~"warning|high"'], receiver: 'chat' }] } });
    expect(planned({ ...base, alertmanager: am }).items.filter((i) => i.id === 'ApiDown')).toEqual([{
      kind: 'routing', change: 'changed', id: 'ApiDown', service: 'api', destructive: true,
      summary: 'alert ApiDown (api, critical) no longer pages: pager -> default', fields: [{ field: 'receivers', before: ['pager'], after: ['default'] }],
    }]);
  });

  test('inhibitions and time intervals added, changed and removed', () => {
    const weekly = { name: 'weekly', intervals: [{ weekdays: ['sunday'] }] };
    const from = { ...base, alertmanager: defineAlertmanager({ ...base.alertmanager!, inhibitRules: [{ source: ['severity="critical"'], target: ['severity="warning"'], equal: ['service'] }], timeIntervals: [weekly, { name: 'gone', intervals: [{ weekdays: ['monday'] }] }] }) };
    const head = { ...base, alertmanager: defineAlertmanager({ ...base.alertmanager!, inhibitRules: [{ source: ['severity="critical"'], target: ['severity="info"'] }], timeIntervals: [{ ...weekly, intervals: [{ weekdays: ['saturday'] }] }, { name: 'new', intervals: [{ weekdays: ['friday'] }] }] }) };
    expect(planned(head, from).items).toEqual([
      { kind: 'inhibition', change: 'removed', id: '{"equal":["service"],"source":["severity=\\"critical\\""],"target":["severity=\\"warning\\""]}', destructive: false, summary: 'inhibition {"equal":["service"],"source":["severity=\\"critical\\""],"target":["severity=\\"warning\\""]} is removed: its targets are no longer muted', fields: [] },
      { kind: 'inhibition', change: 'added', id: '{"source":["severity=\\"critical\\""],"target":["severity=\\"info\\""]}', destructive: false, summary: 'inhibition {"source":["severity=\\"critical\\""],"target":["severity=\\"info\\""]} is added: its targets are muted while a source fires', fields: [] },
      { kind: 'time-interval', change: 'removed', id: 'gone', destructive: false, summary: 'time interval gone is removed', fields: [{ field: 'intervals', before: [{ weekdays: ['monday'] }] }] },
      { kind: 'time-interval', change: 'changed', id: 'weekly', destructive: false, summary: 'time interval weekly changes', fields: [{ field: 'intervals', before: [{ weekdays: ['sunday'] }], after: [{ weekdays: ['saturday'] }] }] },
      { kind: 'time-interval', change: 'added', id: 'new', destructive: false, summary: 'time interval new is added', fields: [{ field: 'intervals', after: [{ weekdays: ['friday'] }] }] },
    ]);
  });
});

describe('recording rules', () => {
  const record = group.records![0]!;

  test('removing a record an alert, the scaling query and a dashboard still read is destructive and an error naming each reader', () => {
    const result = planned(withAlerts(group.alerts!, []));
    expect(result.items.filter((i) => i.kind === 'recording-rule')).toEqual([{ kind: 'recording-rule', change: 'removed', id: 'job:http_requests:rate5m', service: 'api', destructive: true, summary: 'recording rule job:http_requests:rate5m (api) is removed', fields: [] }]);
    expect(result.errors).toEqual(['recording rule job:http_requests:rate5m is removed, but alert ApiTrafficLow, grafana/dashboards/shop/api-overview.json, kubernetes/shop/api-scaledobject.yaml still read it']);
  });

  test('a record kept under the same name with other labels is no reader problem; a changed and an added record are listed', () => {
    const changed = { ...record, expr: 'sum by (job) (rate(http_requests_total{job="api"}[10m]))' };
    const added = { record: 'job:http_requests:rate1h', expr: 'sum by (job) (rate(http_requests_total{job="api"}[1h]))' };
    const result = planned(withAlerts(group.alerts!, [changed, added]));
    expect(result).toEqual({
      errors: [],
      items: [
        { kind: 'recording-rule', change: 'changed', id: 'job:http_requests:rate5m', service: 'api', destructive: false, summary: 'recording rule job:http_requests:rate5m (api) changes its expression', fields: [{ field: 'expr', before: record.expr, after: changed.expr }] },
        { kind: 'recording-rule', change: 'added', id: 'job:http_requests:rate1h', service: 'api', destructive: false, summary: 'recording rule job:http_requests:rate1h (api) is added', fields: [{ field: 'expr', after: added.expr }] },
      ],
    });
    const relabelled = planned(withAlerts(group.alerts!, [{ ...record, labels: { tier: 'gold' } }]));
    expect(relabelled.errors).toEqual([]);
    expect(relabelled.items.filter((i) => i.kind === 'recording-rule').map((i) => `${i.change} ${i.id}`)).toEqual(['removed job:http_requests:rate5m', 'added job:http_requests:rate5m']);
  });
});

describe('SLOs and scaling', () => {
  const slo = api.slos![0]!;

  test('a changed objective says what the budget becomes; an SLO removed is destructive, one added says its budget', () => {
    expect(only(planned(withApi({ slos: [{ ...slo, objective: 99.5 }] })).items, 'slo')).toEqual([{
      kind: 'slo', change: 'changed', id: 'api-availability', service: 'api', destructive: false,
      summary: 'SLO api-availability (api) changes objective: 99.9% over 30d (43.2 min of budget) -> 99.5% over 30d (216 min of budget)',
      fields: [{ field: 'objective', before: 99.9, after: 99.5 }],
    }]);
    const swapped = planned(withApi({ slos: [{ ...slo, id: 'api-success' }] }));
    expect(only(swapped.items, 'slo')).toEqual([
      { kind: 'slo', change: 'removed', id: 'api-availability', service: 'api', destructive: true, summary: 'SLO api-availability (api) is removed, with its burn-rate alerts', fields: [] },
      { kind: 'slo', change: 'added', id: 'api-success', service: 'api', destructive: false, summary: 'SLO api-success (api) is added: 99.9% over 30d (43.2 min of budget)', fields: [] },
    ]);
    expect(budgetMinutes(99.9, '30d')).toBe(43.2);
    expect(budgetMinutes(99, '7d')).toBe(100.8);
  });

  test('an SLO whose runbook or summary alone changes is not listed', () => {
    expect(only(planned(withApi({ slos: [{ ...slo, summary: 'Checkout works' }] })).items, 'slo')).toEqual([]);
  });

  test('scaling changed, removed and added by workload', () => {
    const policy = api.scaling![0]!;
    expect(only(planned(withApi({ scaling: [{ ...policy, maxReplicas: 20 }] })).items, 'scaling')).toEqual([{
      kind: 'scaling', change: 'changed', id: 'Deployment shop/api', service: 'api', destructive: false, summary: 'scaling of Deployment shop/api (api) changes maxReplicas', fields: [{ field: 'maxReplicas', before: 10, after: 20 }],
    }]);
    expect(only(planned(withApi({ scaling: [{ ...policy, workload: { name: 'web', namespace: 'shop' } }] })).items, 'scaling')).toEqual([
      { kind: 'scaling', change: 'removed', id: 'Deployment shop/api', service: 'api', destructive: false, summary: 'scaling of Deployment shop/api (api) is removed: it keeps the replicas it has', fields: [{ field: 'replicas', before: '2 to 10 replicas' }] },
      { kind: 'scaling', change: 'added', id: 'Deployment shop/web', service: 'api', destructive: false, summary: 'scaling of Deployment shop/web (api) is added: 2 to 10 replicas on 1 signal(s)', fields: [] },
    ]);
  });
});

describe('files: dashboards and scrape jobs', () => {
  test('panels added, removed and changed, and a new title, in one dashboard item', () => {
    const head = { ...base, dashboards: [defineDashboard({ ...overview, title: 'API', panels: [
      timeseries({ title: 'Requests', description: 'Requests per second.', unit: 'reqps', queries: ['sum(job:http_requests:rate5m)'] }),
      timeseries({ title: 'Errors', description: 'Errors per second.', unit: 'reqps', queries: ['sum(rate(http_requests_total{code=~"5.."}[5m]))'] }),
    ] })] };
    expect(only(planned(head).items, 'dashboard')).toEqual([{
      kind: 'dashboard', change: 'changed', id: 'api-overview', destructive: false,
      summary: 'dashboard API (api-overview): 1 panel(s) added, 0 removed, 2 changed',
      fields: [
        { field: 'panel "Requests" queries', before: ['job:http_requests:rate5m'], after: ['sum(job:http_requests:rate5m)'] },
        { field: 'panel "Errors"', after: ['sum(rate(http_requests_total{code=~"5.."}[5m]))'] },
        { field: 'title', before: 'API overview', after: 'API' },
      ],
    }]);
    const renamedPanel = { ...base, dashboards: [defineDashboard({ ...overview, panels: [timeseries({ title: 'Traffic', description: 'Requests per second.', unit: 'reqps', queries: ['job:http_requests:rate5m'] })] })] };
    expect(only(planned(renamedPanel).items, 'dashboard')[0]!.summary).toBe('dashboard API overview (api-overview): 1 panel(s) added, 1 removed, 0 changed');
  });

  test('a dashboard added and one removed', () => {
    const head = { ...base, dashboards: [defineDashboard({ ...overview, id: 'api-traffic' })] };
    expect(only(planned(head).items, 'dashboard')).toEqual([
      { kind: 'dashboard', change: 'removed', id: 'api-overview', destructive: false, summary: 'dashboard API overview (api-overview) is removed', fields: [] },
      { kind: 'dashboard', change: 'added', id: 'api-traffic', destructive: false, summary: 'dashboard API overview (api-traffic) is added with 1 panel(s)', fields: [] },
    ]);
  });

  test('a scrape job changed, added and removed', () => {
    expect(only(planned(withApi({ endpoints: [{ job: 'api', targets: ['api:8000'], interval: '30s' }] })).items, 'scrape-job')).toEqual([{
      kind: 'scrape-job', change: 'changed', id: 'api', destructive: false, summary: 'scrape job api changes scrape_interval', fields: [{ field: 'scrape_interval', before: '15s', after: '30s' }],
    }]);
    expect(only(planned(withApi({ endpoints: [{ job: 'api-v2', targets: ['api:8000'], interval: '15s' }] })).items, 'scrape-job').map((i) => i.summary)).toEqual(['scrape job api is removed', 'scrape job api-v2 is added']);
  });
});

describe('Kubernetes objects', () => {
  const operator = (project: { readonly services: readonly unknown[]; readonly alertmanager?: unknown }) => ({
    ...project,
    targets: { ...base.targets, prometheusOperator: '0.75.0' },
    delivery: { prometheusOperator: { namespace: 'monitoring', secrets: { '/etc/alertmanager/pd': { secret: 'alertmanager-keys', key: 'pd' }, '/etc/alertmanager/slack': { secret: 'alertmanager-keys', key: 'slack' } } } },
    services: [defineService({ ...(project.services[0] as ServiceInput), endpoints: [{ job: 'api', targets: ['api:8000'], kubernetes: { namespace: 'shop', selector: { app: 'api' }, port: 'http' } }] })],
  });

  test('a changed Secret is listed without its values; a long text shows as its size', () => {
    const from = operator(base);
    const [email, pager, chat] = base.alertmanager!.receivers;
    const head = operator({ ...base, alertmanager: defineAlertmanager({ ...base.alertmanager!, receivers: [email!, pager!, { ...chat!, slack: [{ channel: '#shop-alerts', apiUrlFile: '/etc/alertmanager/slack' }] }] }) });
    const items = only(planned(head, from).items, 'kubernetes');
    const secret = items.find((i) => i.id.startsWith('Secret '))!;
    expect(secret.change).toBe('changed');
    expect(secret.fields.length).toBeGreaterThan(0);
    expect(secret.fields.every((f) => f.before === '(redacted)' && f.after === '(redacted)')).toBe(true);
    expect(JSON.stringify(items)).not.toContain('#shop-alerts');
    expect(secret.summary).toBe('Secret monitoring/alertmanager-monac changes stringData.alertmanager.yaml');
    // A long list shows as its length, a long text as its size.
    const changed = planned({ ...operator(withAlerts([apiDown!, { ...trafficLow!, for: '20m' }])), dashboards: [defineDashboard({ ...overview, title: 'API' })] }, from).items;
    const rule = changed.find((i) => i.kind === 'kubernetes' && i.id.startsWith('PrometheusRule '))!;
    expect(rule.fields).toEqual([{ field: 'spec.groups', before: '(2 item(s))', after: '(2 item(s))' }]);
    const board = changed.find((i) => i.kind === 'kubernetes' && i.id.startsWith('ConfigMap ') && i.fields.some((f) => f.field.startsWith('data.')))!;
    expect(board.fields).toEqual([expect.objectContaining({ field: expect.stringMatching(/^data\./), before: expect.stringMatching(/^\(\d+ characters\)$/), after: expect.stringMatching(/^\(\d+ characters\)$/) })]);
  });
});

describe('order', () => {
  test('destructive first, then by kind, by change (removed, changed, moved, added), by service and name', () => {
    const head = {
      ...withAlerts([{ ...apiDown!, for: '2m' }, { alert: 'ApiAdded', expr: 'up == 2', severity: 'info', summary: 'x' }], []),
      dashboards: [],
    };
    const result = planned(head);
    expect(result.items.map((i) => `${i.destructive ? '!' : ' '} ${i.kind} ${i.change} ${i.id}`)).toEqual([
      '! alert removed ApiTrafficLow',
      '! recording-rule removed job:http_requests:rate5m',
      '  alert changed ApiDown',
      '  alert added ApiAdded',
      '  dashboard removed api-overview',
    ]);
  });
});
