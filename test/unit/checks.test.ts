import { describe, expect, test } from 'vitest';
import { compile } from '../../generators/compile.ts';
import { defineAlertmanager, defineProject, defineService } from '../../schemas/index.ts';

const targets = { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' };

/** The code, subject and message of every error of a project. */
function errorsOf(project: object): string[] {
  return compile(project).diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.subject}: ${d.message}`);
}

describe('scrape TLS: a client certificate and its key go together', () => {
  const project = (tls: object) => defineProject({
    name: 'tls', targets,
    services: [defineService({ id: 'api', team: 'shop', endpoints: [{ job: 'api', scheme: 'https', targets: ['api:8443'], tls }] })],
  });

  test.each([
    [{ certFile: '/etc/prometheus/client.crt' }, 'scrape/tls api.endpoints[0].tls.certFile: a client certificate needs its keyFile too'],
    [{ keyFile: '/etc/prometheus/client.key' }, 'scrape/tls api.endpoints[0].tls.keyFile: a client key needs its certFile too'],
  ])('%j alone is refused at the field given', (tls, expected) => {
    expect(errorsOf(project(tls))).toEqual([expected]);
  });

  test('both, or neither, build', () => {
    expect(errorsOf(project({ certFile: '/etc/prometheus/client.crt', keyFile: '/etc/prometheus/client.key' }))).toEqual([]);
    expect(errorsOf(project({ caFile: '/etc/prometheus/ca.crt' }))).toEqual([]);
  });
});

describe('route groupBy', () => {
  const project = (groupBy: string[]) => defineProject({
    name: 'group-by', targets,
    services: [defineService({ id: 'api', team: 'shop', endpoints: [{ job: 'api', targets: ['api:8000'] }] })],
    alertmanager: defineAlertmanager({ receivers: [{ name: 'default' }], route: { receiver: 'default', groupBy } }),
    lint: { 'route/default-only': 'off' },
  });

  test.each([
    [['alertname', 'service', 'alertname'], ['route/group-by alertmanager.route.groupBy[2]: label "alertname" is already in groupBy']],
    [['...', 'service'], ['route/group-by alertmanager.route.groupBy: \'...\' groups by every label: it takes no other labels beside it']],
    [['alertname', 'service'], []],
    [['...'], []],
  ])('%j: %j', (groupBy, expected) => {
    expect(errorsOf(project(groupBy))).toEqual(expected);
  });
});
