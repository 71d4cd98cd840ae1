import { parseDuration } from './duration.ts';
import type { AlertRuleInput, RecordingRuleInput } from './rules.ts';
import { recordSource } from './source.ts';

/** What every pattern passes through to the alert: name, severity, texts, tests. */
type AlertBase = Omit<AlertRuleInput, 'expr'>;

/** The alert with its pattern's condition in words as the runbook's meaning, unless the declaration gives one. */
function described(alert: AlertBase, words: string): AlertBase {
  return alert.runbook?.meaning ? alert : { ...alert, runbook: { ...alert.runbook, meaning: words } };
}

const number = (n: number) => String(Number(n.toPrecision(12)));
const per = (by: readonly string[] | undefined) => (by && by.length > 0 ? `, per ${by.join(', ')}` : '');

function byClause(by: readonly string[] | undefined): string {
  return by && by.length > 0 ? ` by (${by.join(', ')})` : '';
}

/**
 * Share of failing requests above a threshold:
 * `sum by (...) (rate(errors[w])) / sum by (...) (rate(total[w])) > above`.
 *
 * @example
 * errorRatioAlert({ alert: 'HighErrorRate', errors: 'http_requests_total{code=~"5.."}', total: 'http_requests_total',
 *   above: 0.05, window: '5m', by: ['job'], for: '5m', severity: 'critical', summary: '...' })
 */
export function errorRatioAlert(options: AlertBase & {
  errors: string;
  total: string;
  above: number;
  /** @default '5m' */
  window?: string;
  by?: readonly string[];
}): AlertRuleInput {
  const { errors, total, above, window = '5m', by, ...alert } = options;
  const sum = `sum${byClause(by)}`;
  const words = `More than ${number(above * 100)}% of \`${total}\` are \`${errors}\` (rates over ${window}${per(by)}).`;
  return recordSource({ ...described(alert, words), expr: `${sum} (rate(${errors}[${window}])) / ${sum} (rate(${total}[${window}])) > ${above}` });
}

/**
 * A latency quantile from a classic histogram above a threshold in seconds:
 * `histogram_quantile(q, sum by (le, ...) (rate(h_bucket[w]))) > above`.
 */
export function latencyQuantileAlert(options: AlertBase & {
  /** The histogram's name, without `_bucket`. */
  histogram: string;
  /** Label matchers inside the braces. @example 'job="api"' */
  matchers?: string;
  /** @default 0.95 */
  quantile?: number;
  above: number;
  /** @default '5m' */
  window?: string;
  by?: readonly string[];
}): AlertRuleInput {
  const { histogram, matchers, quantile = 0.95, above, window = '5m', by = [], ...alert } = options;
  const selector = `${histogram}_bucket${matchers ? `{${matchers}}` : ''}`;
  const words = `The ${number(quantile * 100)}th percentile of \`${histogram}\` over ${window} is above ${number(above)} seconds${per(by)}.`;
  return recordSource({ ...described(alert, words), expr: `histogram_quantile(${quantile}, sum by (${['le', ...by].join(', ')}) (rate(${selector}[${window}]))) > ${above}` });
}

/**
 * Exhaustion predicted from the trend: `predict_linear(series[lookback], within) < 0`.
 * @example exhaustionAlert({ alert: 'DiskFullIn4h', series: 'node_filesystem_avail_bytes{fstype!="tmpfs"}', lookback: '6h', within: '4h', ... })
 */
export function exhaustionAlert(options: AlertBase & {
  /** A gauge that reaches zero when the resource is exhausted. */
  series: string;
  lookback: string;
  within: string;
}): AlertRuleInput {
  const { series, lookback, within, ...alert } = options;
  const seconds = (parseDuration(within) ?? 0) / 1000;
  const words = `At the trend of the last ${lookback}, \`${series}\` reaches zero within ${within}.`;
  return recordSource({ ...described(alert, words), expr: `predict_linear(${series}[${lookback}], ${seconds}) < 0` });
}

/**
 * Metrics that stopped arriving: `absent(selector)`. Give `for` at least
 * twice the scrape interval (lint rule alert/absent-for).
 */
export function absentAlert(options: AlertBase & { selector: string }): AlertRuleInput {
  const { selector, ...alert } = options;
  return recordSource({ ...described(alert, `No series matches \`${selector}\`: the metrics stopped arriving.`), expr: `absent(${selector})` });
}

/**
 * Z-score anomaly detection: records the current value and its mean and
 * standard deviation over a baseline window, and alerts when the current value
 * is more than `sigmas` deviations away from the mean.
 *
 * @returns records to put before the alert in a group's `records`, and the alert
 */
export function zScoreAnomaly(options: AlertBase & {
  /** Recording rule name of the current value, level:metric:operation. @example 'job:genesis_requests:rate5m' */
  record: string;
  /** Expression of the current value. */
  expr: string;
  /** @default '1d' */
  baseline?: string;
  sigmas: number;
}): { records: RecordingRuleInput[]; alert: AlertRuleInput } {
  const { record, expr, baseline = '1d', sigmas, ...alert } = options;
  const mean = `${record}_avg_${baseline}`;
  const stddev = `${record}_stddev_${baseline}`;
  return {
    records: [
      recordSource({ record, expr }),
      recordSource({ record: mean, expr: `avg_over_time(${record}[${baseline}])` }),
      recordSource({ record: stddev, expr: `stddev_over_time(${record}[${baseline}])` }),
    ],
    // A flat baseline has no deviation: without the guard, any change divides by zero.
    alert: recordSource({
      ...described(alert, `\`${record}\` is more than ${number(sigmas)} standard deviations away from its mean over the last ${baseline}.`),
      expr: `abs(${record} - ${mean}) / ${stddev} > ${sigmas} and ${stddev} > 0`,
    }),
  };
}
