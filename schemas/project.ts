import { z } from 'zod';
import { id, labels, pattern, positiveDuration, url, version } from './common.ts';
import { alertmanagerTarget, remoteWrite } from './scrape.ts';
import type { ServiceInput } from './service.ts';
import { alertmanager, type AlertmanagerInput } from './alertmanager.ts';
import { recordSource } from './source.ts';
import { parseDuration } from './duration.ts';
import { grafanaSettings, type DashboardInput } from './dashboard.ts';
import { delivery, ruleSettings } from './delivery.ts';
import { docsSettings, escalationPolicy, type EscalationPolicyInput } from './runbook.ts';
import { sloSettings } from './slo.ts';
import type { PackInput } from './pack.ts';

/** Versions of the systems the output is deployed to. Output and diagnostics follow them. */
export const targetVersions = z.strictObject({
  /** @example '2.42.0' */
  prometheus: version,
  /** @example '0.25.0' */
  alertmanager: version,
  /** @example '11.3.0' */
  grafana: version,
  /** @example '1.30' */
  kubernetes: version,
  /** The prometheus-operator release the cluster runs; needed by the prometheus-operator delivery. @example '0.75.0' */
  prometheusOperator: version.optional(),
});

/** How long Prometheus keeps its data. */
export const retention = z.strictObject({
  /** @example '90d' */
  time: positiveDuration.optional(),
  /** Prometheus reads the units as powers of two: 50GB is 50 GiB. @example '50GB' */
  size: pattern(/^\d+(?:B|KB|MB|GB|TB|PB|EB)$/, 'schema/size', 'must be a size such as 512MB or 50GB').optional(),
});

/** Prometheus server settings: the `global` block, alerting, remote write and retention. */
export const prometheusSettings = z
  .strictObject({
  /** @default '15s' */
  scrapeInterval: positiveDuration.optional(),
  /** @default '10s' */
  scrapeTimeout: positiveDuration.optional(),
  /** @default '15s' */
  evaluationInterval: positiveDuration.optional(),
  /** Labels added to every series and alert that leaves this Prometheus. */
  externalLabels: labels.optional(),
  retention: retention.optional(),
  /** Alertmanagers that receive the alerts. @default [] */
  alertmanagers: z.array(alertmanagerTarget).optional(),
  /** @default [] */
  remoteWrite: z.array(remoteWrite).optional(),
  })
  .superRefine((settings, ctx) => {
    const [interval, timeout] = [settings.scrapeInterval, settings.scrapeTimeout].map((d) => d && parseDuration(d));
    if (interval !== undefined && timeout !== undefined && timeout > interval) {
      ctx.addIssue({
        code: 'custom',
        path: ['scrapeTimeout'],
        message: `scrape timeout ${settings.scrapeTimeout} is longer than the scrape interval ${settings.scrapeInterval}`,
        params: { code: 'scrape/timeout-exceeds-interval' },
      });
    }
    // Prometheus names each remote write queue after its name and refuses two with one name.
    const names = (settings.remoteWrite ?? []).map((rw) => rw.name);
    names.forEach((name, i) => {
      if (names.indexOf(name) < i) ctx.addIssue({ code: 'custom', path: ['remoteWrite', i, 'name'], message: `remote write ${JSON.stringify(name)} is already declared`, params: { code: 'schema/duplicate-name' } });
    });
  });

/** Where generated links point. */
export const links = z.strictObject({
  /**
   * Base URL of the runbook pages; an alert links to `<runbooks>/<service>.md#<alertname in lower case>`.
   * @example 'https://github.com/acme/monitoring/blob/main/out/docs/runbooks'
   */
  runbooks: url.optional(),
  /** Grafana's URL; an alert links to `<grafana>/d/<dashboard uid>`. @example 'https://grafana.example.org' */
  grafana: url.optional(),
  /** Prometheus' URL; the runbooks link each alert's query to its graph page. @example 'https://prometheus.example.org' */
  prometheus: url.optional(),
  /** Alertmanager's URL, for the runbooks' `amtool silence add` commands. @default 'http://localhost:9093' */
  alertmanager: url.optional(),
});

/** The local stack that out/stack/docker-compose.yml runs. */
export const stackSettings = z.strictObject({
  /**
   * The host address the compose file publishes every port on. Docker publishes
   * past the host's firewall, so the default keeps the stack on this machine;
   * name another address (such as '0.0.0.0') only where the network is yours.
   * @default '127.0.0.1'
   * @example '127.0.0.1'
   */
  publishAddress: z.union([z.ipv4(), z.ipv6()], { error: 'must be an IPv4 or IPv6 address such as 127.0.0.1' }).optional(),
});

export const lintLevel = z.enum(['off', 'warning', 'error']);
export type LintLevel = z.infer<typeof lintLevel>;

/** The whole estate: what it deploys to, its global settings, and its declarations. */
export const project = z.strictObject({
  /** kebab-case project name. @example 'genesis' */
  name: id,
  targets: targetVersions,
  prometheus: prometheusSettings.optional(),
  /** Every service of the estate, in any order. */
  services: z.array(z.unknown()),
  links: links.optional(),
  /** Receivers, routing, inhibitions and time intervals; written to out/alertmanager/. */
  alertmanager: alertmanager.optional(),
  /** The Grafana datasource and generated dashboards; written to out/grafana/. Needed for any dashboard. */
  grafana: grafanaSettings.optional(),
  /** Dashboards declared with defineDashboard(), besides the generated ones. @default [] */
  dashboards: z.array(z.unknown()).optional(),
  /** Per-rule lint level, by rule code. @example { 'scrape/auth-over-http': 'error' } */
  lint: z.record(z.string(), lintLevel).optional(),
  /** Escalation policies, per team or for all: levels, response times, incident classes; the runbooks and out/docs/escalation.md show them. */
  escalation: z.array(escalationPolicy).optional(),
  /** The generated on-call documentation in out/docs/. */
  docs: docsSettings.optional(),
  /** How out/ is delivered: plain files, prometheus-operator objects, or both. @default { files: true } */
  delivery: delivery.optional(),
  /** Where rules are evaluated (Prometheus, a Mimir, Thanos or vmalert ruler) and the cluster label they keep. */
  rules: ruleSettings.optional(),
  /** Defaults of every SLO: how their long burn-rate windows are computed. */
  slo: sloSettings.optional(),
  /** The local stack of out/stack/docker-compose.yml. @default { publishAddress: '127.0.0.1' } */
  stack: stackSettings.optional(),
  /** Upstream rules and dashboards declared with definePack(), read at build time. @default [] */
  packs: z.array(z.unknown()).optional(),
});

export type TargetVersions = z.output<typeof targetVersions>;
export type PrometheusSettingsInput = z.input<typeof prometheusSettings>;
export type ProjectInput = Omit<z.input<typeof project>, 'services' | 'alertmanager' | 'dashboards' | 'escalation' | 'packs'> & {
  readonly packs?: readonly PackInput[];
  readonly services: readonly ServiceInput[];
  readonly escalation?: readonly EscalationPolicyInput[];
  readonly dashboards?: readonly DashboardInput[];
  readonly alertmanager?: AlertmanagerInput;
};

/**
 * Declares the project; `definitions/index.ts` exports it as default.
 *
 * @example
 * export default defineProject({
 *   name: 'genesis',
 *   targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' },
 *   services: [orchestrator],
 * });
 */
export function defineProject(input: ProjectInput): ProjectInput {
  return recordSource({ ...input });
}
