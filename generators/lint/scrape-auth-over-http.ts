import type { LintRule } from '../core/lint.ts';

/** Basic auth or a bearer token over plain http sends the credentials in clear text. */
export const scrapeAuthOverHttp: LintRule = {
  code: 'scrape/auth-over-http',
  level: 'warning',
  description: 'a job sends basic auth or authorization credentials over plain http',
  check: (model) =>
    model.scrapeJobs
      .filter((job) => job.scheme === 'http' && (job.basicAuth || job.authorization))
      .map((job) => ({
        site: job.site,
        field: [job.basicAuth ? 'basicAuth' : 'authorization'],
        message: `job ${job.jobName} sends credentials over plain http; set scheme: 'https'`,
      })),
};
