/**
 * OpenSLO `SLO` documents (v1, and v1alpha as Sloth reads it) into
 * `defineSlo`, one per objective. The indicator is inline or an `SLI` of any
 * imported file (`indicatorRef`); its `ratioMetric` (good, bad or raw over
 * total) becomes the language's SLI. Queries are Prometheus selectors, or
 * queries that write Sloth's `{{.window}}` where the window goes (OpenSLO
 * itself has no window placeholder). What the language cannot say yet is a
 * diagnostic naming the field.
 */
import type { ImportOptions, Imported } from '../model.ts';
import { tiersOfPolicies, type PolicyDocs } from './openslo-alerts.ts';
import { Findings, isRecord, kebab, type InputDocument, type Path } from '../source.ts';
import { addSlo } from './common.ts';
import { rawSliOf, topLevelGrouping, sliOf, toLanguage, type Mapped, type MappedSli } from './sli.ts';
import { parsePromql } from '../../../generators/promql/parse.ts';
import { instantiate } from '../../../generators/model/slo/expressions.ts';
import { OPENSLO_OP } from '../../export/openslo.ts';
import { fixedTimeZone, WINDOW_PLACEHOLDER } from '../../../schemas/slo.ts';

export function isOpenSlo(value: unknown): boolean {
  return isRecord(value) && typeof value.apiVersion === 'string' && /^openslo\/v1(alpha)?$/.test(value.apiVersion)
    && ['SLO', 'SLI', 'DataSource', 'Service', 'AlertPolicy', 'AlertCondition', 'AlertNotificationTarget'].includes(String(value.kind));
}

/** OpenSLO's duration-shorthand as a Prometheus duration: minutes, hours, days and weeks have the same letters; months, quarters and years have no fixed length. */
function periodOf(shorthand: unknown): string | undefined {
  const found = typeof shorthand === 'string' ? /^([1-9]\d*)([mhdw])$/.exec(shorthand) : null;
  return found ? `${found[1]}${found[2]}` : undefined;
}

/**
 * A calendar-aligned window as the language's calendar period: one month
 * (`1M`) or one week (`1w`), starting on the 1st at midnight or on a Monday at
 * midnight, in UTC or a fixed-offset zone (Etc/GMT±N).
 */
function calendarOf(window: Record<string, unknown>, alpha: boolean): { calendar: { unit: 'month' | 'week'; timeZone?: string } } | { problem: string; field: string[] } {
  const alphaUnit = alpha && window.count === 1 ? ({ month: 'month', week: 'week' } as Record<string, 'month' | 'week'>)[String(window.unit).toLowerCase()] : undefined;
  const unit = alphaUnit ?? ({ '1M': 'month', '1w': 'week' } as Record<string, 'month' | 'week'>)[String(window.duration)];
  if (!unit) return { problem: `a calendar window of ${JSON.stringify(window.duration ?? `${String(window.count)} ${String(window.unit)}`)} is not one month (1M) or one week (1w), the calendar periods the language has`, field: [] };
  const calendar = isRecord(window.calendar) ? window.calendar : {};
  const zone = calendar.timeZone === undefined ? 'UTC' : String(calendar.timeZone);
  if (!fixedTimeZone.safeParse(zone).success) {
    return { problem: `the time zone ${zone} has daylight saving or is not a fixed-offset zone: the rules add a fixed offset (UTC, or Etc/GMT-2 for two hours ahead)`, field: ['calendar', 'timeZone'] };
  }
  const start = typeof calendar.startTime === 'string' ? /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(calendar.startTime) : null;
  if (calendar.startTime !== undefined) {
    const day = start ? new Date(Date.UTC(Number(start[1]), Number(start[2]) - 1, Number(start[3]))) : undefined;
    const midnight = start && start[4] === '00' && start[5] === '00' && start[6] === '00';
    const aligned = day && midnight && (unit === 'month' ? day.getUTCDate() === 1 : day.getUTCDay() === 1);
    if (!aligned) return { problem: `the calendar starts at ${JSON.stringify(calendar.startTime)}: a ${unit} here starts ${unit === 'month' ? 'on the 1st' : 'on a Monday'} at 00:00:00`, field: ['calendar', 'startTime'] };
  }
  return { calendar: { unit, ...(zone === 'UTC' ? {} : { timeZone: zone }) } };
}

interface Named {
  readonly doc: InputDocument;
  readonly spec: Record<string, unknown>;
  /** The document's metadata.annotations. */
  readonly annotations?: Record<string, unknown> | undefined;
}

/** The scenario sample `monac export openslo` writes as annotations of an SLI, if any. */
function sampleOf(annotations: Record<string, unknown> | undefined): { good: string; bad: string } | undefined {
  const [good, bad] = [annotations?.['monac.dev/sample-good'], annotations?.['monac.dev/sample-bad']];
  return typeof good === 'string' && typeof bad === 'string' ? { good, bad } : undefined;
}

/** The query of a ratio's leaf: `metricSource.spec.query` (v1) or `query` (v1alpha), with its source's type. */
function leafQuery(leaf: unknown, sources: ReadonlyMap<string, Named>): { query?: string; problem?: string } {
  if (!isRecord(leaf)) return {};
  if (typeof leaf.query === 'string') {
    const source = String(leaf.source ?? 'prometheus').toLowerCase();
    return source === 'prometheus' || source === 'sloth' ? { query: leaf.query } : { problem: `reads from ${String(leaf.source)}, not Prometheus` };
  }
  const metricSource = isRecord(leaf.metricSource) ? leaf.metricSource : undefined;
  if (!metricSource) return {};
  const ref = typeof metricSource.metricSourceRef === 'string' ? sources.get(metricSource.metricSourceRef) : undefined;
  const type = String(metricSource.type ?? ref?.spec.type ?? 'Prometheus');
  if (type.toLowerCase() !== 'prometheus') return { problem: `reads from ${type}, not Prometheus` };
  const spec = isRecord(metricSource.spec) ? metricSource.spec : {};
  const query = spec.query ?? spec.promql;
  return typeof query === 'string' ? { query } : { problem: 'has no metricSource.spec.query' };
}

/** An SLI's ratio metric and its field: `ratioMetric`, or `ratioMetrics` as the v1alpha README (and Sloth's reader) spells it. */
function ratioMetricOf(spec: Record<string, unknown>): { ratio?: Record<string, unknown>; field: 'ratioMetric' | 'ratioMetrics' } {
  if (isRecord(spec.ratioMetric)) return { ratio: spec.ratioMetric, field: 'ratioMetric' };
  return { ratio: isRecord(spec.ratioMetrics) ? spec.ratioMetrics : undefined, field: 'ratioMetrics' };
}

/** The language's SLI for an OpenSLO SLI spec, or the problem and the field it is in. */
function sliOfSpec(spec: Record<string, unknown>, sources: ReadonlyMap<string, Named>, sample: { good: string; bad: string } | undefined): Mapped & { field?: string } {
  if (isRecord(spec.thresholdMetric)) return { problem: 'a thresholdMetric SLI has no events to count: it takes budgetingMethod Timeslices', field: 'thresholdMetric' };
  const { ratio, field } = ratioMetricOf(spec);
  if (!ratio) return { problem: 'the SLI has neither ratioMetric nor thresholdMetric', field: '' };
  if (ratio.raw !== undefined) {
    const raw = leafQuery(ratio.raw, sources);
    if (raw.problem || raw.query === undefined) return { problem: `the raw ratio ${raw.problem ?? 'has no query'}`, field };
    if (ratio.rawType !== 'success' && ratio.rawType !== 'failure') return { problem: `rawType must be success or failure, got ${JSON.stringify(ratio.rawType)}`, field };
    return { ...rawSliOf(ratio.rawType === 'success' ? 'successRatio' : 'errorRatio', toLanguage(raw.query), sample), field };
  }
  if (ratio.counter === false) return { problem: 'counter: false means the good, bad and total series are not counters, and the language takes rates of counters', field };
  const counts = ratio.good !== undefined ? 'good' : 'errors';
  const [numerator, total] = [leafQuery(ratio.good ?? ratio.bad, sources), leafQuery(ratio.total, sources)];
  for (const [name, leaf] of [[counts === 'good' ? 'good' : 'bad', numerator], ['total', total]] as const) {
    if (leaf.problem || leaf.query === undefined) return { problem: `the ${name} metric ${leaf.problem ?? 'is missing'}`, field };
  }
  return { ...sliOf(counts, toLanguage(numerator.query!), toLanguage(total.query!), sample), field };
}

/** OpenSLO's objective `op` as PromQL's comparison: the export's table read backwards. */
const OPS = Object.fromEntries(Object.entries(OPENSLO_OP).map(([promql, openslo]) => [openslo, promql])) as Readonly<Record<string, keyof typeof OPENSLO_OP>>;

/** A leaf's query as a term of a ratio over the slice: a selector's rate over `$window`, or a query that writes `$window` itself. */
function overSlice(query: string): string | undefined {
  const text = toLanguage(query).trim();
  if (text.includes(WINDOW_PLACEHOLDER)) return `(${text})`;
  const parsed = parsePromql(text);
  const [selector] = parsed.selectors;
  return !parsed.error && parsed.selectors.length === 1 && selector !== undefined && selector.rangeMs === undefined && selector.text === text ? `sum(rate(${text}[${WINDOW_PLACEHOLDER}]))` : undefined;
}

/**
 * An OpenSLO `Timeslices` objective as a time-slice SLI. A thresholdMetric
 * whose query writes the window is judged on its value over the slice. One
 * that gives raw points is judged as OpenSLO says, on the share of the
 * slice's points that meet the objective's op and value (timeSliceTarget, 1
 * by default): a subquery over the slice at the evaluation interval, and for
 * a target of 1 its worst point. A ratioMetric slice is good when its
 * success ratio over the slice reaches timeSliceTarget.
 */
function slicesOfSpec(spec: Record<string, unknown>, objective: Record<string, unknown>, sources: ReadonlyMap<string, Named>): (MappedSli & { field?: undefined }) | { problem: string; field: string; inObjective?: boolean } {
  const window = objective.timeSliceWindow;
  const slice = typeof window === 'number' && Number.isInteger(window) && window > 0 ? `${window}m` : periodOf(window);
  if (!slice) return { problem: `timeSliceWindow ${JSON.stringify(window)} must be whole minutes (a number) or a duration such as 1m`, field: 'timeSliceWindow', inObjective: true };
  const target = objective.timeSliceTarget ?? (isRecord(spec.thresholdMetric) ? 1 : undefined);
  if (typeof target !== 'number' || !(target > 0 && target <= 1)) return { problem: `timeSliceTarget must be a number above 0 and at most 1, got ${JSON.stringify(target)}`, field: 'timeSliceTarget', inObjective: true };
  if (isRecord(spec.thresholdMetric)) {
    const op = OPS[String(objective.op)];
    if (!op || typeof objective.value !== 'number') return { problem: `a threshold objective needs op (lt, lte, gt, gte) and a number value, got op ${JSON.stringify(objective.op)} and value ${JSON.stringify(objective.value)}`, field: 'op', inObjective: true };
    const leaf = leafQuery(spec.thresholdMetric, sources);
    if (leaf.problem || leaf.query === undefined) return { problem: `the threshold metric ${leaf.problem ?? 'has no query'}`, field: 'thresholdMetric' };
    const query = toLanguage(leaf.query).trim();
    const sample = instantiate(query, '1m');
    const parsed = parsePromql(sample);
    if (parsed.error) return { problem: `the threshold query is not valid PromQL: ${parsed.error.message} at column ${parsed.error.column}`, field: 'thresholdMetric' };
    const groupBy = topLevelGrouping(sample);
    const mapped = (sli: Record<string, unknown>) => ({ sli: { timeslices: { slice, ...sli } }, groupBy: groupBy.length > 0 ? groupBy : undefined });
    if (query.includes(WINDOW_PLACEHOLDER)) {
      if (target !== 1) return { problem: `a query over the slice ({{.window}}) gives one value per slice, so timeSliceTarget must be 1, got ${target}`, field: 'timeSliceTarget', inObjective: true };
      return mapped({ query, op, threshold: objective.value });
    }
    if (target === 1) return mapped({ query: `${op.startsWith('<') ? 'max' : 'min'}_over_time((${query})[${WINDOW_PLACEHOLDER}:])`, op, threshold: objective.value });
    return mapped({ query: `avg_over_time(((${query}) ${op} bool ${objective.value})[${WINDOW_PLACEHOLDER}:])`, op: '>=', threshold: target });
  }
  const { ratio, field } = ratioMetricOf(spec);
  if (!ratio) return { problem: 'the SLI has neither ratioMetric nor thresholdMetric', field: '' };
  const term = (leafValue: unknown, name: string): string | { problem: string } => {
    const leaf = leafQuery(leafValue, sources);
    if (leaf.problem || leaf.query === undefined) return { problem: `the ${name} metric ${leaf.problem ?? 'is missing'}` };
    return overSlice(leaf.query) ?? { problem: `the ${name} query is neither a selector nor a query with {{.window}} where the slice goes` };
  };
  const parts = ratio.raw !== undefined ? [term(ratio.raw, 'raw')] : [term(ratio.good ?? ratio.bad, ratio.good !== undefined ? 'good' : 'bad'), term(ratio.total, 'total')];
  const problem = parts.find((p): p is { problem: string } => typeof p !== 'string');
  if (problem) return { ...problem, field };
  const [first, second] = parts as string[];
  const success = ratio.raw !== undefined ? (ratio.rawType === 'failure' ? `1 - ${first}` : first!)
    : ratio.good !== undefined ? `${first} / ${second}` : `1 - ${first} / ${second}`;
  return { sli: { timeslices: { slice, query: success, op: '>=', threshold: target } } };
}

/** OpenSLO: SLIs and data sources are read first (for the references), then each SLO, one per objective. */
export function importOpenSlo(docs: readonly InputDocument[], options: ImportOptions, into: Imported): void {
  const slis = new Map<string, Named>();
  const sources = new Map<string, Named>();
  const policies = { policies: new Map<string, Record<string, unknown>>(), conditions: new Map<string, Record<string, unknown>>() };
  for (const doc of docs) {
    const v = doc.value as Record<string, unknown>;
    if (!isRecord(v.metadata) || !isRecord(v.spec)) continue;
    if (v.kind === 'SLI') slis.set(String(v.metadata.name), { doc, spec: v.spec, annotations: isRecord(v.metadata.annotations) ? v.metadata.annotations : undefined });
    if (v.kind === 'DataSource') sources.set(String(v.metadata.name), { doc, spec: v.spec });
    if (v.kind === 'AlertPolicy') policies.policies.set(String(v.metadata.name), v.spec);
    if (v.kind === 'AlertCondition') policies.conditions.set(String(v.metadata.name), v.spec);
  }
  for (const doc of docs) {
    const v = doc.value as Record<string, unknown>;
    const name = isRecord(v.metadata) ? String(v.metadata.name) : doc.file;
    if (v.kind !== 'SLO') {
      into.converted.push(`${doc.file}: OpenSLO ${String(v.kind)} ${name}${['SLI', 'DataSource', 'AlertPolicy', 'AlertCondition'].includes(String(v.kind)) ? '' : ' (not an SLO; read for reference only)'}`);
      continue;
    }
    importSlo(doc, v, name, { slis, sources, policies, options }, into);
  }
}

interface Context {
  readonly slis: ReadonlyMap<string, Named>;
  readonly sources: ReadonlyMap<string, Named>;
  readonly policies: PolicyDocs;
  readonly options: ImportOptions;
}

function importSlo(doc: InputDocument, v: Record<string, unknown>, name: string, { slis, sources, policies, options }: Context, into: Imported): void {
  const found = new Findings(doc);
  const subject = `slo ${JSON.stringify(name)}`;
  const spec = isRecord(v.spec) ? v.spec : {};
  const alpha = v.apiVersion === 'openslo/v1alpha';
  const method = spec.budgetingMethod;
  if (method === 'RatioTimeslices') {
    found.error('import/openslo-budgeting', ['spec', 'budgetingMethod'], subject, 'RatioTimeslices averages the slices\' ratios, which the language does not express: it counts events (Occurrences) or good slices (Timeslices)');
  } else if (method !== 'Occurrences' && method !== 'Timeslices') {
    found.error('import/openslo-budgeting', ['spec', 'budgetingMethod'], subject, `budgetingMethod must be Occurrences or Timeslices, got ${JSON.stringify(method)}`);
  }
  // v1: timeWindow[{ duration, isRolling, calendar }]; v1alpha: timeWindows[{ unit, count, isRolling, calendar }].
  const windows = Array.isArray(spec.timeWindow) ? spec.timeWindow : Array.isArray(spec.timeWindows) ? spec.timeWindows : [];
  const windowField = Array.isArray(spec.timeWindow) ? 'timeWindow' : 'timeWindows';
  const window = isRecord(windows[0]) ? windows[0] : undefined;
  const alphaUnits: Readonly<Record<string, string>> = { minute: 'm', hour: 'h', day: 'd', week: 'w' };
  const period = !window ? '30d'
    : alpha && typeof window.count === 'number' ? (alphaUnits[String(window.unit).toLowerCase()] ? `${window.count}${alphaUnits[String(window.unit).toLowerCase()]}` : undefined)
      : periodOf(window.duration);
  const calendarWindow = window && (window.isRolling === false || window.calendar !== undefined) ? calendarOf(window, alpha) : undefined;
  if (calendarWindow && 'problem' in calendarWindow) {
    found.error('import/openslo-window', ['spec', windowField, 0, ...calendarWindow.field], subject, calendarWindow.problem);
  } else if (!calendarWindow && !period) {
    found.error('import/openslo-window', ['spec', windowField, 0], subject, `the time window ${JSON.stringify(window?.duration ?? `${String(window?.count)} ${String(window?.unit)}`)} must be minutes, hours, days or weeks (such as 28d or 4w): a month, quarter or year has no fixed length in a rolling window`);
  }
  const alerting = tiersOfPolicies(spec, policies, options, found, subject);
  const indicatorOf = (holder: Record<string, unknown>, path: Path): { spec?: Record<string, unknown>; annotations?: Record<string, unknown> | undefined; path: Path; problem?: string } => {
    if (isRecord(holder.indicator)) {
      const annotations = isRecord(holder.indicator.metadata) && isRecord(holder.indicator.metadata.annotations) ? holder.indicator.metadata.annotations : undefined;
      return isRecord(holder.indicator.spec) ? { spec: holder.indicator.spec, annotations, path: [...path, 'indicator', 'spec'] } : { spec: holder.indicator, path: [...path, 'indicator'] };
    }
    if (typeof holder.indicatorRef === 'string') {
      const sli = slis.get(holder.indicatorRef);
      return sli ? { spec: sli.spec, annotations: sli.annotations, path: [...path, 'indicatorRef'] } : { path: [...path, 'indicatorRef'], problem: `the indicator ${JSON.stringify(holder.indicatorRef)} is not among the imported SLIs` };
    }
    return { path, problem: 'the indicator is missing' };
  };
  const shared = indicatorOf(spec, ['spec']);
  const objectives = Array.isArray(spec.objectives) ? spec.objectives.filter(isRecord) : [];
  if (objectives.length === 0) found.error('import/openslo-objective', ['spec', 'objectives'], subject, 'an SLO needs at least one objective');
  const service = String(spec.service ?? name);
  const labels = isRecord(v.metadata) && isRecord(v.metadata.labels) ? v.metadata.labels : {};
  const team = typeof labels.team === 'string' ? labels.team : Array.isArray(labels.team) ? String(labels.team[0]) : undefined;
  // Other labels go on the SLO's rules; a list value (OpenSLO allows them) has no single label value.
  const ruleLabels = Object.fromEntries(Object.entries(labels).filter(([k, value]) => k !== 'team' && typeof value === 'string' && /^[a-zA-Z_][a-zA-Z0-9_]*$/.test(k) && !k.startsWith('__')));
  for (const [k, value] of Object.entries(labels).filter(([k, value]) => k !== 'team' && !(k in ruleLabels))) {
    found.warning('import/dropped', ['metadata', 'labels', k], subject, `the label ${k}: ${JSON.stringify(value)} is ${typeof value === 'string' ? 'not a Prometheus label name' : 'a list, not one value'}; left out`);
  }
  let count = 0;
  objectives.forEach((objective, i) => {
    const at: Path = ['spec', 'objectives', i];
    // v1alpha keeps the ratio in the objective; a composite v1 SLO keeps an indicator there.
    const own = alpha && (isRecord(objective.ratioMetrics) || isRecord(objective.ratioMetric)) ? { spec: objective, path: at }
      : objective.indicator !== undefined || objective.indicatorRef !== undefined ? indicatorOf(objective, at) : shared;
    if (own.problem || !own.spec) {
      found.error('import/openslo-ref', own.path, subject, own.problem ?? 'the indicator is missing');
      return;
    }
    const sli = method === 'Timeslices' ? slicesOfSpec(own.spec, objective, sources) : sliOfSpec(own.spec, sources, sampleOf('annotations' in own ? own.annotations : undefined));
    if ('problem' in sli) {
      const inObjective = 'inObjective' in sli && sli.inObjective;
      found.error('import/openslo-sli', [...(inObjective ? at : own.path), ...(sli.field ? [sli.field] : [])], subject, sli.problem);
      return;
    }
    const percent = typeof objective.targetPercent === 'number' ? objective.targetPercent : typeof objective.target === 'number' ? objective.target * 100 : undefined;
    if (percent === undefined) found.error('import/openslo-objective', at, subject, 'an objective needs target or targetPercent');
    if (method !== 'Timeslices' && objective.timeSliceTarget !== undefined) found.error('import/openslo-objective', [...at, 'timeSliceTarget'], subject, `timeSliceTarget belongs to budgetingMethod Timeslices, not ${String(method)}`);
    if (percent === undefined || (!period && !calendarWindow) || found.diagnostics.some((d) => d.severity === 'error')) return;
    const id = kebab(objectives.length === 1 ? name : `${name}-${typeof objective.displayName === 'string' ? objective.displayName : i + 1}`);
    addSlo(into, doc, service, at, team, {
      id,
      description: typeof spec.description === 'string' && spec.description !== '' ? spec.description : undefined,
      objective: Number(percent.toPrecision(12)),
      period: calendarWindow || period === '30d' ? undefined : period,
      calendar: calendarWindow && 'calendar' in calendarWindow ? calendarWindow.calendar : undefined,
      sli: sli.sli,
      groupBy: sli.groupBy,
      labels: Object.keys(ruleLabels).length > 0 ? ruleLabels : undefined,
      tiers: alerting?.tiers,
      noDataFor: alerting?.noDataFor,
    });
    count++;
  });
  into.diagnostics.push(...found.diagnostics);
  into.converted.push(`${doc.file}: OpenSLO SLO ${name} with ${count} objective(s) -> service ${kebab(service)}`);
}
