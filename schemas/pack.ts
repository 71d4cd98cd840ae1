import { z } from 'zod';
import { id, labels, pattern, positiveDuration } from './common.ts';
import { severities } from './severity.ts';
import { recordSource } from './source.ts';

const annotationName = pattern(/^[a-zA-Z_][a-zA-Z0-9_]*$/, 'schema/annotation-name', 'must be an annotation name ([a-zA-Z_][a-zA-Z0-9_]*)');

/**
 * A rule of the pack by name, or by name and static labels where upstream
 * repeats a name (a warning/critical pair): `KubePodCrashLooping`,
 * `NodeFilesystemSpaceFillingUp{severity="critical"}`.
 */
const ruleKey = pattern(/^[a-zA-Z_:][a-zA-Z0-9_:]*(?:\{\s*[a-zA-Z_]\w*\s*=\s*"[^"]*"\s*(?:,\s*[a-zA-Z_]\w*\s*=\s*"[^"]*"\s*)*,?\s*\})?$/, 'pack/rule-key',
  'must be a rule name, optionally with static labels that pick among rules of that name: Name or Name{severity="critical"}');

/** What changes in one upstream alert. Labels and annotations are merged over upstream's; `expr` replaces it. */
export const alertOverride = z.strictObject({
  /** Replaces the upstream expression. */
  expr: z.string().min(1).optional(),
  for: positiveDuration.optional(),
  keepFiringFor: positiveDuration.optional(),
  /** Replaces the severity (after severityMap). */
  severity: z.enum(severities).optional(),
  /** Merged over the upstream labels. */
  labels: labels.optional(),
  /** Merged over the upstream annotations (summary, description and runbook_url included). */
  annotations: z.record(annotationName, z.string()).optional(),
});

/** What changes in one upstream recording rule: its expression, labels, or its group's interval. */
export const recordOverride = z.strictObject({
  expr: z.string().min(1).optional(),
  labels: labels.optional(),
  /** The evaluation interval of the rule's group. */
  interval: positiveDuration.optional(),
});

/** Upstream rules and dashboards (kube-prometheus, a mixin) used as they are published, with typed overrides. */
export const pack = z.strictObject({
  /** kebab-case; the `service` label of the pack's alerts, and their service in the routing table and docs. @example 'kube-prometheus' */
  name: id,
  /**
   * The folder of the upstream files, relative to the file that declares the
   * pack and inside the definitions folder: rule files, PrometheusRule objects
   * (also in a List or ConfigMapList), Grafana dashboard JSON, ConfigMaps of
   * dashboards. Read at build time. @example 'vendor/kube-prometheus/'
   */
  from: z.string().min(1),
  /** The team of the pack's alerts. @example 'platform' */
  team: id,
  /** Upstream severity labels mapped to the language's tiers, as import's --severity-map. @example { none: 'info' } */
  severityMap: z.record(z.string(), z.enum(severities)).optional(),
  /** Rules (by name or Name{label="value"}) and rule groups (by name) left out. @example ['Watchdog'] */
  drop: z.array(z.string().min(1)).optional(),
  /** Overrides of alerts, by name. @example { KubePodCrashLooping: { for: '30m', severity: 'critical' } } */
  alerts: z.record(ruleKey, alertOverride).optional(),
  /** Overrides of recording rules, by name. */
  records: z.record(ruleKey, recordOverride).optional(),
  /** Label matchers added to every selector of the pack's rules and dashboard queries. @example 'cluster="prod"' */
  selector: z.string().min(1).optional(),
  dashboards: z.strictObject({
    /** The Grafana folder of the pack's dashboards. @default the pack's name */
    folder: z.string().min(1).optional(),
    /** Dashboards left out, by uid or by file name without .json. @example ['nodes-aix'] */
    drop: z.array(z.string().min(1)).optional(),
  }).optional(),
});

/**
 * The names a pack holds, for editor completion: `monac vendor` writes them
 * to `names.ts` beside the upstream files (`definePack<Names>({...})`).
 */
export interface PackNames {
  readonly alerts: string;
  readonly records: string;
  readonly groups: string;
  readonly dashboards: string;
}

type Keyed<N extends string> = N | `${N}{${string}}`;

/** A pack's declaration; with the pack's names, overrides and drops of names it does not hold are type errors. */
export type PackInput<N extends PackNames = PackNames> = Omit<z.input<typeof pack>, 'alerts' | 'records' | 'drop' | 'dashboards'> & {
  readonly alerts?: { readonly [K in Keyed<N['alerts']>]?: z.input<typeof alertOverride> };
  readonly records?: { readonly [K in Keyed<N['records']>]?: z.input<typeof recordOverride> };
  readonly drop?: readonly (Keyed<N['alerts'] | N['records']> | N['groups'])[];
  readonly dashboards?: { readonly folder?: string; readonly drop?: readonly N['dashboards'][] };
};
export type Pack = z.output<typeof pack>;

/**
 * Declares a pack: upstream rules and dashboards read from a vendored folder at
 * build time, with overrides; listed in `defineProject({ packs: [...] })`.
 *
 * @example
 * export const kubePrometheus = definePack({
 *   name: 'kube-prometheus',
 *   from: 'vendor/kube-prometheus/',
 *   team: 'platform',
 *   severityMap: { none: 'info' },
 *   drop: ['Watchdog'],
 *   alerts: { KubePodCrashLooping: { for: '30m', severity: 'critical' } },
 * });
 */
export function definePack<N extends PackNames = PackNames>(input: PackInput<N>): PackInput {
  return recordSource({ ...input }) as PackInput;
}
