import { parseDuration } from '../../schemas/duration.ts';
import type { LintRule } from '../core/lint.ts';
import { parsePromql } from '../promql/parse.ts';

/** Prometheus' storage.tsdb.retention.time when neither a time nor a size is set. */
const DEFAULT_RETENTION = '15d';

/**
 * pint promql/range: a window longer than the Prometheus keeps reads only
 * what it keeps, with no error. A 30-day SLO ratio over 15 days of data is
 * quietly a 15-day one. Only rules the scraping Prometheus evaluates (a
 * Mimir or Thanos ruler reads long-term storage); the retention is the
 * declared time, else Prometheus' default 15d when monac configures the
 * server (plain files) and no size is set.
 */
export const promqlWindowOverRetention: LintRule = {
  code: 'promql/window-over-retention',
  level: 'warning',
  description: 'a range window longer than the retention of the Prometheus that evaluates the rule',
  check: (model) => {
    const { retention } = model.project.prometheus;
    const declared = retention?.time;
    const time = declared ?? (retention?.size === undefined && model.project.delivery.files ? DEFAULT_RETENTION : undefined);
    const keptMs = time === undefined ? undefined : parseDuration(time);
    if (keptMs === undefined) return [];
    const kept = `Prometheus keeps ${time} (${declared ? 'prometheus.retention.time' : 'its default, as prometheus.retention sets none'})`;
    return model.services.flatMap((service) => service.ruleGroups.filter((g) => g.evaluation.engine === 'prometheus').flatMap((group) =>
      [...group.records, ...group.alerts].flatMap((rule) => {
        const longest = parsePromql(rule.expr).selectors.filter((s) => s.rangeMs !== undefined && s.rangeMs > keptMs).sort((a, b) => b.rangeMs! - a.rangeMs!)[0];
        return longest ? [{
          site: rule.site,
          field: ['expr'],
          message: `${rule.name} reads ${longest.text}, but ${kept}: the window covers at most ${time}`,
        }] : [];
      })));
  },
};
