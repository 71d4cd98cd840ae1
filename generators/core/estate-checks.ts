import { parseDuration } from '../../schemas/duration.ts';
import type { Diagnostic } from './diagnostic.ts';
import { prometheusFeatures, supportsPrometheus, type PrometheusFeature } from './features.ts';
import type { Model, ScrapeJob, Site } from './model.ts';
import { locateSite } from './locate.ts';
import { joinSubject } from './schema-issues.ts';

/** Checks that span declarations: unique ids and job names, intervals, and what the target versions support. */
export function checkEstate(model: Model): Diagnostic[] {
  return [
    ...duplicates(model.services.map((s) => ({ key: s.id, site: s.site, field: ['id'] })), 'service/duplicate-id', 'service id'),
    ...duplicates(model.scrapeJobs.map((j) => ({ key: j.jobName, site: j.site, field: ['job'] })), 'scrape/duplicate-job', 'job name'),
    ...model.scrapeJobs.flatMap(checkTimeout),
    ...model.scrapeJobs.flatMap((job) => checkPrometheusFeatures(job, model.project.targets.prometheus)),
  ];
}

interface Keyed {
  readonly key: string;
  readonly site: Site;
  readonly field: readonly PropertyKey[];
}

/** Every declaration after the first (in source order) that reuses a key, naming the first. */
function duplicates(items: readonly Keyed[], code: string, what: string): Diagnostic[] {
  const located = items.map((item) => ({ ...item, location: locateSite(item.site, item.field) }));
  const order = (l: (typeof located)[number]) => `${l.location?.file ?? ''}\u0000${String(l.location?.line ?? 0).padStart(8, '0')}\u0000${String(l.location?.column ?? 0).padStart(8, '0')}\u0000${l.site.subject}`;
  located.sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
  const first = new Map<string, (typeof located)[number]>();
  const found: Diagnostic[] = [];
  for (const item of located) {
    const earlier = first.get(item.key);
    if (!earlier) {
      first.set(item.key, item);
      continue;
    }
    found.push({
      severity: 'error',
      code,
      location: item.location,
      subject: joinSubject(item.site.subject, item.field),
      message: `${what} ${JSON.stringify(item.key)} is already declared`,
      related: { location: earlier.location, subject: joinSubject(earlier.site.subject, earlier.field) },
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
      if (rule.action === 'lowercase' || rule.action === 'uppercase') needs.push({ feature: 'relabel-case-actions', field: [field, i, 'action'] });
      if (rule.action === 'keepequal' || rule.action === 'dropequal') needs.push({ feature: 'relabel-equal-actions', field: [field, i, 'action'] });
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
