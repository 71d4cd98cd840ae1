import { posix } from 'node:path';
import type { Artifact, Generator } from '../core/generator.ts';
import type { Model } from '../core/model.ts';

/** Images of the exporters: the project declares no versions for them, so releases are pinned here. */
export const EXPORTER_IMAGES = {
  'node-exporter': 'prom/node-exporter:v1.8.2',
  'blackbox-exporter': 'prom/blackbox-exporter:v0.25.0',
} as const;

/** The folder of the compose file inside out/; mounts are relative to it. */
const HERE = 'stack';
const fromHere = (path: string) => posix.relative(HERE, path);

/** Every `*_file` a config reads: a credential the compose file mounts as a secret at that path. */
function credentialFiles(data: unknown, configDir: string): string[] {
  const found = new Set<string>();
  const walk = (value: unknown, key = '') => {
    if (Array.isArray(value)) for (const item of value) walk(item, key);
    else if (value && typeof value === 'object') for (const k of Object.keys(value)) walk((value as Record<string, unknown>)[k], k);
    else if (typeof value === 'string' && key.endsWith('_file')) found.add(value.startsWith('/') ? value : posix.join(configDir, value));
  };
  walk(data);
  return [...found].sort();
}

/** Where the user keeps a secret's file: secrets/<service>/<file name> beside out/, which Git ignores. */
export const SECRETS_DIR = '../../secrets';

/** A credential mounted at its path in the container; `/etc/alertmanager/secrets/smtp-password` is the secret `alertmanager-smtp-password`. */
function secrets(service: string, files: readonly string[]) {
  return files.map((target) => {
    const file = posix.basename(target).replace(/[^a-zA-Z0-9_.-]/g, '-');
    return { source: `${service}-${file}`, target, file: `${SECRETS_DIR}/${service}/${file}` };
  });
}
const mount = ({ source, target }: { source: string; target: string }) => ({ source, target });

/**
 * out/stack/docker-compose.yml, as the seeds run their monitoring: Prometheus,
 * Alertmanager and Grafana on the generated files, node and blackbox
 * exporters; image versions from the declared targets; credentials as Compose
 * secrets read from ../../secrets/ (beside out/, never in it).
 */
export function composeFile(model: Model, upstream: readonly Artifact[]) {
  const find = (path: string) => upstream.find((a) => a.path === path);
  const prometheusConfig = find('prometheus/prometheus.yml');
  if (!prometheusConfig) return undefined;
  const { targets } = model.project;
  const flags = String(find('prometheus/prometheus.flags')?.data ?? '').split('\n').filter(Boolean);
  const alertmanagerConfig = find('alertmanager/alertmanager.yml');
  const grafana = model.project.grafana && find('grafana/provisioning/datasources/prometheus.yaml') ? model.project.grafana : undefined;
  const dashboards = upstream.some((a) => a.path.startsWith('grafana/dashboards/'));
  const rules = upstream.some((a) => a.path.startsWith('prometheus/rules/'));
  const templates = upstream.some((a) => a.path.startsWith('alertmanager/templates/'));
  const promSecrets = secrets('prometheus', credentialFiles(prometheusConfig.data, '/etc/prometheus'));
  const amSecrets = alertmanagerConfig ? secrets('alertmanager', credentialFiles(alertmanagerConfig.data, '/etc/alertmanager')) : [];
  const allSecrets = [...promSecrets, ...amSecrets];
  return {
    services: {
      prometheus: {
        image: `prom/prometheus:v${targets.prometheus}`,
        command: ['--config.file=/etc/prometheus/prometheus.yml', '--storage.tsdb.path=/prometheus', '--web.enable-lifecycle', ...flags],
        // File by file, not the folder: secrets mount below /etc/prometheus, which a read-only folder mount would not allow.
        volumes: [
          `${fromHere('prometheus/prometheus.yml')}:/etc/prometheus/prometheus.yml:ro`,
          ...(rules ? [`${fromHere('prometheus/rules/')}:/etc/prometheus/rules:ro`] : []),
          'prometheus-data:/prometheus',
        ],
        ports: ['9090:9090'],
        secrets: promSecrets.length > 0 ? promSecrets.map(mount) : undefined,
        restart: 'unless-stopped',
      },
      alertmanager: alertmanagerConfig && {
        image: `prom/alertmanager:v${targets.alertmanager}`,
        command: ['--config.file=/etc/alertmanager/alertmanager.yml', '--storage.path=/alertmanager'],
        volumes: [
          `${fromHere('alertmanager/alertmanager.yml')}:/etc/alertmanager/alertmanager.yml:ro`,
          ...(templates ? [`${fromHere('alertmanager/templates/')}:/etc/alertmanager/templates:ro`] : []),
          'alertmanager-data:/alertmanager',
        ],
        ports: ['9093:9093'],
        secrets: amSecrets.length > 0 ? amSecrets.map(mount) : undefined,
        restart: 'unless-stopped',
      },
      grafana: grafana && {
        image: `grafana/grafana:${targets.grafana}`,
        volumes: [
          `${fromHere('grafana/provisioning/')}:/etc/grafana/provisioning:ro`,
          ...(dashboards ? [`${fromHere('grafana/dashboards/')}:${grafana.dashboardsPath}:ro`] : []),
          'grafana-data:/var/lib/grafana',
        ],
        ports: ['3000:3000'],
        depends_on: ['prometheus'],
        restart: 'unless-stopped',
      },
      'node-exporter': { image: EXPORTER_IMAGES['node-exporter'], ports: ['9100:9100'], restart: 'unless-stopped' },
      'blackbox-exporter': { image: EXPORTER_IMAGES['blackbox-exporter'], ports: ['9115:9115'], restart: 'unless-stopped' },
    },
    volumes: { 'prometheus-data': {}, ...(alertmanagerConfig ? { 'alertmanager-data': {} } : {}), ...(grafana ? { 'grafana-data': {} } : {}) },
    secrets: allSecrets.length > 0
      ? Object.fromEntries(allSecrets.map(({ source, file }) => [source, { file }]))
      : undefined,
  };
}

/** out/stack/: a docker-compose file for the files delivery. */
export const stackGenerator: Generator = {
  name: 'stack',
  generate(model: Model, upstream: readonly Artifact[]): Artifact[] {
    const compose = composeFile(model, upstream);
    return compose ? [{ path: `${HERE}/docker-compose.yml`, format: 'yaml', data: compose, delivery: 'files' }] : [];
  },
};
