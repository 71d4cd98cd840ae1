/**
 * PromQL's functions as data: argument types, how many trailing arguments may
 * be left out or repeated, the result, and the first Prometheus release that
 * has them. The signatures follow Prometheus' promql/parser/functions.go;
 * `test/promql-types.test.ts` calls each function against the installed
 * promtool (2.42), so every `since` at or before 2.42 and every one after it
 * is checked by the real parser.
 */
export type ValueType = 'vector' | 'matrix' | 'scalar' | 'string';

export interface FunctionSignature {
  readonly args: readonly ValueType[];
  /** Trailing arguments that may be left out (1), or repeated without bound (-1, the last type). */
  readonly variadic?: 1 | -1 | number;
  readonly returns: ValueType;
  /** The first release that has it. @default '2.0.0' */
  readonly since?: string;
  /** The last release that has it, for functions 3.0 removed. */
  readonly until?: string;
  /** Behind --enable-feature=promql-experimental-functions where Prometheus has it. */
  readonly experimental?: true;
}

const v = 'vector';
const m = 'matrix';
const s = 'scalar';
const str = 'string';

const math = ['abs', 'ceil', 'exp', 'floor', 'ln', 'log10', 'log2', 'sgn', 'sqrt', 'sort', 'sort_desc', 'timestamp', 'absent'] as const;
const trig = ['acos', 'acosh', 'asin', 'asinh', 'atan', 'atanh', 'cos', 'cosh', 'sin', 'sinh', 'tan', 'tanh', 'deg', 'rad'] as const;
const overTime = [
  'absent_over_time', 'avg_over_time', 'changes', 'count_over_time', 'delta', 'deriv', 'idelta', 'increase', 'irate', 'last_over_time',
  'max_over_time', 'min_over_time', 'present_over_time', 'rate', 'resets', 'stddev_over_time', 'stdvar_over_time', 'sum_over_time',
] as const;
const calendar = ['day_of_month', 'day_of_week', 'days_in_month', 'hour', 'minute', 'month', 'year'] as const;

export const functions: Readonly<Record<string, FunctionSignature>> = {
  ...Object.fromEntries(math.map((name) => [name, { args: [v], returns: v }])),
  ...Object.fromEntries(trig.map((name) => [name, { args: [v], returns: v, since: '2.26.0' }])),
  ...Object.fromEntries(overTime.map((name) => [name, { args: [m], returns: v }])),
  ...Object.fromEntries(calendar.map((name) => [name, { args: [v], variadic: 1, returns: v }])),
  last_over_time: { args: [m], returns: v, since: '2.26.0' },
  present_over_time: { args: [m], returns: v, since: '2.29.0' },
  clamp: { args: [v, s, s], returns: v, since: '2.26.0' },
  clamp_max: { args: [v, s], returns: v },
  clamp_min: { args: [v, s], returns: v },
  histogram_quantile: { args: [s, v], returns: v },
  histogram_count: { args: [v], returns: v, since: '2.40.0' },
  histogram_sum: { args: [v], returns: v, since: '2.40.0' },
  histogram_fraction: { args: [s, s, v], returns: v, since: '2.40.0' },
  histogram_stddev: { args: [v], returns: v, since: '2.50.0' },
  histogram_stdvar: { args: [v], returns: v, since: '2.50.0' },
  histogram_avg: { args: [v], returns: v, since: '2.53.0' },
  holt_winters: { args: [m, s, s], returns: v, until: '2.55.1' },
  double_exponential_smoothing: { args: [m, s, s], returns: v, since: '3.0.0', experimental: true },
  label_replace: { args: [v, str, str, str, str], returns: v },
  label_join: { args: [v, str, str, str], variadic: -1, returns: v },
  pi: { args: [], returns: s, since: '2.26.0' },
  predict_linear: { args: [m, s], returns: v },
  quantile_over_time: { args: [s, m], returns: v },
  round: { args: [v, s], variadic: 1, returns: v },
  scalar: { args: [v], returns: s },
  time: { args: [], returns: s },
  vector: { args: [s], returns: v },
  mad_over_time: { args: [m], returns: v, since: '2.52.0', experimental: true },
  sort_by_label: { args: [v, str], variadic: -1, returns: v, since: '2.51.0', experimental: true },
  sort_by_label_desc: { args: [v, str], variadic: -1, returns: v, since: '2.51.0', experimental: true },
  info: { args: [v, v], variadic: 1, returns: v, since: '3.0.0', experimental: true },
};

/** Aggregation operators: the parameter before the vector, if any. */
export const aggregations: Readonly<Record<string, { readonly param?: ValueType; readonly since?: string; readonly experimental?: true }>> = {
  sum: {}, avg: {}, count: {}, min: {}, max: {}, group: { since: '2.20.0' }, stddev: {}, stdvar: {},
  topk: { param: s }, bottomk: { param: s }, quantile: { param: s }, count_values: { param: str },
  limitk: { param: s, since: '2.54.0', experimental: true }, limit_ratio: { param: s, since: '2.54.0', experimental: true },
};

/** How Prometheus names a type in its messages. */
export const typeName: Readonly<Record<ValueType, string>> = { vector: 'instant vector', matrix: 'range vector', scalar: 'scalar', string: 'string' };
