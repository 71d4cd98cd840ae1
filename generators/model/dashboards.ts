import { createHash } from 'node:crypto';
import type { MetricType } from '../../schemas/rules.ts';
import type { MetricInfo, Model, ProjectModel, ScrapeJob, ServiceKind, ServiceModel } from '../core/model.ts';
import { dashboardUrl } from '../core/links.ts';
import { scrapeMetrics } from '../promql/exporter-metrics.ts';

/** Folders of the generated dashboards. */
export const generatedFolders = { services: 'Services', slos: 'SLOs' } as const;

/** The id of the templated SLO dashboard. */
export const SLOS_DASHBOARD = 'slos';

/** A dashboard the project's Grafana gets, declared or generated: what links and docs need of it. */
export type DashboardEntry =
  | { readonly kind: 'declared'; readonly id: string; readonly title: string; readonly folder: string }
  | { readonly kind: 'service'; readonly id: string; readonly title: string; readonly folder: string; readonly services: readonly ServiceModel[]; readonly templated: boolean }
  | { readonly kind: 'slo'; readonly id: string; readonly title: string; readonly folder: string; readonly slos: readonly { readonly service: ServiceModel; readonly slo: ServiceModel['slos'][number] }[]; readonly templated: boolean }
  | { readonly kind: 'infrastructure'; readonly id: string; readonly title: string; readonly folder: string };

/** Every dashboard of the project: the declared ones, then the services', the SLOs', and the infrastructure one when a node exporter is scraped. */
export function dashboardCatalog(model: Model): DashboardEntry[] {
  const grafana = model.project.grafana;
  if (!grafana) return [];
  const byId = new Map(model.services.map((s) => [s.id, s]));
  const slos = model.services.flatMap((service) => service.slos.map((slo) => ({ service, slo })));
  const folder = generatedFolders.services;
  return [
    ...model.dashboards.map(({ dashboard }): DashboardEntry => ({ kind: 'declared', id: dashboard.id, title: dashboard.title, folder: dashboard.folder })),
    ...(grafana.serviceDashboards === 'templated'
      ? grafana.serviceKinds.map((k): DashboardEntry => ({ kind: 'service', id: k.id, title: k.title, folder, services: k.members.map((id) => byId.get(id)!), templated: true }))
      : grafana.serviceDashboards === 'per-service'
        ? model.services.map((service): DashboardEntry => ({ kind: 'service', id: service.id, title: service.id, folder, services: [service], templated: false }))
        : []),
    ...(grafana.sloDashboards === 'templated' && slos.length > 0
      ? [{ kind: 'slo' as const, id: SLOS_DASHBOARD, title: 'SLOs', folder: generatedFolders.slos, slos, templated: true }]
      : grafana.sloDashboards === 'per-slo'
        ? slos.map((one): DashboardEntry => ({ kind: 'slo', id: `slo-${one.slo.slo.id}`, title: `SLO ${one.slo.slo.id}`, folder: generatedFolders.slos, slos: [one], templated: false }))
        : []),
    ...(grafana.infrastructure && model.scrapeJobs.some((j) => j.exporter === 'node')
      ? [{ kind: 'infrastructure' as const, ...grafana.infrastructure }]
      : []),
  ];
}

/** A dashboard and the variables that open it on one service or SLO. */
export interface DashboardLink {
  readonly id: string;
  readonly vars: Readonly<Record<string, string>>;
}

/** The URL of a dashboard link under the project's Grafana address. */
export const linkUrl = (grafana: string, link: DashboardLink) => dashboardUrl(grafana, link.id, link.vars);

const kindIndex = new WeakMap<readonly ServiceKind[], Map<string, ServiceKind>>();

/** The kind a service belongs to, with templated service dashboards. */
function kindOf(project: Pick<ProjectModel, 'grafana'>, serviceId: string): ServiceKind | undefined {
  const kinds = project.grafana?.serviceDashboards === 'templated' ? project.grafana.serviceKinds : undefined;
  if (!kinds) return undefined;
  let index = kindIndex.get(kinds);
  if (!index) {
    index = new Map(kinds.flatMap((k) => k.members.map((m) => [m, k] as const)));
    kindIndex.set(kinds, index);
  }
  return index.get(serviceId);
}

/** The generated dashboard of a service: its kind's with `$service` set, or its own. */
export function serviceDashboardLink(project: Pick<ProjectModel, 'grafana'>, serviceId: string): DashboardLink {
  const kind = kindOf(project, serviceId);
  return kind ? { id: kind.id, vars: { service: serviceId } } : { id: serviceId, vars: {} };
}

/** A dashboard an alert names: a service's id opens that service in its kind's dashboard; any other id is a dashboard's own. */
export function namedDashboardLink(project: Pick<ProjectModel, 'grafana'>, id: string): DashboardLink {
  return kindOf(project, id) ? serviceDashboardLink(project, id) : { id, vars: {} };
}

/** The generated dashboard of an SLO: the templated one with `$slo` set, or its own. */
export function sloDashboardLink(project: Pick<ProjectModel, 'grafana'>, sloId: string): DashboardLink {
  return project.grafana?.sloDashboards === 'templated' ? { id: SLOS_DASHBOARD, vars: { slo: sloId } } : { id: `slo-${sloId}`, vars: {} };
}

/** Metric names by the job that exposes them, and each service's jobs. */
export interface MetricIndex {
  readonly byJob: ReadonlyMap<string, readonly string[]>;
  readonly jobsByService: ReadonlyMap<string, readonly string[]>;
  readonly metrics: ReadonlyMap<string, MetricInfo>;
}

const indexes = new WeakMap<ReadonlyMap<string, MetricInfo>, MetricIndex>();

/** Once per catalog: per job its metrics, per service its jobs (a filter per service grew with the square of the estate). */
export function metricIndex(metrics: ReadonlyMap<string, MetricInfo>, jobs: readonly ScrapeJob[]): MetricIndex {
  let index = indexes.get(metrics);
  if (index) return index;
  const byJob = new Map<string, string[]>();
  for (const [name, info] of metrics) {
    if (name in scrapeMetrics) continue;
    for (const producer of info.producers) {
      const list = byJob.get(producer);
      if (list) list.push(name);
      else byJob.set(producer, [name]);
    }
  }
  const jobsByService = new Map<string, string[]>();
  for (const job of jobs) {
    const list = jobsByService.get(job.service);
    if (list) list.push(job.jobName);
    else jobsByService.set(job.service, [job.jobName]);
  }
  index = { byJob, jobsByService, metrics };
  indexes.set(metrics, index);
  return index;
}

/** A service's own metrics, by type: what its jobs expose, without Prometheus' per-target series or a histogram's series. */
export function serviceMetrics(serviceId: string, index: MetricIndex): { name: string; type: MetricType | 'unknown' }[] {
  const names = new Set((index.jobsByService.get(serviceId) ?? []).flatMap((job) => index.byJob.get(job) ?? []));
  const typeOf = (name: string) => index.metrics.get(name)!.type;
  const parents = new Set([...names].filter((name) => typeOf(name) === 'histogram' || typeOf(name) === 'summary'));
  const series = (name: string) => ['_bucket', '_sum', '_count'].some((s) => name.endsWith(s) && parents.has(name.slice(0, -s.length)));
  return [...names].filter((name) => !series(name)).sort().map((name) => ({ name, type: typeOf(name) }));
}

/**
 * Services grouped by the panels their dashboard would have: the same metrics
 * of the same types, and SLOs or not. A kind of one keeps the service id as its
 * dashboard id; a larger kind is `services-` and a hash of its panels, so adding
 * a service to a kind keeps its uid.
 */
export function serviceKinds(services: readonly { id: string; hasSlos: boolean }[], index: MetricIndex): ServiceKind[] {
  const groups = new Map<string, string[]>();
  for (const { id, hasSlos } of services) {
    const shape = JSON.stringify([serviceMetrics(id, index), hasSlos]);
    const list = groups.get(shape);
    if (list) list.push(id);
    else groups.set(shape, [id]);
  }
  return [...groups].map(([shape, members]) => {
    const sorted = [...members].sort();
    if (sorted.length === 1) return { id: sorted[0]!, title: sorted[0]!, members: sorted };
    const listed = sorted.length > 3 ? `${sorted.slice(0, 3).join(', ')} and ${sorted.length - 3} more` : sorted.join(', ');
    return { id: `services-${createHash('sha256').update(shape).digest('hex').slice(0, 8)}`, title: `Services: ${listed}`, members: sorted };
  }).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
