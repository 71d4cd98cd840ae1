import { createHash } from 'node:crypto';
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

/**
 * A credential mounted at its path in the container, named after that whole
 * path below the config's folder (and its `secrets/`), so two teams'
 * `webhook-url` files stay two secrets: `/etc/alertmanager/secrets/genesis/webhook-url`
 * is the secret `alertmanager-genesis-webhook-url`, read from
 * `secrets/alertmanager/genesis/webhook-url`. Names that would still meet get
 * a hash of their path.
 */
function secrets(service: string, files: readonly string[]) {
  const named = files.map((target) => {
    const below = posix.relative(`/etc/${service}`, target);
    const parts = (below.startsWith('..') ? target.replace(/^\/+/, '') : below).replace(/^secrets\//, '').split('/')
      .map((part) => part.replace(/[^a-zA-Z0-9_.-]/g, '-'));
    return { target, slug: parts.join('-'), path: parts.map((part) => (part === '..' || part === '.' ? '-' : part)).join('/') };
  });
  const counts = new Map<string, number>();
  for (const { slug } of named) counts.set(slug, (counts.get(slug) ?? 0) + 1);
  return named.map(({ target, slug, path }) => {
    const shared = counts.get(slug)! > 1;
    const name = shared ? `${slug}-${createHash('sha256').update(target).digest('hex').slice(0, 8)}` : slug;
    return { source: `${service}-${name}`, target, file: `${SECRETS_DIR}/${service}/${shared ? name : path}` };
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
  // Grafana's admin password: never the image's admin/admin on a port others may reach.
  const grafanaSecrets = grafana ? [{ source: 'grafana-admin-password', target: '/run/secrets/grafana-admin-password', file: `${SECRETS_DIR}/grafana/admin-password` }] : [];
  const allSecrets = [...promSecrets, ...amSecrets, ...grafanaSecrets];
  const { publishAddress } = model.project.stack;
  const publish = (port: number) => `${publishAddress.includes(':') ? `[${publishAddress}]` : publishAddress}:${port}:${port}`;
  return {
    services: {
      prometheus: {
        image: `prom/prometheus:v${targets.prometheus}`,
        // No --web.enable-lifecycle: anyone who reaches it could POST /-/quit. Reload with `docker compose kill -s HUP prometheus`.
        command: ['--config.file=/etc/prometheus/prometheus.yml', '--storage.tsdb.path=/prometheus', ...flags],
        // File by file, not the folder: secrets mount below /etc/prometheus, which a read-only folder mount would not allow.
        volumes: [
          `${fromHere('prometheus/prometheus.yml')}:/etc/prometheus/prometheus.yml:ro`,
          ...(rules ? [`${fromHere('prometheus/rules/')}:/etc/prometheus/rules:ro`] : []),
          'prometheus-data:/prometheus',
        ],
        ports: [publish(9090)],
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
        ports: [publish(9093)],
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
        ports: [publish(3000)],
        environment: {
          GF_SECURITY_ADMIN_PASSWORD__FILE: '/run/secrets/grafana-admin-password',
          GF_USERS_ALLOW_SIGN_UP: 'false',
          GF_AUTH_ANONYMOUS_ENABLED: 'false',
        },
        secrets: grafanaSecrets.map(({ source }) => source),
        depends_on: ['prometheus'],
        restart: 'unless-stopped',
      },
      // As node-exporter's documentation runs it in a container: the host's processes and root file system, read-only, not the container's.
      'node-exporter': {
        image: EXPORTER_IMAGES['node-exporter'],
        command: ['--path.rootfs=/host'],
        pid: 'host',
        volumes: ['/:/host:ro,rslave'],
        ports: [publish(9100)],
        restart: 'unless-stopped',
      },
      'blackbox-exporter': { image: EXPORTER_IMAGES['blackbox-exporter'], ports: [publish(9115)], restart: 'unless-stopped' },
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
