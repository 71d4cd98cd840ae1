import { parseDuration } from '../../schemas/duration.ts';
import { project as projectSchema } from '../../schemas/project.ts';
import type { ScrapeEndpoint } from '../../schemas/scrape.ts';
import { service as serviceSchema } from '../../schemas/service.ts';
import { dashboard as dashboardSchema } from '../../schemas/dashboard.ts';
import { pack as packSchema } from '../../schemas/pack.ts';
import type { z } from 'zod';
import type { Diagnostic } from './diagnostic.ts';
import { checkEstate } from './estate-checks.ts';
import { sortLabels } from './labels.ts';
import { buildMetricCatalog, scrapedMetrics } from './metric-catalog.ts';
import { docPageKinds, type DocPageKind, type DeliveryModel, type DocsModel, type GrafanaModel, type Model, type PrometheusModel, type ProjectModel, type ScrapeJob, type ServiceKind, type ServiceModel, type Site } from './model.ts';
import { locateSite } from './locate.ts';
import { sourceOf } from '../../schemas/source.ts';
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { normalizeRuleGroups } from './normalize-rules.ts';
import { joinSubject, validateDeclaration } from './schema-issues.ts';
import { defaultLongWindows } from '../model/slo/windows.ts';
import { metricIndex, serviceKinds } from '../model/dashboards.ts';

type ServiceData = z.output<typeof serviceSchema>;
type ProjectData = z.output<typeof projectSchema>;
interface ValidService {
  readonly data: ServiceData;
  readonly site: Site;
}

/** Schema validation of every declaration, then the estate-wide checks; all problems at once. The model comes whenever the declarations normalize, with the checks' findings beside it. */
export function validate(raw: unknown): { model?: Model; diagnostics: Diagnostic[] } {
  const projectResult = validateDeclaration(projectSchema, raw, [], 'project');
  const services = validateList(serviceSchema, raw, 'services');
  const dashboards = validateList(dashboardSchema, raw, 'dashboards');
  const packs = validatePacks(raw);
  const diagnostics = [...projectResult.diagnostics, ...services.diagnostics, ...dashboards.diagnostics, ...packs.diagnostics];
  if (!projectResult.data || diagnostics.length > 0) return { diagnostics };
  const templates = readTemplates(projectResult.data.docs?.templates ?? {}, raw);
  if (templates.diagnostics.length > 0) return { diagnostics: templates.diagnostics };
  const model = normalize(projectResult.data, raw, services.valid, dashboards.valid.map(({ data, site }) => ({ dashboard: data, site })), templates.sources, packs.valid);
  return { model, diagnostics: checkEstate(model) };
}

/** Each element of one of the project's declaration lists against its schema; the valid ones with their site. */
function validateList<S extends z.ZodType>(schema: S, raw: unknown, key: 'services' | 'dashboards'): { valid: { data: z.output<S>; site: Site }[]; diagnostics: Diagnostic[] } {
  const list = (raw as Record<string, unknown> | undefined)?.[key];
  const valid: { data: z.output<S>; site: Site }[] = [];
  const diagnostics: Diagnostic[] = [];
  (Array.isArray(list) ? list : []).forEach((value, i) => {
    const id = (value as { id?: unknown } | undefined)?.id;
    const subject = typeof id === 'string' ? id : `${key}[${i}]`;
    const result = validateDeclaration(schema, raw, [key, i], subject);
    diagnostics.push(...result.diagnostics);
    if (result.data) valid.push({ data: result.data, site: { root: raw, path: [key, i], subject } });
  });
  return { valid, diagnostics };
}

/**
 * The packs, whose content the loader has already added as a service and
 * dashboards (scripts/packs); a pack it has not read (compile() called on a
 * project by hand) would silently build nothing, so it is an error.
 */
function validatePacks(raw: unknown): { valid: { name: string; folder: string }[]; diagnostics: Diagnostic[] } {
  const list = (raw as Record<string, unknown> | undefined)?.packs;
  const valid: { name: string; folder: string }[] = [];
  const diagnostics: Diagnostic[] = [];
  (Array.isArray(list) ? list : []).forEach((value, i) => {
    const name = (value as { name?: unknown } | undefined)?.name;
    const subject = typeof name === 'string' ? name : `packs[${i}]`;
    const result = validateDeclaration(packSchema, raw, ['packs', i], subject);
    diagnostics.push(...result.diagnostics);
    if (!result.data) return;
    if (!isAbsolute(result.data.from)) {
      const site: Site = { root: raw, path: ['packs', i], subject };
      diagnostics.push({ severity: 'error', code: 'pack/not-read', location: locateSite(site, ['from']), subject: `${subject}.from`, message: 'the pack\'s folder was not read: packs are read by the commands (monac build, plan, export), not by compile() alone' });
      return;
    }
    valid.push({ name: result.data.name, folder: result.data.from });
  });
  return { valid, diagnostics };
}

function normalizeGrafana(settings: NonNullable<ProjectData['grafana']>, raw: unknown, kinds: () => ServiceKind[]): GrafanaModel {
  const mode = <T extends string>(value: boolean | T | undefined, templated: 'templated'): T | 'templated' | false => (value === undefined || value === true ? templated : value);
  const serviceDashboards = mode(settings.serviceDashboards, 'templated');
  const infrastructure = settings.infrastructure ?? { id: 'infrastructure', title: 'Infrastructure' };
  return {
    datasource: {
      name: settings.datasource.name ?? 'Prometheus',
      uid: settings.datasource.uid ?? 'prometheus',
      url: settings.datasource.url,
      basicAuth: settings.datasource.basicAuth,
    },
    dashboardsPath: settings.dashboardsPath ?? '/var/lib/grafana/dashboards',
    serviceDashboards,
    sloDashboards: mode(settings.sloDashboards, 'templated'),
    serviceKinds: serviceDashboards === 'templated' ? kinds() : [],
    infrastructure: infrastructure && { ...infrastructure, folder: infrastructure.folder ?? 'Infrastructure' },
    site: { root: raw, path: ['grafana'], subject: 'grafana' },
  };
}

/** The project's own page templates, read relative to the file that declares the project. */
function readTemplates(paths: Partial<Record<DocPageKind, string>>, raw: unknown): { sources: DocsModel['templates']; diagnostics: Diagnostic[] } {
  const base = dirname(sourceOf(raw)?.file ?? join(process.cwd(), 'index.ts'));
  const sources: Partial<Record<DocPageKind, string>> = {};
  const diagnostics: Diagnostic[] = [];
  for (const kind of docPageKinds) {
    const path = paths[kind];
    if (path === undefined) continue;
    try {
      sources[kind] = readFileSync(resolve(base, path), 'utf8');
    } catch (error) {
      const site: Site = { root: raw, path: ['docs', 'templates', kind], subject: 'project' };
      diagnostics.push({
        severity: 'error',
        code: 'docs/template',
        location: locateSite(site),
        subject: joinSubject('project', ['docs', 'templates', kind]),
        message: `cannot read the ${kind} template ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      });
    }
  }
  return { sources, diagnostics };
}

function normalize(data: ProjectData, raw: unknown, valid: readonly ValidService[], dashboards: Model['dashboards'], templates: DocsModel['templates'], packs: ProjectModel['packs']): Model {
  const prometheus = normalizePrometheus(data.prometheus ?? {});
  const scrapeJobs = valid.flatMap((s) => toScrapeJobs(s.data, s.site, prometheus)).sort((a, b) => compare(a.jobName, b.jobName));
  const declared = new Map(valid.map((s) => [s.data.id, s.data.metrics ?? {}]));
  const scraped = scrapedMetrics(scrapeJobs, declared);
  // The kinds of service come from what the jobs expose, known before the rules: the alerts link to their kind's dashboard.
  // A pack's service is upstream content with upstream's own dashboards; no service dashboard is generated for it.
  const kinds = () => serviceKinds(
    valid.filter((s) => !packs.some((p) => p.name === s.data.id)).map((s) => ({ id: s.data.id, hasSlos: (s.data.slos ?? []).length > 0 })),
    metricIndex(scraped, scrapeJobs),
  );
  const project: ProjectModel = {
    name: data.name,
    targets: data.targets,
    prometheus,
    lint: data.lint ?? {},
    links: data.links ?? {},
    alertmanager: data.alertmanager && { config: data.alertmanager, site: { root: raw, path: ['alertmanager'], subject: 'alertmanager' } },
    grafana: data.grafana && normalizeGrafana(data.grafana, raw, kinds),
    escalation: (data.escalation ?? []).map((policy, i) => ({ policy, site: { root: raw, path: ['escalation', i], subject: policy.team ?? 'escalation' } })),
    docs: {
      pages: data.docs !== undefined || data.links?.runbooks !== undefined,
      requireMitigation: data.docs?.requireMitigation ?? 'info',
      silenceDuration: data.docs?.silenceDuration ?? '2h',
      templates,
    },
    delivery: normalizeDelivery(data, raw),
    rules: {
      evaluation: data.rules?.evaluation ?? { engine: 'prometheus' },
      clusterLabel: data.rules?.clusterLabel,
      // Mimir's defaults (pkg/util/validation/limits.go); Thanos Ruler has none.
      limits: {
        mimir: { rulesPerGroup: 20, groupsPerTenant: 70, overflow: 'error', ...data.rules?.limits?.mimir },
        thanos: { rulesPerGroup: 0, groupsPerTenant: 0, overflow: 'error', ...data.rules?.limits?.thanos },
      },
    },
    stack: { publishAddress: data.stack?.publishAddress ?? '127.0.0.1' },
    packs,
    site: { root: raw, path: [], subject: 'project' },
  };
  // Every SLO carries its own long-window mode, so the rules, checks and docs read one field.
  const longWindows = data.slo?.longWindows ?? defaultLongWindows;
  const services = valid
    .map(({ data: declared, site }) => ({ data: { ...declared, slos: declared.slos?.map((slo) => ({ ...slo, longWindows: slo.longWindows ?? longWindows })) }, site }))
    .map(({ data: service, site }): ServiceModel => ({
      id: service.id,
      description: service.description,
      team: service.team,
      labels: sortLabels(service.labels ?? {}),
      ruleGroups: normalizeRuleGroups(service, site, project),
      slos: (service.slos ?? [])
        .map((slo, i) => ({ slo, site: { root: site.root, path: [...site.path, 'slos', i], subject: slo.id } }))
        .sort((a, b) => compare(a.slo.id, b.slo.id)),
      scaling: (service.scaling ?? []).map((policy, i) => ({
        policy,
        site: { root: site.root, path: [...site.path, 'scaling', i], subject: `${policy.workload.namespace}/${policy.workload.name}` },
      })),
      postDeploy: service.postDeploy && { spec: service.postDeploy, site: { root: site.root, path: [...site.path, 'postDeploy'], subject: `${service.id}.postDeploy` } },
      site,
    }))
    .sort((a, b) => compare(a.id, b.id));
  return { project, services, scrapeJobs, metrics: buildMetricCatalog(services, scraped), dashboards };
}

export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Target lists carry no meaning in their order; sorting keeps diffs small when declarations move. */
function sorted(list: readonly string[]): string[] {
  return [...list].sort(compare);
}

function normalizeDelivery(data: ProjectData, raw: unknown): DeliveryModel {
  const operator = data.delivery?.prometheusOperator;
  const namespace = operator?.namespace ?? 'monitoring';
  return {
    files: data.delivery?.files ?? true,
    operator: operator && {
      version: data.targets.prometheusOperator,
      namespace,
      selectorLabels: sortLabels(operator.selectorLabels ?? {}),
      alertmanagerSecret: operator.alertmanagerSecret ?? 'alertmanager-monac',
      grafana: { namespace: operator.grafana?.namespace ?? namespace, folderAnnotation: operator.grafana?.folderAnnotation ?? 'grafana_folder' },
      secrets: operator.secrets ?? {},
      site: { root: raw, path: ['delivery', 'prometheusOperator'], subject: 'delivery.prometheusOperator' },
    },
  };
}

function normalizePrometheus(input: NonNullable<ProjectData['prometheus']>): PrometheusModel {
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
    kubernetes: endpoint.kubernetes,
    site,
  };
}
