import type { Artifact, Generator } from '../core/generator.ts';
import type { Model } from '../core/model.ts';
import { verificationPlans } from '../model/verification.ts';
import { analysisTemplate, checkVerification } from './analysis.ts';
import { checkScaling } from './checks.ts';
import { adapterRules, horizontalPodAutoscaler, scaledObject } from './manifests.ts';
import { checkOperator, reviewOperator } from './operator/checks.ts';
import { operatorObjects, type PlacedObject } from './operator/index.ts';

const kustomization = (resources: readonly string[]) => ({
  apiVersion: 'kustomize.config.k8s.io/v1beta1',
  kind: 'Kustomization',
  resources: [...resources].sort(),
});

function scalingObjects(model: Model): PlacedObject[] {
  return model.services.flatMap((service) => service.scaling.map(({ policy }): PlacedObject => {
    const keda = (policy.engine ?? 'keda') === 'keda';
    return {
      namespace: policy.workload.namespace,
      file: `${policy.workload.name}-${keda ? 'scaledobject' : 'hpa'}.yaml`,
      object: keda ? scaledObject(policy, service.id) : horizontalPodAutoscaler(policy, service.id),
    };
  }));
}

/**
 * Every Kubernetes object under kubernetes/<namespace>/ with a kustomization per
 * namespace and one at the top: the scalers, and for the prometheus-operator
 * delivery the monitoring objects, and the Argo Rollouts AnalysisTemplates of
 * the post-deployment checks. Also the prometheus-adapter rules.
 */
export const kubernetesGenerator: Generator = {
  name: 'kubernetes',
  check: (model) => [...checkScaling(model), ...checkOperator(model), ...checkVerification(model)],
  review: reviewOperator,
  generate(model: Model, upstream: readonly Artifact[]): Artifact[] {
    const analyses = verificationPlans(model).flatMap((plan): PlacedObject[] => (plan.namespace
      ? [{ namespace: plan.namespace, file: `${plan.service}-post-deploy-analysistemplate.yaml`, object: analysisTemplate(plan) }]
      : []));
    const objects = [...scalingObjects(model), ...operatorObjects(model, upstream), ...analyses];
    const adapterMetrics = model.services.flatMap((s) => s.scaling).map(({ policy }) => policy)
      .filter((policy) => policy.engine === 'hpa-adapter')
      .flatMap((policy) => policy.signals.flatMap((s) => ('prometheus' in s && s.prometheus.metric ? [s.prometheus.metric] : [])));
    const adapter = adapterMetrics.length > 0 ? [{ path: 'prometheus-adapter/rules.yaml', format: 'yaml' as const, data: adapterRules(adapterMetrics) }] : [];
    if (objects.length === 0) return adapter;
    const byNamespace = new Map<string, string[]>();
    for (const { namespace, file } of objects) byNamespace.set(namespace, [...(byNamespace.get(namespace) ?? []), file]);
    return [
      ...objects.map(({ namespace, file, object }): Artifact => ({ path: `kubernetes/${namespace}/${file}`, format: 'yaml', data: object })),
      ...[...byNamespace].map(([namespace, files]): Artifact => ({ path: `kubernetes/${namespace}/kustomization.yaml`, format: 'yaml', data: kustomization(files) })),
      { path: 'kubernetes/kustomization.yaml', format: 'yaml', data: kustomization([...byNamespace.keys()]) },
      ...adapter,
    ];
  },
};
