import { posix } from 'node:path';
import type { Artifact } from '../../core/generator.ts';
import type { Model } from '../../core/model.ts';
import { alertmanagerSecret, dashboardConfigMaps, datasourceConfigMap } from './packages.ts';
import { monitor, probe, prometheusRule } from './objects.ts';

/** A Kubernetes object and the file it is written to under kubernetes/<namespace>/. */
export interface PlacedObject {
  readonly namespace: string;
  readonly file: string;
  readonly object: { readonly kind: string; readonly metadata: { readonly name: string } } & Record<string, unknown>;
}

const place = (namespace: string, object: PlacedObject['object']): PlacedObject => ({
  namespace,
  file: `${object.metadata.name}-${object.kind.toLowerCase()}.yaml`,
  object,
});

/** Prometheus' rule files (prometheus/rules/, as the rules family wrote them) as PrometheusRules. */
function rules(model: Model, upstream: readonly Artifact[]): PlacedObject[] {
  const operator = model.project.delivery.operator!;
  const serviceOf = new Map(model.services.flatMap((s) => s.ruleGroups.map((g) => [g.file ?? g.service, s.id] as const)));
  return upstream
    .filter((a) => a.path.startsWith('prometheus/rules/'))
    .map((a) => {
      const file = posix.basename(a.path, '.yml');
      return place(operator.namespace, prometheusRule(file, (a.data as { groups: unknown }).groups, operator, serviceOf.get(file)));
    });
}

/** Every object of the prometheus-operator delivery, or none when the project does not declare it. */
export function operatorObjects(model: Model, upstream: readonly Artifact[]): PlacedObject[] {
  const operator = model.project.delivery.operator;
  if (!operator) return [];
  const monitors = model.scrapeJobs.flatMap((job) => {
    if (job.probe) return [place(operator.namespace, probe(job, operator))];
    return job.kubernetes ? [place(job.kubernetes.namespace, monitor(job, operator))] : [];
  });
  const secret = alertmanagerSecret(upstream, operator);
  const datasource = datasourceConfigMap(upstream, operator);
  return [
    ...rules(model, upstream),
    ...monitors,
    ...(secret ? [place(operator.namespace, secret)] : []),
    ...(datasource ? [place(operator.grafana.namespace, datasource)] : []),
    ...dashboardConfigMaps(upstream, operator).map(({ object }) => place(operator.grafana.namespace, object)),
  ];
}

