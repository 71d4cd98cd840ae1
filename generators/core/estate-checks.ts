import { parseDuration } from '../../schemas/duration.ts';
import type { Diagnostic } from './diagnostic.ts';
import { prometheusFeatures, relabelActionFeature, supportsPrometheus, type PrometheusFeature } from './features.ts';
import type { Model, ScrapeJob, Site } from './model.ts';
import { anchor, locateSite } from './locate.ts';
import { joinSubject } from './schema-issues.ts';
import { checkRules } from './rule-checks.ts';

/** Checks that span declarations: unique ids and job names, intervals, what the target versions support, rules; the families check their own output (the registry's `check`). */
export function checkEstate(model: Model): Diagnostic[] {
  return [
    ...duplicates(model.services.map((s) => ({ key: s.id, site: s.site, field: ['id'] })), 'service/duplicate-id', 'service id'),
    ...duplicates(model.scrapeJobs.map((j) => ({ key: j.jobName, site: j.site, field: ['job'] })), 'scrape/duplicate-job', 'job name'),
    ...duplicates(model.services.flatMap((s) => s.slos.map(({ slo, site }) => ({ key: slo.id, site, field: ['id'] }))), 'slo/duplicate-id', 'SLO id'),
    ...model.scrapeJobs.flatMap(checkTimeout),
    ...model.scrapeJobs.flatMap((job) => checkPrometheusFeatures(job, model.project.targets.prometheus)),
    ...checkRules(model),
  ];
}

interface Keyed {
  readonly key: string;
  readonly site: Site;
  readonly field: readonly PropertyKey[];
}

/** Source order of a site: its declaration's call site, then its path below it. */
function sourceOrder(site: Site, field: readonly PropertyKey[]): string {
  const found = anchor(site.root, [...site.path, ...field]);
  const pad = (n: number | undefined) => String(n ?? 0).padStart(9, '0');
  const rest = found?.rest.map((s) => (typeof s === 'number' ? pad(s) : s)).join('.') ?? '';
  return [found?.call.file ?? '', pad(found?.call.line), pad(found?.call.column), rest, site.subject].join('\u0000');
}

/** Every declaration after the first (in source order) that reuses a key, naming the first. */
function duplicates(items: readonly Keyed[], code: string, what: string): Diagnostic[] {
  // Only the declarations that share a key are put in source order: finding a call site's line reads a source map.
  const byKey = new Map<string, Keyed[]>();
  for (const item of items) {
    const list = byKey.get(item.key);
    if (list) list.push(item);
    else byKey.set(item.key, [item]);
  }
  const shared = [...byKey.values()].filter((list) => list.length > 1).flat();
  const ordered = shared.map((item) => ({ ...item, order: sourceOrder(item.site, item.field) }));
  ordered.sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : 0));
  const first = new Map<string, Keyed>();
  const found: Diagnostic[] = [];
  for (const item of ordered) {
    const earlier = first.get(item.key);
    if (!earlier) {
      first.set(item.key, item);
      continue;
    }
    found.push({
      severity: 'error',
      code,
      location: locateSite(item.site, item.field),
      subject: joinSubject(item.site.subject, item.field),
      message: `${what} ${JSON.stringify(item.key)} is already declared`,
      related: { location: locateSite(earlier.site, earlier.field), subject: joinSubject(earlier.site.subject, earlier.field) },
    });
  }
  return found;
}

function checkTimeout(job: ScrapeJob): Diagnostic[] {
  if (parseDuration(job.timeout)! <= parseDuration(job.interval)!) return [];
  return [{
    severity: 'error',
    code: 'scrape/timeout-exceeds-interval',
    location: locateSite(job.site, ['timeout']),
    subject: joinSubject(job.site.subject, ['timeout']),
    message: `scrape timeout ${job.timeout} is longer than the job's scrape interval ${job.interval}`,
  }];
}

function checkPrometheusFeatures(job: ScrapeJob, version: string): Diagnostic[] {
  const needs: { feature: PrometheusFeature; field: PropertyKey[] }[] = [];
  const rules = [['relabel', job.relabel], ['metricRelabel', job.metricRelabel]] as const;
  for (const [field, list] of rules) {
    list.forEach((rule, i) => {
      const feature = rule.action && relabelActionFeature(rule.action);
      if (feature) needs.push({ feature, field: [field, i, 'action'] });
    });
  }
  if (job.keepDroppedTargets !== undefined) needs.push({ feature: 'keep-dropped-targets', field: ['keepDroppedTargets'] });
  return needs
    .filter(({ feature }) => !supportsPrometheus(version, feature))
    .map(({ feature, field }) => ({
      severity: 'error' as const,
      code: 'version/prometheus',
      location: locateSite(job.site, field),
      subject: joinSubject(job.site.subject, field),
      message: `${prometheusFeatures[feature].what} needs Prometheus ${prometheusFeatures[feature].since} or later; the project targets ${version}`,
    }));
}
