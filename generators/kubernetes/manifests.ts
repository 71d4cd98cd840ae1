import type { ScalingPolicy } from '../../schemas/scaling.ts';

type Signal = ScalingPolicy['signals'][number];
type Rules = NonNullable<NonNullable<ScalingPolicy['behavior']>['scaleUp']>;

export const DEFAULT_PROMETHEUS = 'http://prometheus:9090';

const labels = (service: string) => ({ 'app.kubernetes.io/managed-by': 'monac', 'monac.dev/service': service });

function scaleTargetRef(p: ScalingPolicy) {
  return { apiVersion: 'apps/v1', kind: p.workload.kind ?? 'Deployment', name: p.workload.name };
}

function rules(r: Rules | undefined) {
  return r && { stabilizationWindowSeconds: r.stabilizationWindowSeconds, selectPolicy: r.selectPolicy, policies: r.policies };
}

function behavior(p: ScalingPolicy) {
  return p.behavior && { scaleUp: rules(p.behavior.scaleUp), scaleDown: rules(p.behavior.scaleDown) };
}

/** Memory before cpu: the API server sorts them so, and Argo CD shows a permanent diff otherwise. */
function resourceSignals(p: ScalingPolicy): { resource: 'memory' | 'cpu'; utilization: number }[] {
  const find = (r: 'memory' | 'cpu') => p.signals.flatMap((s: Signal) => (r in s ? [{ resource: r, utilization: (s as Record<typeof r, { utilization: number }>)[r].utilization }] : []));
  return [...find('memory'), ...find('cpu')];
}

const prometheusSignals = (p: ScalingPolicy) => p.signals.flatMap((s) => ('prometheus' in s ? [s.prometheus] : []));

/** A KEDA ScaledObject: every metadata value a string, the pause switch as KEDA's annotations. */
export function scaledObject(p: ScalingPolicy, service: string) {
  const paused = p.paused === true
    ? { 'autoscaling.keda.sh/paused': 'true' }
    : p.paused && typeof p.paused === 'object' ? { 'autoscaling.keda.sh/paused-replicas': String(p.paused.replicas) } : undefined;
  return {
    apiVersion: 'keda.sh/v1alpha1',
    kind: 'ScaledObject',
    metadata: { name: p.workload.name, namespace: p.workload.namespace, labels: labels(service), annotations: paused },
    spec: {
      scaleTargetRef: scaleTargetRef(p),
      minReplicaCount: p.minReplicas,
      maxReplicaCount: p.maxReplicas,
      fallback: p.fallback,
      advanced: p.behavior && { horizontalPodAutoscalerConfig: { behavior: behavior(p) } },
      triggers: [
        ...resourceSignals(p).map(({ resource, utilization }) => ({ type: resource, metricType: 'Utilization', metadata: { value: String(utilization) } })),
        ...prometheusSignals(p).map((s) => ({
          type: 'prometheus',
          name: s.name,
          metricType: s.target.type,
          metadata: {
            serverAddress: p.prometheusAddress ?? DEFAULT_PROMETHEUS,
            query: s.query,
            threshold: String(s.target.value),
            activationThreshold: s.activation === undefined ? undefined : String(s.activation),
          },
        })),
        ...(p.schedules ?? []).map((s) => ({
          type: 'cron',
          name: s.name,
          metadata: { timezone: s.timezone, start: s.start, end: s.end, desiredReplicas: String(s.replicas) },
        })),
      ],
    },
  };
}

/** The Pods metric name prometheus-adapter serves for a counter: `name.as` of its rule. */
export const adapterMetricName = (metric: string) => `${metric}_per_second`;

/** An autoscaling/v2 HPA on resource metrics, and on prometheus-adapter's Pods metrics. */
export function horizontalPodAutoscaler(p: ScalingPolicy, service: string) {
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: p.workload.name, namespace: p.workload.namespace, labels: labels(service) },
    spec: {
      scaleTargetRef: scaleTargetRef(p),
      minReplicas: p.minReplicas,
      maxReplicas: p.maxReplicas,
      metrics: [
        ...resourceSignals(p).map(({ resource, utilization }) => ({
          type: 'Resource',
          resource: { name: resource, target: { type: 'Utilization', averageUtilization: utilization } },
        })),
        ...prometheusSignals(p).map((s) => ({
          type: 'Pods',
          pods: { metric: { name: adapterMetricName(s.metric!) }, target: { type: 'AverageValue', averageValue: String(s.target.value) } },
        })),
      ],
      behavior: behavior(p),
    },
  };
}

/** prometheus-adapter rules (the chart's `rules.custom`): per-pod rates of the counters the HPAs use. */
export function adapterRules(metrics: readonly string[]) {
  return {
    rules: [...new Set(metrics)].sort().map((metric) => ({
      seriesQuery: `${metric}_total{namespace!="",pod!=""}`,
      resources: { overrides: { namespace: { resource: 'namespace' }, pod: { resource: 'pod' } } },
      name: { matches: `^${metric}_total$`, as: adapterMetricName(metric) },
      metricsQuery: 'sum(rate(<<.Series>>{<<.LabelMatchers>>}[2m])) by (<<.GroupBy>>)',
    })),
  };
}
