import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { UsageError } from '../../generators/core/errors.ts';
import { alertmanagerAlerts, prometheusAlerts, ruleGroups, targets } from './api.ts';
import { stackDown, stackUp } from './index.ts';
import { formatNotifications, readNotifications } from './notifications.ts';
import { isRunning } from './processes.ts';
import { components, readState, workPaths, type StackPorts, type StackState } from './work.ts';

export const stackUsage = `Usage: monac stack [up|down|status|logs|notifications] [flags]

  up              start Prometheus, Alertmanager, node and blackbox exporters and a capture webhook on out/ (the default)
  down            stop exactly the processes up started
  status          the processes, rules, targets and firing alerts
  logs [NAME]     the last lines of each log (or of one: ${components.join(', ')})
  notifications   every notification the capture webhook received: who would have been told what

Flags:
  --definitions DIR   the definitions (default: definitions); up checks that out/ is what they build to
  --out DIR           the built output (default: out)
  --work DIR          overlays, data, logs, PID files, notifications (default: .stack)
  --fast              evaluate rules and group notifications every second (in the overlays only)
  --<name>-port N     a port for ${components.join(', ')}`;

const portOptions = Object.fromEntries(components.map((c) => [`${c}-port`, { type: 'string' as const }]));

function parse(argv: readonly string[]) {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      definitions: { type: 'string', default: 'definitions' },
      out: { type: 'string', default: 'out' },
      work: { type: 'string', default: '.stack' },
      fast: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
      ...portOptions,
    },
  });
  const [action = 'up', ...rest] = positionals;
  if (!['up', 'down', 'status', 'logs', 'notifications'].includes(action)) throw new UsageError(`unknown stack action ${action}`);
  const ports: Partial<StackPorts> = {};
  for (const c of components) {
    const raw = (values as Record<string, unknown>)[`${c}-port`];
    if (raw === undefined) continue;
    const port = Number(raw);
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new UsageError(`--${c}-port must be a port number, got ${String(raw)}`);
    ports[c] = port;
  }
  return { action, rest, help: values.help, definitions: values.definitions, out: values.out, work: values.work, fast: values.fast, ports };
}

const url = (state: StackState, c: 'prometheus' | 'alertmanager') => `http://127.0.0.1:${state.ports[c]}`;

/** What runs and how it is doing: processes, then (when Prometheus answers) rules, targets and alerts. */
async function describe(state: StackState): Promise<string[]> {
  const lines = components.map((c) => {
    const p = state.processes[c];
    const where = c === 'capture' ? `http://127.0.0.1:${state.ports[c]}/` : `http://127.0.0.1:${state.ports[c]}`;
    return `${c.padEnd(18)} ${where.padEnd(24)} ${p ? (isRunning(p) ? `running (pid ${p.pid})` : `not running (pid ${p.pid} exited; see ${p.log})`) : 'not started'}`;
  });
  const prometheus = url(state, 'prometheus');
  try {
    const groups = await ruleGroups(prometheus);
    const rules = groups.flatMap((g) => g.rules);
    const unhealthy = rules.filter((r) => r.health === 'err');
    lines.push(`rules: ${groups.length} groups, ${rules.length} rules loaded; ${unhealthy.length} unhealthy${unhealthy.map((r) => `\n  ${r.name}: ${r.lastError}`).join('')}`);
    const all = await targets(prometheus);
    const byHealth = (h: string) => all.filter((t) => t.health === h);
    const downJobs = [...new Set(byHealth('down').map((t) => t.labels.job))].sort();
    lines.push(`targets: ${byHealth('up').length} up, ${byHealth('down').length} down${downJobs.length ? ` (${downJobs.join(', ')})` : ''}, ${byHealth('unknown').length} not scraped yet`);
    const firing = (await prometheusAlerts(prometheus)).filter((a) => a.state === 'firing');
    lines.push(`firing: ${firing.length === 0 ? 'none' : firing.map((a) => `${a.labels.alertname} (${a.labels.severity})`).sort().join(', ')}`);
    const held = await alertmanagerAlerts(url(state, 'alertmanager'));
    lines.push(`alertmanager: ${held.filter((a) => a.status.state === 'active').length} active, ${held.filter((a) => a.status.state === 'suppressed').length} suppressed (inhibited or silenced)`);
  } catch (error) {
    lines.push(`Prometheus or Alertmanager does not answer: ${(error as Error).message}`);
  }
  lines.push('Grafana is not packaged for this machine: with Docker, out/stack/docker-compose.yml runs the whole stack with the dashboards.');
  return lines;
}

/** `monac stack ...`: returns the exit code. */
export async function runStackCommand(argv: readonly string[]): Promise<number> {
  const args = parse(argv);
  if (args.help) {
    console.log(stackUsage);
    return 0;
  }
  const paths = workPaths(args.work);
  switch (args.action) {
    case 'up': {
      const state = await stackUp({ definitions: args.definitions, out: args.out, work: args.work, ports: args.ports, fast: args.fast });
      console.log(`the stack runs out/ from ${paths.root}:`);
      for (const line of await describe(state)) console.log(line);
      console.log('stop it with: npm run stack -- down');
      return 0;
    }
    case 'down': {
      const done = await stackDown(args.work);
      if (done.length === 0) console.log(`no stack was started from ${paths.root}`);
      for (const [component, result] of done) console.log(`${component}: ${result}`);
      return 0;
    }
    case 'status': {
      const state = readState(paths);
      if (!state || Object.keys(state.processes).length === 0) {
        console.log(`no stack runs from ${paths.root}; start it with npm run stack`);
        return 1;
      }
      for (const line of await describe(state)) console.log(line);
      return components.every((c) => state.processes[c] && isRunning(state.processes[c]!)) ? 0 : 1;
    }
    case 'logs': {
      const only = args.rest[0];
      if (only && !components.includes(only as never)) throw new UsageError(`no log called ${only}; logs are ${components.join(', ')}`);
      for (const c of components.filter((c) => !only || c === only)) {
        const file = paths.log(c);
        if (!existsSync(file)) continue;
        console.log(`==> ${file} <==`);
        console.log(readFileSync(file, 'utf8').split('\n').slice(-30).join('\n'));
      }
      return 0;
    }
    default: {
      const lines = formatNotifications(readNotifications(paths.notifications));
      if (lines.length === 0) console.log('no notification yet');
      for (const line of lines) console.log(line);
      return 0;
    }
  }
}
