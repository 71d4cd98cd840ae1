/**
 * Pyrra `ServiceLevelObjective` objects (pyrra.dev/v1alpha1) into
 * `defineSlo`: its indicator as the language's SLI, its window as the
 * period, its four burn-rate tiers as Pyrra computes them for that window
 * (factors 14, 7, 2 and 1), its absent alert as `noDataFor`, and its
 * `pyrra.dev/` labels and annotations.
 */
import { formatDuration, parseDuration } from '../../../schemas/duration.ts';
import type { ImportOptions, Imported } from '../model.ts';
import { Findings, isRecord, kebab, type InputDocument, type Path } from '../source.ts';
import { addSlo, stringMap } from './common.ts';
import { latencyOf, type MappedSli } from './sli.ts';
import { parsePromql } from '../../../generators/promql/parse.ts';

export function isPyrraSlo(value: unknown): boolean {
  return isRecord(value) && value.apiVersion === 'pyrra.dev/v1alpha1' && value.kind === 'ServiceLevelObjective';
}

const MINUTE = 60_000;
const REFERENCE = 28 * 86_400_000;

/**
 * Pyrra's tiers for a window (its slo/rules.go Windows): at 28 days 5m/1h
 * for 2m at 14x, 30m/6h for 15m at 7x, 2h/1d for 1h at 2x and 6h/4d for 3h
 * at 1x, scaled with the window and rounded to the minute. The first two
 * page (critical), the last two open tickets (warning), as in the language.
 */
export function pyrraTiers(periodMs: number): Record<'fastPage' | 'slowPage' | 'fastTicket' | 'slowTicket', { longWindow: string; shortWindow: string; burnRate: number; for: string }> {
  const at = (ms28: number) => formatDuration(Math.max(MINUTE, Math.round((ms28 * periodMs) / REFERENCE / MINUTE) * MINUTE));
  const tier = (factor: number, short: string, long: string, forDuration: string) => {
    const longWindow = at(parseDuration(long)!);
    return { longWindow, shortWindow: at(parseDuration(short)!), burnRate: factor, for: at(parseDuration(forDuration)!) };
  };
  return {
    fastPage: tier(14, '5m', '1h', '2m'),
    slowPage: tier(7, '30m', '6h', '15m'),
    fastTicket: tier(2, '2h', '1d', '1h'),
    slowTicket: tier(1, '6h', '4d', '3h'),
  };
}

/** Pyrra's absent-alert `for` (slo.go AbsentDuration): the fast tier's budget time plus its `for`, to the minute. */
function absentFor(target: number, periodMs: number): string {
  const fast = pyrraTiers(periodMs).fastPage;
  const ms = 14 * (1 - target) * parseDuration(fast.longWindow)! + parseDuration(fast.for)!;
  return formatDuration(Math.max(MINUTE, Math.round(ms / MINUTE) * MINUTE));
}

const equalities = (selector: string) => parsePromql(selector).selectors[0]?.matchers.filter((m) => m.label !== '__name__');

/** The SLI of an indicator, or the problem with it. */
function indicatorSli(indicator: Record<string, unknown>): MappedSli | { problem: string; field: string } {
  const metric = (leaf: unknown) => (isRecord(leaf) && typeof leaf.metric === 'string' ? leaf.metric.trim() : undefined);
  const plain = (selector: string | undefined) => {
    const parsed = selector === undefined ? undefined : parsePromql(selector);
    return parsed && !parsed.error && parsed.selectors.length === 1 && parsed.selectors[0]!.text === selector && parsed.selectors[0]!.rangeMs === undefined;
  };
  const grouping = (value: unknown) => {
    const labels = Array.isArray(value) ? value.map(String).sort() : [];
    return labels.length > 0 ? labels : undefined;
  };
  if (isRecord(indicator.ratio)) {
    const [errors, total] = [metric(indicator.ratio.errors), metric(indicator.ratio.total)];
    if (!plain(errors) || !plain(total)) return { problem: 'errors.metric and total.metric must each be one vector selector, as Pyrra requires', field: 'ratio' };
    return { sli: { events: { errors, total } }, groupBy: grouping(indicator.ratio.grouping) };
  }
  if (isRecord(indicator.latency)) {
    const [success, total] = [metric(indicator.latency.success), metric(indicator.latency.total)];
    if (!plain(success) || !plain(total)) return { problem: 'success.metric and total.metric must each be one vector selector, as Pyrra requires', field: 'latency' };
    const latency = latencyOf(success!, total!);
    return { sli: latency ? { latency } : { events: { good: success, total } }, groupBy: grouping(indicator.latency.grouping) };
  }
  if (isRecord(indicator.bool_gauge)) {
    const gauge = metric(indicator.bool_gauge);
    const [selector] = gauge && plain(gauge) ? parsePromql(gauge).selectors : [];
    const matchers = gauge ? equalities(gauge) : undefined;
    if (!selector?.metric || !matchers || matchers.some((m) => m.op !== '=')) {
      return { problem: 'a bool_gauge maps onto an availability SLI, which takes a metric with equality matchers only', field: 'bool_gauge' };
    }
    const byLabel = Object.fromEntries(matchers.map((m) => [m.label, m.value]));
    return { sli: { availability: { metric: selector.metric, ...(matchers.length > 0 ? { matchers: byLabel } : {}) } }, groupBy: grouping(indicator.bool_gauge.grouping) };
  }
  if (isRecord(indicator.latencyNative)) {
    return { problem: 'a native-histogram latency SLI is not in the language yet: its scenario tests need native-histogram series, which promtool 2.42 cannot write; declare a classic histogram latency SLI', field: 'latencyNative' };
  }
  return { problem: `the indicator ${Object.keys(indicator)[0] ?? '(none)'} is not one Pyrra defines (ratio, latency, latencyNative, bool_gauge)`, field: Object.keys(indicator)[0] ?? '' };
}

const defaultSeverities: Readonly<Record<string, string>> = { fastBurn: 'critical', mediumBurn: 'critical', slowBurn: 'warning', longTermBurn: 'warning', absent: 'critical' };

export function importPyrra(doc: InputDocument, _options: ImportOptions, into: Imported): void {
  const found = new Findings(doc);
  const value = doc.value as Record<string, unknown>;
  const metadata = isRecord(value.metadata) ? value.metadata : {};
  const spec = isRecord(value.spec) ? value.spec : {};
  const name = String(metadata.name ?? '');
  const subject = `slo ${JSON.stringify(name)}`;
  const labels = stringMap(metadata.labels);
  const prefixed = (map: Record<string, string>) => Object.fromEntries(Object.entries(map).filter(([k]) => k.startsWith('pyrra.dev/')).map(([k, v]) => [k.slice('pyrra.dev/'.length), v]));
  const { team, service: serviceLabel, ...ruleLabels } = prefixed(labels);
  const service = serviceLabel ?? labels['app.kubernetes.io/name'] ?? (typeof metadata.namespace === 'string' ? metadata.namespace : name);
  const target = Number(spec.target);
  if (!Number.isFinite(target) || target <= 0 || target >= 100) {
    found.error('import/pyrra', ['spec', 'target'], subject, `target ${JSON.stringify(spec.target)} must be a percentage above 0 and below 100 (a 100% objective leaves no error budget)`);
  } else if (target < 1) {
    found.warning('import/pyrra', ['spec', 'target'], subject, `target ${String(spec.target)} is read as ${target}%, as Pyrra reads it; write 99.9 for 99.9%`);
  }
  const periodMs = typeof spec.window === 'string' ? parseDuration(spec.window) : undefined;
  if (!periodMs) found.error('import/pyrra', ['spec', 'window'], subject, `window ${JSON.stringify(spec.window)} must be a Prometheus duration such as 28d`);
  const sli = isRecord(spec.indicator) ? indicatorSli(spec.indicator) : { problem: 'the indicator is missing', field: '' };
  if ('problem' in sli) found.error('import/pyrra', ['spec', 'indicator', ...(sli.field ? [sli.field] : [])], subject, sli.problem);
  const alerting = isRecord(spec.alerting) ? spec.alerting : {};
  const burnrates = alerting.burnrates !== false && alerting.disabled !== true;
  const absent = alerting.absent !== false;
  const alert = typeof alerting.name === 'string' ? alerting.name : 'ErrorBudgetBurn';
  if (!/^[A-Z][A-Za-z0-9]*$/.test(alert)) found.warning('import/renamed', ['spec', 'alerting', 'name'], subject, `${alert} is not a PascalCase alert name; the alerts take the language's default name`);
  if (typeof alerting.absentName === 'string') found.warning('import/renamed', ['spec', 'alerting', 'absentName'], subject, `the no-data alert is named <Id>NoData in the language, not ${alerting.absentName}`);
  for (const [tier, severity] of Object.entries(stringMap(alerting.severities))) {
    if (defaultSeverities[tier] !== severity) found.warning('import/dropped', ['spec', 'alerting', 'severities', tier], subject, `severity ${severity} for ${tier}: the language pages (critical) for the fast and medium tiers, opens tickets (warning) for the slow ones and warns for no data; left out`);
  }
  for (const field of ['partial_response_strategy', 'ruleOutput', 'performanceOverAccuracy'] as const) {
    if (spec[field] !== undefined) found.warning('import/dropped', ['spec', field], subject, `${field} is how Pyrra writes its rules, not what the SLO means; left out (the project's slo.longWindows chooses how windows are computed)`);
  }
  const annotations = prefixed(stringMap(metadata.annotations));
  for (const key of Object.keys(annotations).filter((k) => annotations[k]!.includes('{{'))) {
    found.warning('import/dropped', ['metadata', 'annotations', `pyrra.dev/${key}`], subject, `the annotation ${key} is a template, which the SLO's scenario tests cannot expect; left out`);
    delete annotations[key];
  }
  into.diagnostics.push(...found.diagnostics);
  if ('problem' in sli || !periodMs || !(target > 0 && target < 100)) return;
  const path: Path = ['spec'];
  addSlo(into, doc, service, path, team, {
    id: kebab(name),
    description: typeof spec.description === 'string' && spec.description !== '' ? spec.description : undefined,
    objective: target,
    period: spec.window === '30d' ? undefined : spec.window,
    sli: sli.sli,
    groupBy: sli.groupBy,
    labels: Object.keys(ruleLabels).length > 0 ? ruleLabels : undefined,
    alert: /^[A-Z][A-Za-z0-9]*$/.test(alert) ? alert : undefined,
    alerting: Object.keys(annotations).length > 0 ? { annotations } : undefined,
    tiers: burnrates ? pyrraTiers(periodMs) : { fastPage: false, slowPage: false, fastTicket: false, slowTicket: false },
    noDataFor: absent ? absentFor(target / 100, periodMs) : undefined,
  });
  into.converted.push(`${doc.file}: Pyrra SLO ${name} -> service ${kebab(service)}`);
}
