import { compareVersions } from '../core/features.ts';
import type { Artifact, Generator } from '../core/generator.ts';
import type { GrafanaModel, Model } from '../core/model.ts';
import { dashboardPath, dashboardsOf, type BuiltDashboard } from './build.ts';
import { checkDashboards } from './checks.ts';
import { folderSlug } from './conventions.ts';

/** Grafana 11.1 added `prune`: datasources removed from the file are removed from Grafana. */
const supportsPrune = (grafana: string) => compareVersions(grafana, '11.1') >= 0;

function datasources(grafana: GrafanaModel, model: Model) {
  const { targets, prometheus } = model.project;
  return {
    apiVersion: 1,
    ...(supportsPrune(targets.grafana) ? { prune: true } : {}),
    datasources: [{
      name: grafana.datasource.name,
      type: 'prometheus',
      uid: grafana.datasource.uid,
      access: 'proxy',
      url: grafana.datasource.url,
      ...(grafana.datasource.basicAuth
        ? {
          basicAuth: true,
          basicAuthUser: grafana.datasource.basicAuth.username,
          // Grafana reads the file when it provisions; the password never enters out/.
          secureJsonData: { basicAuthPassword: `$__file{${grafana.datasource.basicAuth.passwordFile}}` },
        }
        : {}),
      isDefault: true,
      editable: false,
      jsonData: {
        httpMethod: 'POST',
        // $__rate_interval is four scrape intervals at least.
        timeInterval: prometheus.scrapeInterval,
        prometheusType: 'Prometheus',
        prometheusVersion: targets.prometheus,
        manageAlerts: true,
      },
    }],
  };
}

/** One file provider per folder: dashboards are read-only in Grafana and deleted with their file. */
function providers(grafana: GrafanaModel, dashboards: readonly BuiltDashboard[]) {
  const titles = [...new Set(dashboards.map((d) => d.folder))].sort((a, b) => (folderSlug(a) < folderSlug(b) ? -1 : 1));
  return {
    apiVersion: 1,
    providers: titles.map((title) => ({
      name: folderSlug(title),
      orgId: 1,
      folder: title,
      folderUid: folderSlug(title),
      type: 'file',
      disableDeletion: false,
      allowUiUpdates: false,
      updateIntervalSeconds: 30,
      options: { path: `${grafana.dashboardsPath.replace(/\/$/, '')}/${folderSlug(title)}`, foldersFromFilesStructure: false },
    })),
  };
}

/** Classic dashboard JSON per dashboard, and Grafana's datasource and dashboard provisioning files. */
export const grafanaGenerator: Generator = {
  name: 'grafana',
  check: checkDashboards,
  generate(model: Model): Artifact[] {
    const grafana = model.project.grafana;
    if (!grafana) return [];
    const dashboards = dashboardsOf(model);
    return [
      { path: 'grafana/provisioning/datasources/prometheus.yaml', format: 'yaml', data: datasources(grafana, model), delivery: 'files' },
      ...(dashboards.length > 0 ? [{ path: 'grafana/provisioning/dashboards/dashboards.yaml', format: 'yaml' as const, data: providers(grafana, dashboards), delivery: 'files' as const }] : []),
      ...dashboards.map((d): Artifact => ({ path: dashboardPath(d), format: 'json', data: d.json, delivery: 'files' })),
    ];
  },
};
