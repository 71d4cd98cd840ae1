import { join } from 'node:path';
import type { Model } from '../../generators/core/model.ts';
import type { StackPorts } from './work.ts';

/** The overlays say what they are: they live in the work folder, never in out/. */
export const OVERLAY_HEADER = 'Overlay written by monac stack for a local run; out/ holds the real configuration.';

/** Evaluation and grouping in the fast mode: alerts reach the capture webhook in seconds, not minutes. */
const FAST = { evaluation: '1s', groupWait: '1s', groupInterval: '1s' };

type Yaml = Record<string, unknown>;
interface ScrapeConfig extends Yaml {
  job_name: string;
  static_configs?: { targets: string[]; labels?: Record<string, string> }[];
  relabel_configs?: { target_label?: string; replacement?: string }[];
}

const loopback = (port: number) => `127.0.0.1:${port}`;

/** Which scrape jobs the stack serves itself: the exporters it runs, and Prometheus and Alertmanager scraping themselves. */
function localTarget(model: Model, ports: StackPorts): ReadonlyMap<string, string> {
  const byKind: Partial<Record<string, number>> = {
    node: ports['node-exporter'],
    blackbox: ports['blackbox-exporter'],
    prometheus: ports.prometheus,
    alertmanager: ports.alertmanager,
  };
  return new Map(model.scrapeJobs.flatMap((job) => {
    const port = job.exporter && byKind[job.exporter];
    return port && job.targets ? [[job.jobName, loopback(port)] as const] : [];
  }));
}

/**
 * prometheus.yml for the stack: rules from out/, alerts to the stack's
 * Alertmanager, the exporters the stack runs in place of the declared hosts,
 * probes through the stack's blackbox exporter, no remote write. Every other
 * target is scraped as declared; where it does not exist its `up` is 0.
 */
export function prometheusOverlay(config: Yaml, model: Model, options: { out: string; ports: StackPorts; fast: boolean }): Yaml {
  const { out, ports, fast } = options;
  const local = localTarget(model, ports);
  const probers = new Set(model.scrapeJobs.flatMap((job) => (job.probe ? [job.probe.prober] : [])));
  const scrapeConfigs = ((config.scrape_configs ?? []) as ScrapeConfig[]).map((job) => ({
    ...job,
    static_configs: job.static_configs?.map((sc) => (local.has(job.job_name) ? { ...sc, targets: [local.get(job.job_name)!] } : sc)),
    relabel_configs: job.relabel_configs?.map((rule) => (rule.target_label === '__address__' && rule.replacement && probers.has(rule.replacement)
      ? { ...rule, replacement: loopback(ports['blackbox-exporter']) }
      : rule)),
  }));
  const global = (config.global ?? {}) as Yaml;
  return {
    ...config,
    global: fast ? { ...global, evaluation_interval: FAST.evaluation } : global,
    alerting: { alertmanagers: [{ static_configs: [{ targets: [loopback(ports.alertmanager)] }] }] },
    rule_files: [join(out, 'prometheus/rules/*.yml')],
    scrape_configs: scrapeConfigs,
    remote_write: undefined,
  };
}

interface Route extends Yaml {
  routes?: Route[];
}

function fastRoute(route: Route): Route {
  return { ...route, group_wait: FAST.groupWait, group_interval: FAST.groupInterval, routes: route.routes?.map(fastRoute) };
}

const integrations = (receiver: Yaml) => Object.keys(receiver).filter((key) => key.endsWith('_configs'));

/**
 * alertmanager.yml for the stack: the routing tree, inhibitions and time
 * intervals as generated; every receiver that notifies anyone posts to the
 * capture webhook instead, its name in the path. A receiver with no
 * integration stays silent, as it is in production.
 */
export function alertmanagerOverlay(config: Yaml, options: { out: string; ports: StackPorts; fast: boolean }): Yaml {
  const { out, ports, fast } = options;
  const receivers = ((config.receivers ?? []) as Yaml[]).map((receiver) => (integrations(receiver).length === 0
    ? { name: receiver.name }
    : { name: receiver.name, webhook_configs: [{ url: `http://${loopback(ports.capture)}/${encodeURIComponent(String(receiver.name))}`, send_resolved: true }] }));
  const global = (config.global ?? {}) as Yaml;
  return {
    ...config,
    // Credentials and SMTP settings are for the real integrations, which the stack never reaches.
    global: global.resolve_timeout ? { resolve_timeout: global.resolve_timeout } : undefined,
    receivers,
    templates: config.templates ? [join(out, 'alertmanager/templates/*.tmpl')] : undefined,
    route: fast ? fastRoute(config.route as Route) : config.route,
  };
}
