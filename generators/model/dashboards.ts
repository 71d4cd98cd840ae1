import type { Model, ServiceModel } from '../core/model.ts';

/** Folders of the generated dashboards. */
export const generatedFolders = { services: 'Services', slos: 'SLOs' } as const;

/** A dashboard the project's Grafana gets, declared or generated: what links and docs need of it. */
export type DashboardEntry =
  | { readonly kind: 'declared'; readonly id: string; readonly title: string; readonly folder: string }
  | { readonly kind: 'service'; readonly id: string; readonly title: string; readonly folder: string; readonly service: ServiceModel }
  | { readonly kind: 'slo'; readonly id: string; readonly title: string; readonly folder: string; readonly service: ServiceModel; readonly slo: ServiceModel['slos'][number] }
  | { readonly kind: 'infrastructure'; readonly id: string; readonly title: string; readonly folder: string };

/** Every dashboard of the project: the declared ones, then per service, per SLO, and the infrastructure one when a node exporter is scraped. */
export function dashboardCatalog(model: Model): DashboardEntry[] {
  const grafana = model.project.grafana;
  if (!grafana) return [];
  return [
    ...model.dashboards.map(({ dashboard }): DashboardEntry => ({ kind: 'declared', id: dashboard.id, title: dashboard.title, folder: dashboard.folder })),
    ...(grafana.serviceDashboards
      ? model.services.map((service): DashboardEntry => ({ kind: 'service', id: service.id, title: service.id, folder: generatedFolders.services, service }))
      : []),
    ...(grafana.sloDashboards
      ? model.services.flatMap((service) => service.slos.map((slo): DashboardEntry => ({ kind: 'slo', id: `slo-${slo.slo.id}`, title: `SLO ${slo.slo.id}`, folder: generatedFolders.slos, service, slo })))
      : []),
    ...(grafana.infrastructure && model.scrapeJobs.some((j) => j.exporter === 'node')
      ? [{ kind: 'infrastructure' as const, ...grafana.infrastructure }]
      : []),
  ];
}
