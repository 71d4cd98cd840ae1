import type { Artifact, Generator } from '../core/generator.ts';
import type { Model } from '../core/model.ts';
import { checkScaling } from './checks.ts';
import { adapterRules, horizontalPodAutoscaler, scaledObject } from './manifests.ts';

const kustomization = (resources: readonly string[]) => ({
  apiVersion: 'kustomize.config.k8s.io/v1beta1',
  kind: 'Kustomization',
  resources: [...resources].sort(),
});

/** One manifest per scaler under kubernetes/<namespace>/, kustomizations, and the prometheus-adapter rules. */
export const kubernetesGenerator: Generator = {
  name: 'kubernetes',
  check: checkScaling,
  generate(model: Model): Artifact[] {
    const policies = model.services.flatMap((service) => service.scaling.map(({ policy }) => ({ policy, service: service.id })));
    if (policies.length === 0) return [];
    const byNamespace = new Map<string, string[]>();
    const manifests = policies.map(({ policy, service }): Artifact => {
      const keda = (policy.engine ?? 'keda') === 'keda';
      const file = `${policy.workload.name}-${keda ? 'scaledobject' : 'hpa'}.yaml`;
      byNamespace.set(policy.workload.namespace, [...(byNamespace.get(policy.workload.namespace) ?? []), file]);
      return { path: `kubernetes/${policy.workload.namespace}/${file}`, format: 'yaml', data: keda ? scaledObject(policy, service) : horizontalPodAutoscaler(policy, service) };
    });
    const adapterMetrics = policies
      .filter(({ policy }) => policy.engine === 'hpa-adapter')
      .flatMap(({ policy }) => policy.signals.flatMap((s) => ('prometheus' in s && s.prometheus.metric ? [s.prometheus.metric] : [])));
    return [
      ...manifests,
      ...[...byNamespace].map(([namespace, files]): Artifact => ({ path: `kubernetes/${namespace}/kustomization.yaml`, format: 'yaml', data: kustomization(files) })),
      { path: 'kubernetes/kustomization.yaml', format: 'yaml', data: kustomization([...byNamespace.keys()]) },
      ...(adapterMetrics.length > 0 ? [{ path: 'prometheus-adapter/rules.yaml', format: 'yaml' as const, data: adapterRules(adapterMetrics) }] : []),
    ];
  },
};
