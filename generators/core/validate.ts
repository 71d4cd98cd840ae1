import { parseDuration } from '../../schemas/duration.ts';
import { project as projectSchema } from '../../schemas/project.ts';
import { service as serviceSchema } from '../../schemas/service.ts';
import type { ScrapeEndpoint } from '../../schemas/scrape.ts';
import type { Diagnostic } from './diagnostic.ts';
import type { Model, PrometheusModel, ScrapeJob, ServiceModel, Site } from './model.ts';
import { checkEstate } from './estate-checks.ts';
import { joinSubject, validateDeclaration } from './schema-issues.ts';
import { sortLabels } from './labels.ts';

type ServiceData = NonNullable<ReturnType<typeof validateDeclaration<typeof serviceSchema>>['data']>;

/** Schema validation of every declaration, then the estate-wide checks; all problems at once. */
export function validate(raw: unknown): { model?: Model; diagnostics: Diagnostic[] } {
  const projectResult = validateDeclaration(projectSchema, raw, [], 'project');
  const diagnostics = [...projectResult.diagnostics];
  const services: { data: ServiceData; site: Site }[] = [];
  const rawServices = (raw as { services?: unknown }).services;
  (Array.isArray(rawServices) ? rawServices : []).forEach((value, i) => {
    const id = (value as { id?: unknown } | undefined)?.id;
    const subject = typeof id === 'string' ? id : `services[${i}]`;
    const result = validateDeclaration(serviceSchema, raw, ['services', i], subject);
    diagnostics.push(...result.diagnostics);
    if (result.data) services.push({ data: result.data, site: { root: raw, path: ['services', i], subject } });
  });
  const data = projectResult.data;
  if (!data || diagnostics.length > 0) return { diagnostics };

  const model: Model = {
    project: {
      name: data.name,
      targets: data.targets,
      prometheus: normalizePrometheus(data.prometheus ?? {}),
      lint: data.lint ?? {},
      site: { root: raw, path: [], subject: 'project' },
    },
    services: services.map(toServiceModel).sort((a, b) => compare(a.id, b.id)),
    scrapeJobs: [],
  };
  const jobs = services.flatMap((s) => toScrapeJobs(s.data, s.site, model.project.prometheus));
  const full: Model = { ...model, scrapeJobs: jobs.sort((a, b) => compare(a.jobName, b.jobName)) };
  const checks = checkEstate(full);
  return checks.length > 0 ? { diagnostics: checks } : { model: full, diagnostics: [] };
}

export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Target lists carry no meaning in their order; sorting keeps diffs small when declarations move. */
function sorted(list: readonly string[]): string[] {
  return [...list].sort(compare);
}

function normalizePrometheus(input: NonNullable<ReturnType<typeof projectSchema.parse>['prometheus']>): PrometheusModel {
  const scrapeInterval = input.scrapeInterval ?? '15s';
  return {
    scrapeInterval,
    // As Prometheus does: the default timeout is capped at the interval.
    scrapeTimeout: input.scrapeTimeout ?? (parseDuration(scrapeInterval)! < 10_000 ? scrapeInterval : '10s'),
    evaluationInterval: input.evaluationInterval ?? '15s',
    externalLabels: sortLabels(input.externalLabels ?? {}),
    retention: input.retention,
    alertmanagers: (input.alertmanagers ?? []).map((am) => ({ ...am, targets: sorted(am.targets) })),
    remoteWrite: [...(input.remoteWrite ?? [])].sort((a, b) => compare(a.name, b.name)),
  };
}

function toServiceModel({ data, site }: { data: ServiceData; site: Site }): ServiceModel {
  return { id: data.id, description: data.description, team: data.team, labels: sortLabels(data.labels ?? {}), site };
}

function toScrapeJobs(service: ServiceData, site: Site, prometheus: PrometheusModel): ScrapeJob[] {
  return (service.endpoints ?? []).map((endpoint, i) =>
    toScrapeJob(service, endpoint, {
      root: site.root,
      path: [...site.path, 'endpoints', i],
      subject: joinSubject(site.subject, ['endpoints', i]),
    }, prometheus));
}

function toScrapeJob(service: ServiceData, endpoint: ScrapeEndpoint, site: Site, prometheus: PrometheusModel): ScrapeJob {
  const interval = endpoint.interval ?? prometheus.scrapeInterval;
  // Prometheus caps an inherited timeout at the job's interval; we write the result out.
  const timeout = parseDuration(prometheus.scrapeTimeout)! > parseDuration(interval)! ? interval : prometheus.scrapeTimeout;
  const probe = endpoint.probe && { module: endpoint.probe.module ?? 'http_2xx', prober: endpoint.probe.prober, urls: sorted(endpoint.probe.urls) };
  return {
    jobName: endpoint.job,
    service: service.id,
    exporter: endpoint.exporter,
    metricsPath: endpoint.metricsPath ?? (probe ? '/probe' : '/metrics'),
    scheme: endpoint.scheme ?? 'http',
    interval,
    timeout: endpoint.timeout ?? timeout,
    params: endpoint.params,
    honorLabels: endpoint.honorLabels ?? false,
    targets: endpoint.targets && sorted(endpoint.targets),
    fileSd: endpoint.fileSd && { ...endpoint.fileSd, files: sorted(endpoint.fileSd.files) },
    probe,
    labels: sortLabels({ ...service.labels, ...endpoint.labels, service: service.id, team: service.team }),
    relabel: endpoint.relabel ?? [],
    metricRelabel: endpoint.metricRelabel ?? [],
    tls: endpoint.tls,
    basicAuth: endpoint.basicAuth,
    authorization: endpoint.authorization,
    sampleLimit: endpoint.sampleLimit,
    keepDroppedTargets: endpoint.keepDroppedTargets,
    site,
  };
}
