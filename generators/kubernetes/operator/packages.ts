import { posix } from 'node:path';
import { serialize } from '../../core/emit.ts';
import type { Artifact } from '../../core/generator.ts';
import type { OperatorModel } from '../../core/model.ts';
import { MANAGED_BY, objectName } from './objects.ts';

/** Where the operator mounts the config Secret's other keys: the templates. */
export const ALERTMANAGER_CONFIG_DIR = '/etc/alertmanager/config';
/** Where the operator mounts each Secret the Alertmanager resource lists in spec.secrets. */
export const ALERTMANAGER_SECRETS_DIR = '/etc/alertmanager/secrets';

/** Every `*_file` value mapped to the mounted Secret key; `templates` to the config Secret's mount. */
function mountPaths(value: unknown, secrets: OperatorModel['secrets'], key = ''): unknown {
  if (Array.isArray(value)) return value.map((item) => mountPaths(item, secrets, key));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === 'templates' && Array.isArray(v)
      ? v.map((t: string) => `${ALERTMANAGER_CONFIG_DIR}/${posix.basename(t)}`)
      : mountPaths(v, secrets, k)]));
  }
  if (typeof value === 'string' && key.endsWith('_file')) {
    const ref = secrets[value];
    return ref ? `${ALERTMANAGER_SECRETS_DIR}/${ref.secret}/${ref.key}` : value;
  }
  return value;
}

/** The Secret the Alertmanager resource names in `configSecret`: alertmanager.yaml and the templates. */
export function alertmanagerSecret(upstream: readonly Artifact[], operator: OperatorModel) {
  const config = upstream.find((a) => a.path === 'alertmanager/alertmanager.yml');
  if (!config) return undefined;
  const templates = upstream.filter((a) => a.path.startsWith('alertmanager/templates/'));
  const stringData: Record<string, string> = {
    'alertmanager.yaml': serialize({ ...config, data: mountPaths(config.data, operator.secrets) }),
  };
  for (const template of templates) stringData[posix.basename(template.path)] = serialize(template);
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: operator.alertmanagerSecret, namespace: operator.namespace, labels: { ...MANAGED_BY } },
    type: 'Opaque',
    stringData,
  };
}

interface Provider {
  readonly name: string;
  readonly folder: string;
}

/** One ConfigMap per dashboard for Grafana's sidecar, its folder as the annotation the sidecar reads. */
export function dashboardConfigMaps(upstream: readonly Artifact[], operator: OperatorModel) {
  const provisioning = upstream.find((a) => a.path === 'grafana/provisioning/dashboards/dashboards.yaml');
  const providers = ((provisioning?.data as { providers?: Provider[] } | undefined)?.providers ?? []);
  const folderOf = new Map(providers.map((p) => [p.name, p.folder]));
  return upstream.filter((a) => a.path.startsWith('grafana/dashboards/') && a.path.endsWith('.json')).map((dashboard) => {
    const [, , provider, file] = dashboard.path.split('/');
    const uid = posix.basename(file!, '.json');
    return {
      name: uid,
      object: {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: {
          name: objectName(`grafana-dashboard-${uid}`),
          namespace: operator.grafana.namespace,
          labels: { grafana_dashboard: '1', ...MANAGED_BY },
          annotations: { [operator.grafana.folderAnnotation]: folderOf.get(provider!) ?? provider! },
        },
        data: { [`${uid}.json`]: serialize(dashboard) },
      },
    };
  });
}

/** The datasource, provisioned by the sidecar's datasource watcher. */
export function datasourceConfigMap(upstream: readonly Artifact[], operator: OperatorModel) {
  const datasource = upstream.find((a) => a.path === 'grafana/provisioning/datasources/prometheus.yaml');
  if (!datasource) return undefined;
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'grafana-datasource-prometheus', namespace: operator.grafana.namespace, labels: { grafana_datasource: '1', ...MANAGED_BY } },
    data: { 'prometheus.yaml': serialize(datasource) },
  };
}
