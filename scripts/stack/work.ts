import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** What the stack runs, in the order it starts them. */
export const components = ['capture', 'node-exporter', 'blackbox-exporter', 'alertmanager', 'prometheus'] as const;
export type Component = (typeof components)[number];

export type StackPorts = Record<Component, number>;

/** The usual ports of each program; the capture webhook takes one next to Alertmanager's. */
export const DEFAULT_PORTS: StackPorts = {
  capture: 9095,
  'node-exporter': 9100,
  'blackbox-exporter': 9115,
  alertmanager: 9093,
  prometheus: 9090,
};

export interface StackProcess {
  readonly pid: number;
  /** The program's path and arguments: `down` stops a PID only while it still runs exactly this command line. */
  readonly program: string;
  readonly args?: readonly string[] | undefined;
  readonly log: string;
}

/** What `up` started, kept in the work folder for `status`, `logs`, `notifications` and `down`. */
export interface StackState {
  readonly out: string;
  readonly ports: StackPorts;
  readonly fast: boolean;
  readonly processes: Partial<Record<Component, StackProcess>>;
}

/** The work folder's layout: overlays, data, logs, PID files and captured notifications, never in out/. */
export function workPaths(work: string) {
  const root = resolve(work);
  return {
    root,
    state: join(root, 'stack.json'),
    pid: (c: Component) => join(root, 'pids', `${c}.pid`),
    log: (c: Component) => join(root, 'logs', `${c}.log`),
    prometheusConfig: join(root, 'prometheus', 'prometheus.yml'),
    prometheusData: join(root, 'prometheus', 'data'),
    alertmanagerConfig: join(root, 'alertmanager', 'alertmanager.yml'),
    alertmanagerData: join(root, 'alertmanager', 'data'),
    notifications: join(root, 'notifications.jsonl'),
  };
}

export type WorkPaths = ReturnType<typeof workPaths>;

export function prepareWork(paths: WorkPaths): void {
  for (const dir of ['pids', 'logs', 'prometheus/data', 'alertmanager/data']) mkdirSync(join(paths.root, dir), { recursive: true });
}

export function readState(paths: WorkPaths): StackState | undefined {
  return existsSync(paths.state) ? (JSON.parse(readFileSync(paths.state, 'utf8')) as StackState) : undefined;
}

export function writeState(paths: WorkPaths, state: StackState): void {
  writeFileSync(paths.state, `${JSON.stringify(state, null, 2)}\n`);
}
