import { dashboardRule } from '../grafana/lint.ts';
import { queriesOf, RATE_INTERVAL_MS } from '../grafana/queries.ts';

/**
 * dashboard-linter target-rate-interval-rule: `$__rate_interval` is at least
 * four scrape intervals and follows the zoom; a fixed range is noisy when
 * zoomed in and misses samples when zoomed out.
 */
export const dashboardRateInterval = dashboardRule(
  'dashboard/rate-interval',
  'warning',
  '`rate()`/`irate()` over anything but `$__rate_interval`',
  (dashboard) =>
    queriesOf(dashboard).flatMap((q) =>
      q.promql.selectors
        .filter((s) => (s.enclosing === 'rate' || s.enclosing === 'irate') && s.rangeMs !== RATE_INTERVAL_MS)
        .map((s) => ({ field: q.field, message: `${q.what}: ${s.enclosing}(${s.metric ?? s.text}[...]) should use [$__rate_interval]` }))),
);
