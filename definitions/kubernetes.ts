import type { KubernetesDiscovery } from '#schemas';

/**
 * Where prometheus-operator finds an endpoint on the cluster: the Services
 * labelled with the workload's name in its namespace, and their metrics port.
 */
export function onKubernetes(namespace: string, name: string, port = 'http-metrics', extra: Record<string, string> = {}): KubernetesDiscovery {
  return { namespace, selector: { 'app.kubernetes.io/name': name, ...extra }, port };
}
