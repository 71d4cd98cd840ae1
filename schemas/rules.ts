import { z } from 'zod';
import { ruleEvaluation } from './delivery.ts';
import { durationPattern } from './duration.ts';
import { id, labels, pattern, positiveDuration, url } from './common.ts';
import { recordSource } from './source.ts';

import { runbook } from './runbook.ts';
import { severities } from './severity.ts';

export { severities, type Severity } from './severity.ts';

const annotationMap = z.record(pattern(/^[a-zA-Z_][a-zA-Z0-9_]*$/, 'schema/annotation-name', 'must be an annotation name ([a-zA-Z_][a-zA-Z0-9_]*)'), z.string());

/** Input series in promtool's notation: selector to values, such as `'1 1 0x10'`. */
const inputSeries = z.record(z.string().min(1), z.string().min(1));

/** One expected alert of a test: the labels the data gives it, and the rendered templated annotations. */
export const expectedAlert = z.strictObject({
  /** Labels besides the alert's own static ones (alertname, severity, team, service are added). @example { instance: 'api:8000' } */
  labels: labels.optional(),
  /** Templated annotations, fully rendered; static ones (runbook_url, dashboard_url) are added. */
  annotations: annotationMap.optional(),
});

/** A promtool unit test of an alert: input series, one evaluation time, the alerts expected then (none: quiet). */
export const alertTest = z.strictObject({
  /** A sentence: "fires when the API is down for a minute". */
  name: z.string().min(1),
  /** Step between the values of the input series. @default '1m' */
  interval: positiveDuration.optional(),
  series: inputSeries,
  /** Evaluation time, from the start of the series. @example '10m' */
  at: pattern(durationPattern, 'schema/duration', 'must be a Prometheus duration such as 10m'),
  /** The alerts expected at `at`; `[]` means the alert is quiet. */
  fires: z.array(expectedAlert),
  /** More evaluation times over the same series, each with the alerts expected then. */
  alsoAt: z.array(z.strictObject({ at: pattern(durationPattern, 'schema/duration', 'must be a Prometheus duration such as 10m'), fires: z.array(expectedAlert) })).optional(),
});

/** An alerting rule. */
export const alertRule = z.strictObject({
  /** PascalCase name. @example 'GenesisOrchestratorDown' */
  alert: pattern(/^[A-Z][A-Za-z0-9]*$/, 'schema/alert-name', 'must be a PascalCase alert name such as GenesisOrchestratorDown'),
  /** PromQL, checked at build time. */
  expr: z.string().min(1),
  /** How long the condition must hold before the alert fires. */
  for: positiveDuration.optional(),
  /** How long the alert keeps firing after the condition clears (Prometheus 2.42). */
  keepFiringFor: positiveDuration.optional(),
  severity: z.enum(severities),
  /** Extra labels; `severity`, `team` and `service` are set by the compiler. */
  labels: labels.optional(),
  /** One line; Prometheus templates such as `{{ $labels.instance }}` are kept verbatim. */
  summary: z.string().min(1).optional(),
  description: z.string().min(1).optional(),
  /** Extra annotations. */
  annotations: annotationMap.optional(),
  /** Overrides the generated runbook link. */
  runbookUrl: url.optional(),
  /** Id of the dashboard to link; @default the service's dashboard */
  dashboard: id.optional(),
  /** What the responder does: the alert's section of its service's runbook page. */
  runbook: runbook.optional(),
  tests: z.array(alertTest).optional(),
});

/** A promtool unit test of a recording rule: the samples it records at one time. */
export const recordTest = z.strictObject({
  name: z.string().min(1),
  /** @default '1m' */
  interval: positiveDuration.optional(),
  series: inputSeries,
  at: alertTest.shape.at,
  /** Expected samples: series selector (labels of the result) to value. @example { 'job:up:sum{job="api"}': 2 } */
  samples: z.record(z.string().min(1), z.number()),
});

/** A recording rule. Names follow `level:metric:operation`. */
export const recordingRule = z.strictObject({
  /** @example 'job:http_requests:rate5m' */
  record: z.string().min(1),
  expr: z.string().min(1),
  labels: labels.optional(),
  tests: z.array(recordTest).optional(),
});

/** A rule group: evaluated together, at one interval. */
export const ruleGroup = z.strictObject({
  /**
   * Unique within the service; kebab-case by convention. Dots, underscores and
   * capitals are accepted, as upstream groups such as `node-exporter.rules` use them.
   */
  name: pattern(/^[a-zA-Z][a-zA-Z0-9._-]*$/, 'schema/group-name', 'must be a rule group name: a letter, then letters, digits, dots, dashes or underscores'),
  /** @default the project's evaluationInterval */
  interval: positiveDuration.optional(),
  /** Most alerts or series a rule may produce; 0 is no limit. */
  limit: z.int().nonnegative().optional(),
  /** Evaluated in order, before the alerts. */
  records: z.array(recordingRule).optional(),
  /** Written sorted by name. */
  alerts: z.array(alertRule).optional(),
  /** Where this group is evaluated. @default the project's rules.evaluation */
  evaluation: ruleEvaluation.optional(),
});

export type AlertRuleInput = z.input<typeof alertRule>;
export type AlertRule = z.output<typeof alertRule>;
export type AlertTest = z.output<typeof alertTest>;
export type RecordingRuleInput = z.input<typeof recordingRule>;
export type RecordingRule = z.output<typeof recordingRule>;
export type RuleGroupInput = z.input<typeof ruleGroup>;

/** Declares an alert and records where, so diagnostics about it point here. */
export function defineAlert(input: AlertRuleInput): AlertRuleInput {
  return recordSource({ ...input });
}

/** Declares a recording rule and records where. */
export function defineRecordingRule(input: RecordingRuleInput): RecordingRuleInput {
  return recordSource({ ...input });
}

export const metricTypes = ['counter', 'gauge', 'histogram', 'summary'] as const;
export type MetricType = (typeof metricTypes)[number];

/** Metrics a service exposes, by name: the lint rules use their types. */
export const metricCatalog = z.record(pattern(/^[a-zA-Z_:][a-zA-Z0-9_:]*$/, 'schema/metric-name', 'must be a Prometheus metric name'), z.enum(metricTypes));
