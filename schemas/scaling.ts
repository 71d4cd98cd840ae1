import { z } from 'zod';
import { id, pattern, url } from './common.ts';
import { recordSource } from './source.ts';

const name = pattern(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'schema/k8s-name', 'must be a Kubernetes name: lowercase letters, digits and dashes');

/** How replicas may change: a stabilisation window and rate limits, as in autoscaling/v2. */
export const scalingRules = z.strictObject({
  /** Seconds the controller looks back before acting, 0 to 3600. */
  stabilizationWindowSeconds: z.int().optional(),
  policies: z.array(z.strictObject({
    type: z.enum(['Pods', 'Percent']),
    value: z.int(),
    /** 1 to 1800. */
    periodSeconds: z.int(),
  })).optional(),
  /** @default 'Max' */
  selectPolicy: z.enum(['Max', 'Min', 'Disabled']).optional(),
});

const target = z.strictObject({
  type: z.enum(['Utilization', 'AverageValue', 'Value']),
  value: z.number(),
});

/** What the scaler follows. */
export const signal = z.union([
  /** CPU utilisation of the pods' requests, in percent. */
  z.strictObject({ cpu: z.strictObject({ utilization: z.int() }) }),
  /** Memory utilisation of the pods' requests, in percent. */
  z.strictObject({ memory: z.strictObject({ utilization: z.int() }) }),
  /**
   * A Prometheus query. `per: 'total'` divides the query's value across pods
   * (KEDA's AverageValue); `per: 'pod'` reads one value per pod (a Pods metric,
   * served by prometheus-adapter under `metric`).
   */
  z.strictObject({
    prometheus: z.strictObject({
      /** kebab-case; the trigger name. */
      name: id,
      query: z.string().min(1),
      target,
      /** @default 'total' */
      per: z.enum(['total', 'pod']).optional(),
      /** Below this the workload may scale to zero (KEDA). */
      activation: z.number().optional(),
      /** For the adapter engine: the counter the Pods metric is computed from, without `_total`. */
      metric: z.string().optional(),
    }),
  }),
]);

/** A scaling policy of one workload. */
export const scalingPolicy = z.strictObject({
  workload: z.strictObject({
    /** @default 'Deployment' */
    kind: z.enum(['Deployment', 'StatefulSet']).optional(),
    name,
    namespace: name,
  }),
  /** keda: a KEDA ScaledObject (default); hpa: a plain autoscaling/v2 HPA; hpa-adapter: an HPA on prometheus-adapter metrics. */
  engine: z.enum(['keda', 'hpa', 'hpa-adapter']).optional(),
  minReplicas: z.int(),
  maxReplicas: z.int(),
  /** Cost bound: the maximum is at most budget / perReplica. */
  cost: z.strictObject({ perReplica: z.number().positive(), budget: z.number().positive() }).optional(),
  signals: z.array(signal).min(1),
  behavior: z.strictObject({ scaleUp: scalingRules.optional(), scaleDown: scalingRules.optional() }).optional(),
  /** Replica floors at times, such as business hours (KEDA cron triggers). */
  schedules: z.array(z.strictObject({
    name: id,
    /** IANA time zone. @example 'Europe/Paris' */
    timezone: z.string().min(1),
    /** Cron expression. @example '0 8 * * 1-5' */
    start: z.string().min(1),
    end: z.string().min(1),
    replicas: z.int().positive(),
  })).optional(),
  /** Replicas to hold when the metrics fail (KEDA fallback). */
  fallback: z.strictObject({ failureThreshold: z.int().positive(), replicas: z.int().positive() }).optional(),
  /** Pause the scaler (maintenance, emergency stop), optionally at a replica count: KEDA's paused annotations. */
  paused: z.union([z.boolean(), z.strictObject({ replicas: z.int().nonnegative() })]).optional(),
  /** Prometheus address KEDA queries. @default 'http://prometheus:9090' */
  prometheusAddress: url.optional(),
});

export type ScalingPolicyInput = z.input<typeof scalingPolicy>;
export type ScalingPolicy = z.output<typeof scalingPolicy>;

/** Declares a scaling policy and records where. */
export function defineScaling(input: ScalingPolicyInput): ScalingPolicyInput {
  return recordSource({ ...input });
}
