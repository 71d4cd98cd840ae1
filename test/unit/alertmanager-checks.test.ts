import { describe, expect, test } from 'vitest';
import type { Model } from '../../generators/core/model.ts';
import { checkAlertmanager, inhibits, MSTEAMS_SINCE, WEBHOOK_URL_FILE_SINCE } from '../../generators/alertmanager/checks.ts';

type Config = Record<string, unknown> & { receivers: Record<string, unknown>[]; route: Record<string, unknown> };
type Alert = { name: string; labels: Record<string, string>; tests?: { fires: { labels?: Record<string, string> }[] }[] };

/** The least of a model the Alertmanager checks read: the config, the target version and the alerts. */
function check(config: Config, { version = '0.25.0', alerts = [] as Alert[] } = {}) {
  const model = {
    project: { alertmanager: { config, site: { root: {}, path: [], subject: 'project.alertmanager' } }, targets: { alertmanager: version } },
    services: [{ ruleGroups: [{ alerts: alerts.map((a) => ({ tests: [], ...a })) }] }],
  } as unknown as Model;
  return checkAlertmanager(model).map((d) => `${d.code} ${d.subject}: ${d.message}`);
}

const receivers = [{ name: 'ops' }, { name: 'db' }, { name: 'app' }];

describe('Alertmanager checks', () => {
  test('an unknown receiver lists the declared ones sorted', () => {
    expect(check({ receivers, route: { receiver: 'ops', routes: [{ matchers: ['team="db"'], receiver: 'dba' }] } })).toEqual([
      'route/unknown-receiver project.alertmanager.route.routes[0].receiver: no receiver is called "dba"; declared: app, db, ops',
    ]);
  });

  test('inhibition labels are known from alertname, job, instance, rule labels and the labels alerts fire with in their tests', () => {
    const alerts: Alert[] = [{ name: 'Down', labels: { severity: 'critical' }, tests: [{ fires: [{ labels: { cluster: 'eu' } }] }] }];
    const inhibit = (equal: string[]) => check({ receivers, route: { receiver: 'ops' }, inhibitRules: [{ source: ['severity="critical"'], target: ['severity="warning"'], equal }] }, { alerts });
    expect(inhibit(['alertname', 'job', 'instance', 'cluster'])).toEqual([]);
    expect(inhibit(['region'])).toEqual(['inhibit/unknown-label project.alertmanager.inhibitRules[0].equal[0]: no alert carries the label region, so this inhibition can never apply']);
    // Without equal, only the matchers' labels are checked.
    expect(check({ receivers, route: { receiver: 'ops' }, inhibitRules: [{ source: ['zone="a"'], target: ['severity="warning"'] }] }, { alerts })).toEqual([
      'inhibit/unknown-label project.alertmanager.inhibitRules[0].source[0]: no alert carries the label zone, so this inhibition can never apply',
    ]);
  });

  test('Teams receivers and webhook url files are refused below the version that has them, and accepted from it on', () => {
    const config = { receivers: [{ name: 'ops', msteams: [{ webhookUrlFile: '/etc/teams' }], webhook: [{ urlFile: '/etc/hook' }] }], route: { receiver: 'ops' } };
    const codes = (version: string) => check(config, { version }).map((line) => line.split(':')[0]);
    expect(codes('0.25.0')).toEqual(['version/alertmanager project.alertmanager.receivers[0].msteams', 'version/alertmanager project.alertmanager.receivers[0].webhook[0].urlFile']);
    expect(codes(WEBHOOK_URL_FILE_SINCE)).toEqual(['version/alertmanager project.alertmanager.receivers[0].msteams']);
    expect(codes(MSTEAMS_SINCE)).toEqual([]);
    expect(codes('0.28.1')).toEqual([]);
  });

  test('groupBy takes a label once, and ... alone', () => {
    expect(check({ receivers, route: { receiver: 'ops', groupBy: ['alertname', 'service', 'alertname'], routes: [{ groupBy: ['...', 'team'] }] } })).toEqual([
      'route/group-by project.alertmanager.route.groupBy[2]: label "alertname" is already in groupBy',
      'route/group-by project.alertmanager.route.routes[0].groupBy: \'...\' groups by every label: it takes no other labels beside it',
    ]);
  });

  test('routing expectations: the receivers in route order, and the message names those the alert reaches', () => {
    const route = { receiver: 'ops', routes: [{ matchers: ['severity="critical"'], receiver: 'db', continue: true }, { matchers: ['team="app"'], receiver: 'app' }] };
    const run = (labels: Record<string, string>, wanted: string[]) => check({ receivers, route, routingTests: [{ labels, receivers: wanted }] });
    expect(run({ severity: 'critical', team: 'app' }, ['db', 'app'])).toEqual([]);
    expect(run({ severity: 'warning' }, ['ops'])).toEqual([]);
    expect(run({ severity: 'critical', team: 'app' }, ['app', 'db'])).toEqual([
      'route/expectation project.alertmanager.routingTests[0].receivers: an alert {severity="critical", team="app"} reaches db, app, not app, db',
    ]);
    expect(run({ team: 'app' }, ['ops'])).toEqual(['route/expectation project.alertmanager.routingTests[0].receivers: an alert {team="app"} reaches app, not ops']);
  });

  test('an expected inhibition that no rule makes names both alerts', () => {
    const config = (equal: string[]) => ({
      receivers, route: { receiver: 'ops' },
      inhibitRules: [{ source: ['alertname="NodeDown"'], target: ['severity="warning"'], equal }],
      routingTests: [{ labels: { alertname: 'KubeletDown', severity: 'warning', node: 'a' }, receivers: ['ops'], mutedWhile: { alertname: 'NodeDown', node: 'b' } }],
    });
    const alerts: Alert[] = [{ name: 'KubeletDown', labels: { severity: 'warning', node: 'a' } }];
    expect(check(config([]), { alerts })).toEqual([]);
    expect(check(config(['node']), { alerts })).toEqual([
      'route/expectation project.alertmanager.routingTests[0].mutedWhile: no inhibit rule mutes an alert {alertname="KubeletDown", severity="warning", node="a"} while an alert {alertname="NodeDown", node="b"} fires',
    ]);
  });
});

describe('inhibition as Alertmanager applies it', () => {
  const rule = { source: ['severity="critical"'], target: ['severity="warning"'], equal: ['service'] };
  test.each([
    ['source and target match, equal labels equal', [rule], { severity: 'critical', service: 'a' }, { severity: 'warning', service: 'a' }, true],
    ['the equal label differs', [rule], { severity: 'critical', service: 'a' }, { severity: 'warning', service: 'b' }, false],
    ['absent on both sides counts as equal', [rule], { severity: 'critical' }, { severity: 'warning' }, true],
    ['absent on one side is not equal to a value', [rule], { severity: 'critical' }, { severity: 'warning', service: 'a' }, false],
    ['the source does not match', [rule], { severity: 'warning', service: 'a' }, { severity: 'warning', service: 'a' }, false],
    ['the target does not match', [rule], { severity: 'critical', service: 'a' }, { severity: 'critical', service: 'a' }, false],
    ['every matcher of a side must hold', [{ source: ['severity="critical"', 'team="db"'], target: ['severity="warning"'] }], { severity: 'critical', team: 'web' }, { severity: 'warning' }, false],
    ['one of several rules is enough', [{ source: ['x="1"'], target: ['y="1"'] }, { source: ['severity="critical"'], target: ['severity="warning"'] }], { severity: 'critical' }, { severity: 'warning' }, true],
    ['no rules, no inhibition', [], { severity: 'critical' }, { severity: 'warning' }, false],
    ['alerts matching both sides do not mute each other', [{ source: ['team="db"'], target: ['team="db"'] }], { team: 'db', a: '1' }, { team: 'db', a: '2' }, false],
    ['an alert matching both sides is muted by a source that matches only the source side', [{ source: ['severity="critical"'], target: ['team="db"'] }], { severity: 'critical' }, { team: 'db', severity: 'critical' }, true],
  ] as const)('%s', (_, rules, source, target, muted) => {
    expect(inhibits(rules as never, source, target)).toBe(muted);
  });
});
