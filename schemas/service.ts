import { z } from 'zod';
import { id, targetLabels } from './common.ts';
import { metricCatalog, ruleGroup } from './rules.ts';
import { slo } from './slo.ts';
import { scalingPolicy } from './scaling.ts';
import { scrapeEndpoint } from './scrape.ts';
import { postDeploy } from './verification.ts';
import { recordSource } from './source.ts';

/** A service of the estate: what runs, who owns it, and where Prometheus scrapes it. */
export const service = z.strictObject({
  /** kebab-case id; the `service` label of every target, rule and dashboard. @example 'genesis-orchestrator' */
  id,
  /** One line saying what the service is. */
  description: z.string().optional(),
  /** Owning team; the `team` label of every target. @example 'genesis-platform' */
  team: id,
  /** Labels added to every target of every endpoint. */
  labels: targetLabels.optional(),
  /** Scrape endpoints: one Prometheus job each. Exporter presets return endpoints too. @default [] */
  endpoints: z.array(scrapeEndpoint).optional(),
  /**
   * Metrics the service's own endpoints expose, with their types. Exporter
   * presets bring theirs; the lint rules check selectors and rate() against both.
   * @example { genesis_orchestrator_requests_total: 'counter' }
   */
  metrics: metricCatalog.optional(),
  /** Alerts and recording rules, written to out/prometheus/rules/<service id>.yml. @default [] */
  ruleGroups: z.array(ruleGroup).optional(),
  /** Service level objectives, each compiled into SLI, budget and burn-rate rules with scenario tests. @default [] */
  slos: z.array(slo).optional(),
  /** Scaling policies of the service's workloads: KEDA ScaledObjects or HPAs under out/kubernetes/. @default [] */
  scaling: z.array(scalingPolicy).optional(),
  /** The checks after a deployment (the seeds' 48-hour protocol): `monac verify`, and an Argo Rollouts AnalysisTemplate. */
  postDeploy: postDeploy.optional(),
});

export type ServiceInput = z.input<typeof service>;

/**
 * Declares a service and records where it was declared, so every diagnostic
 * about it points at this call.
 *
 * @example
 * export const api = defineService({
 *   id: 'genesis-orchestrator',
 *   team: 'genesis-platform',
 *   endpoints: [{ job: 'genesis-orchestrator', targets: ['orchestrator:8000'], interval: '5s' }],
 * });
 */
export function defineService(input: ServiceInput): ServiceInput {
  return recordSource({ ...input });
}
