import { describe, expect, test } from 'vitest';
import type { Model } from '../../generators/core/model.ts';
import { checkAlertmanager, MSTEAMS_SINCE, WEBHOOK_URL_FILE_SINCE } from '../../generators/alertmanager/checks.ts';

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
});
