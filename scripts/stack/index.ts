import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { toYaml } from '../../generators/core/emit.ts';
import { UsageError } from '../../generators/core/errors.ts';
import type { Model } from '../../generators/core/model.ts';
import { diffOutput } from '../../generators/core/output.ts';
import { loadModel } from '../model.ts';
import { installHint, toolPath } from '../required-tools.ts';
import { alertmanagerOverlay, OVERLAY_HEADER, prometheusOverlay } from './overlay.ts';
import { targets } from './api.ts';
import { ensureFree, isRunning, startProcess, stopProcess, waitReady } from './processes.ts';
import { components, DEFAULT_PORTS, prepareWork, readState, workPaths, writeState, type Component, type StackPorts, type StackProcess, type StackState, type WorkPaths } from './work.ts';

export interface UpOptions {
  readonly definitions: string;
  readonly out: string;
  readonly work: string;
  readonly ports?: Partial<StackPorts> | undefined;
  /** Evaluation and grouping intervals of one second, in the overlays only. */
  readonly fast?: boolean | undefined;
  readonly timeoutMs?: number | undefined;
}

const repoRoot = resolve(import.meta.dirname, '../..');

/** A Debian program the stack runs; missing, it says how to install it. */
function program(name: string): string {
  const path = toolPath(name);
  if (!path) throw new UsageError(`${name} is not installed: ${installHint(name)} (npm run stack installs it when apt-get can run)`);
  return path;
}

/** The model of the definitions, and a check that out/ is what they build to: the stack runs out/. */
async function compiledModel(definitions: string, out: string): Promise<Model> {
  const { model, files } = await loadModel(definitions, { files: true });
  if (!existsSync(join(out, 'prometheus/prometheus.yml'))) throw new UsageError(`${out}/prometheus/prometheus.yml is missing: run npm run build first (the stack runs the files delivery)`);
  const stale = diffOutput(out, files!);
  if (stale.length > 0) throw new UsageError(`${out}/ is not what the definitions build to (${stale[0]!.path}: ${stale[0]!.status}): run npm run build first`);
  return model;
}

function commands(paths: WorkPaths, out: string, ports: StackPorts, fast: boolean): Record<Component, { program: string; args: string[]; ready: string; cwd?: string }> {
  const url = (c: Component) => `http://127.0.0.1:${ports[c]}`;
  const flagsFile = join(out, 'prometheus/prometheus.flags');
  const outFlags = existsSync(flagsFile) ? readFileSync(flagsFile, 'utf8').split('\n').filter((f) => f && !f.startsWith('--storage.tsdb.path')) : [];
  return {
    capture: { program: process.execPath, args: ['--import', 'tsx', join(repoRoot, 'scripts/stack/capture.ts'), String(ports.capture), paths.notifications], ready: `${url('capture')}/`, cwd: repoRoot },
    'node-exporter': { program: program('prometheus-node-exporter'), args: [`--web.listen-address=127.0.0.1:${ports['node-exporter']}`], ready: `${url('node-exporter')}/metrics` },
    'blackbox-exporter': {
      program: program('prometheus-blackbox-exporter'),
      args: ['--config.file=/etc/prometheus/blackbox.yml', `--web.listen-address=127.0.0.1:${ports['blackbox-exporter']}`],
      ready: `${url('blackbox-exporter')}/`,
    },
    alertmanager: {
      program: program('prometheus-alertmanager'),
      args: [`--config.file=${paths.alertmanagerConfig}`, `--storage.path=${paths.alertmanagerData}`, `--web.listen-address=127.0.0.1:${ports.alertmanager}`, '--cluster.listen-address=', `--web.external-url=${url('alertmanager')}`],
      ready: `${url('alertmanager')}/-/ready`,
    },
    prometheus: {
      program: program('prometheus'),
      args: [
        `--config.file=${paths.prometheusConfig}`, `--storage.tsdb.path=${paths.prometheusData}`, `--web.listen-address=127.0.0.1:${ports.prometheus}`,
        `--web.external-url=${url('prometheus')}`, ...outFlags, ...(fast ? ['--rules.alert.resend-delay=1s'] : []),
      ],
      ready: `${url('prometheus')}/-/ready`,
    },
  };
}

/** The groups of out/prometheus/rules/, which Prometheus must report loaded. */
function ruleGroupCount(out: string): number {
  const dir = join(out, 'prometheus/rules');
  if (!existsSync(dir)) return 0;
  return readdirSync(dir).filter((file) => file.endsWith('.yml'))
    .reduce((sum, file) => sum + ((parse(readFileSync(join(dir, file), 'utf8')) as { groups?: unknown[] }).groups?.length ?? 0), 0);
}

async function waitForRules(prometheus: string, expected: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await fetch(`${prometheus}/api/v1/rules`).then((r) => r.json() as Promise<{ data: { groups: unknown[] } }>).catch(() => undefined);
    if ((response?.data.groups.length ?? -1) >= expected) return;
    if (Date.now() > deadline) throw new Error(`Prometheus loaded ${response?.data.groups.length ?? 0} of ${expected} rule groups within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Until every target has been scraped once, so the health `up` prints means something; a slow scrape only shortens the wait. */
async function waitForScrapes(prometheus: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const found = await targets(prometheus).catch(() => []);
    if (found.length > 0 && found.every((t) => t.health !== 'unknown')) return;
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Starts the stack on out/; on any failure stops what it started. */
export async function stackUp(options: UpOptions): Promise<StackState> {
  const paths = workPaths(options.work);
  const out = resolve(options.out);
  const previous = readState(paths);
  if (previous && Object.values(previous.processes).some((p) => p && isRunning(p))) {
    throw new UsageError(`a stack already runs from ${paths.root} (see stack status); stop it with stack down`);
  }
  const model = await compiledModel(options.definitions, out);
  const ports: StackPorts = { ...DEFAULT_PORTS, ...options.ports };
  for (const component of components) await ensureFree(ports[component], component);
  const fast = options.fast ?? false;
  prepareWork(paths);
  rmSync(paths.notifications, { force: true });
  writeFileSync(paths.prometheusConfig, toYaml(prometheusOverlay(parse(readFileSync(join(out, 'prometheus/prometheus.yml'), 'utf8')), model, { out, ports, fast }), OVERLAY_HEADER));
  const amConfig = join(out, 'alertmanager/alertmanager.yml');
  if (!existsSync(amConfig)) throw new UsageError(`${amConfig} is missing: the project declares no alertmanager, and the stack needs one`);
  writeFileSync(paths.alertmanagerConfig, toYaml(alertmanagerOverlay(parse(readFileSync(amConfig, 'utf8')), { out, ports, fast }), OVERLAY_HEADER));

  const processes: Partial<Record<Component, StackProcess>> = {};
  const state = (): StackState => ({ out, ports, fast, processes: { ...processes } });
  const timeoutMs = options.timeoutMs ?? 30_000;
  try {
    for (const [component, spec] of Object.entries(commands(paths, out, ports, fast)) as [Component, ReturnType<typeof commands>[Component]][]) {
      const started = startProcess(paths, component, spec.program, spec.args, spec.cwd);
      processes[component] = started;
      writeState(paths, state());
      await waitReady(spec.ready, timeoutMs, started.log, () => isRunning(started));
    }
    await waitForRules(`http://127.0.0.1:${ports.prometheus}`, ruleGroupCount(out), timeoutMs);
    await waitForScrapes(`http://127.0.0.1:${ports.prometheus}`, timeoutMs);
  } catch (error) {
    await stackDown(options.work);
    throw error;
  }
  return state();
}

/** Stops exactly the processes `up` started, by their PID files; returns what it did per component. */
export async function stackDown(work: string): Promise<[Component, 'stopped' | 'not running'][]> {
  const paths = workPaths(work);
  const state = readState(paths);
  if (!state) return [];
  const done: [Component, 'stopped' | 'not running'][] = [];
  // The reverse of the start order: Prometheus first, so it stops sending alerts before Alertmanager goes.
  for (const component of [...components].reverse()) {
    const p = state.processes[component];
    if (p) done.push([component, await stopProcess(paths, component, p)]);
  }
  writeState(paths, { ...state, processes: {} });
  return done;
}

export { readState, workPaths, type StackState };
