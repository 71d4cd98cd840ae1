import { closeSync, openSync, writeSync } from 'node:fs';

/** A series as `metric{label="value", ...}`, the way the SLI's sample series are written. */
export interface ParsedSeries {
  readonly metric: string;
  readonly labels: Readonly<Record<string, string>>;
}

export function parseSeries(text: string): ParsedSeries {
  const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)\s*(?:\{(.*)\})?$/.exec(text.trim());
  if (!match) throw new Error(`not a series: ${text}`);
  const labels = Object.fromEntries([...(match[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)\s*=\s*"((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1]!, m[2]!]));
  return { metric: match[1]!, labels };
}

/** What to write: the SLI's counters per instance, and the SLO's recorded 5-minute rates. */
export interface HistorySpec {
  /** Counters of bad, good and all events: the two of them the SLI reads. */
  readonly bad?: ParsedSeries | undefined;
  readonly good?: ParsedSeries | undefined;
  readonly all?: ParsedSeries | undefined;
  /** Each instance has a bad and a good series. */
  readonly instances: number;
  readonly startSeconds: number;
  readonly endSeconds: number;
  readonly scrapeSeconds: number;
  /** Requests per second of one instance, and the share of them that fail. */
  readonly requestsPerSecond: number;
  readonly errorShare: number;
  /** The recorded series the efficient windows sum, at the rule evaluation interval: a Prometheus that has run the rules that long. */
  readonly recorded: { readonly errors: ParsedSeries; readonly total: ParsedSeries; readonly everySeconds: number };
}

const render = (series: ParsedSeries, extra: Readonly<Record<string, string>> = {}) => {
  const labels = Object.entries({ ...series.labels, ...extra }).map(([k, v]) => `${k}="${v}"`).join(',');
  return labels ? `${series.metric}{${labels}}` : series.metric;
};

/** OpenMetrics families are named without a counter's `_total`. */
const family = (metric: string, type: 'counter' | 'gauge') => (type === 'counter' ? metric.replace(/_total$/, '') : metric);

/**
 * Writes the history as OpenMetrics to `path`, a series at a time (millions of
 * lines never sit in memory); returns the number of samples.
 */
export function writeHistory(path: string, spec: HistorySpec): number {
  const fd = openSync(path, 'w');
  let samples = 0;
  const series = (name: string, value: (step: number) => number, every: number) => {
    const lines: string[] = [];
    for (let t = spec.startSeconds, step = 0; t <= spec.endSeconds; t += every, step++) lines.push(`${name} ${value(step)} ${t}`);
    samples += lines.length;
    writeSync(fd, `${lines.join('\n')}\n`);
  };
  try {
    const perScrape = spec.requestsPerSecond * spec.scrapeSeconds;
    const badPerScrape = perScrape * spec.errorShare;
    const instance = (i: number) => ({ instance: `bench-${String(i).padStart(5, '0')}` });
    const counters = [{ series: spec.bad, inc: badPerScrape }, { series: spec.good, inc: perScrape - badPerScrape }, { series: spec.all, inc: perScrape }]
      .flatMap(({ series, inc }) => (series ? [{ series, inc }] : []));
    for (const metric of [...new Set(counters.map((c) => c.series.metric))]) {
      writeSync(fd, `# TYPE ${family(metric, 'counter')} counter\n`);
      for (const { series: s, inc } of counters.filter((c) => c.series.metric === metric)) {
        for (let i = 0; i < spec.instances; i++) series(render(s, instance(i)), (step) => Math.round(step * inc * 1000) / 1000, spec.scrapeSeconds);
      }
    }
    const { errors, total, everySeconds } = spec.recorded;
    const rate = spec.instances * spec.requestsPerSecond;
    for (const [s, value] of [[errors, rate * spec.errorShare], [total, rate]] as const) {
      writeSync(fd, `# TYPE ${family(s.metric, 'gauge')} gauge\n`);
      series(render(s), () => value, everySeconds);
    }
    writeSync(fd, '# EOF\n');
  } finally {
    closeSync(fd);
  }
  return samples;
}
