import { formatDuration } from '../../schemas/duration.ts';
import type { LintRule } from '../core/lint.ts';
import { expressionsOf, scrapeIntervalOf } from './rules-of.ts';

const rangeFunctions = new Set(['rate', 'irate', 'increase', 'deriv', 'delta', 'idelta']);

/** pint promql/rate: a range under two scrape intervals often holds fewer than two samples. */
export const promqlRateRange: LintRule = {
  code: 'promql/rate-range',
  level: 'warning',
  description: 'a rate-like range under twice the scrape interval of the job it reads',
  check: (model) =>
    expressionsOf(model).flatMap(({ site, promql }) =>
      promql.selectors
        .filter((s) => s.rangeMs !== undefined && rangeFunctions.has(s.enclosing ?? ''))
        .map((s) => ({ s, interval: scrapeIntervalOf(model, s) }))
        .filter(({ s, interval }) => s.rangeMs! < 2 * interval)
        .map(({ s, interval }) => ({
          site,
          field: ['expr'],
          message: `${s.enclosing}(${s.text}) reads a ${formatDuration(s.rangeMs!)} range but the job is scraped every ${formatDuration(interval)}; use at least ${formatDuration(2 * interval)}`,
        }))),
};
