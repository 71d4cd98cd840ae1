import { z } from 'zod';
import { id, positiveDuration, url } from './common.ts';
import { kubernetesName } from './delivery.ts';

/** What a check's empty result (no series, or NaN: no traffic) means. */
export const onEmpty = z.enum(['pass', 'fail', 'inconclusive']);

/** A PromQL expression whose value must stay at or under `max` (or at or over `min`). */
const queryCheck = z.strictObject({
  /** kebab-case, unique in the service. @example 'error-rate' */
  name: id,
  /** An instant vector or scalar; every series it returns must hold. @example 'sum(rate(http_requests_total{code=~"5.."}[5m])) / sum(rate(http_requests_total[5m]))' */
  query: z.string().min(1),
  /** The value must not exceed this. */
  max: z.number().optional(),
  /** The value must not fall under this. */
  min: z.number().optional(),
  /** @default the postDeploy's onEmpty */
  onEmpty: onEmpty.optional(),
});

/** An SLO's burn rate over a window must stay at or under `maxBurnRate`. */
const sloCheck = z.strictObject({
  name: id,
  /** The id of one of the service's SLOs. */
  slo: id,
  /** 1 spends the budget exactly over the SLO's period. @example 2 */
  maxBurnRate: z.number().positive(),
  /** @default '1h' */
  window: positiveDuration.optional(),
  onEmpty: onEmpty.optional(),
});

export const postDeployCheck = z.union([queryCheck, sloCheck]).superRefine((check, ctx) => {
  if ('query' in check && (check.max === undefined) === (check.min === undefined)) {
    ctx.addIssue({ code: 'custom', path: ['max'], message: 'a query check needs exactly one of max and min', params: { code: 'verify/threshold' } });
  }
});

/**
 * What must hold after a deployment, for how long: `monac verify` runs the
 * checks against a live Prometheus, and an Argo Rollouts AnalysisTemplate
 * (out/kubernetes/<namespace>/) runs them during a rollout.
 */
export const postDeploy = z.strictObject({
  /** How long the protocol watches. @default '48h' */
  window: positiveDuration.optional(),
  /** Between two measurements. @default '5m' */
  every: positiveDuration.optional(),
  checks: z.array(postDeployCheck).min(1),
  /** What an empty result means; never a pass unless said so. @default 'inconclusive' */
  onEmpty: onEmpty.optional(),
  /** Measurements that may fail before the rollout is aborted. @default 0 */
  failureLimit: z.int().nonnegative().optional(),
  /** Namespace of the Rollouts that use the AnalysisTemplate; none is written without it. @example 'genesis' */
  namespace: kubernetesName.optional(),
  /** The Prometheus the AnalysisTemplate queries, from inside the cluster. @default 'http://prometheus:9090' */
  prometheusAddress: url.optional(),
});

export type PostDeployInput = z.input<typeof postDeploy>;
export type PostDeploy = z.output<typeof postDeploy>;
export type PostDeployCheck = z.output<typeof postDeployCheck>;
export type OnEmpty = z.output<typeof onEmpty>;
