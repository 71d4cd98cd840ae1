/**
 * Sloth `prometheus/v1` specs and OpenSLO v1 SLO (with SLI) documents into
 * `defineSlo` on their service. Both become events SLIs: the errors and total
 * selectors of `sum(rate(<selector>[window]))`. What does not map (a raw
 * ratio, a plugin SLI, good/total without bad, calendar windows, time slices)
 * is a diagnostic naming the field.
 */
import { parsePromql } from '../../../generators/promql/parse.ts';
import { durationPattern } from '../../../schemas/duration.ts';
import { serviceOf, type Imported, type ImportOptions } from '../model.ts';
import { Findings, isRecord, kebab, type InputDocument, type Path } from '../source.ts';
import { Call } from '../writer.ts';

export function isSlothSpec(value: unknown): boolean {
  return isRecord(value) && (value.version === 'prometheus/v1' && Array.isArray(value.slos)
    || value.kind === 'PrometheusServiceLevel' && isRecord(value.spec) && Array.isArray(value.spec.slos));
}

export function isOpenSlo(value: unknown): boolean {
  return isRecord(value) && typeof value.apiVersion === 'string' && value.apiVersion.startsWith('openslo/') && (value.kind === 'SLO' || value.kind === 'SLI');
}

/** The labels of a query's `sum by (...)`: Sloth's grouped SLIs, the language's groupBy. */
export function groupingOf(query: string): string[] {
  const by = /\bby\s*\(([^)]*)\)/.exec(query);
  return by ? by[1]!.split(',').map((l) => l.trim()).filter(Boolean).sort() : [];
}

/** The selector of `sum(rate(<selector>[w]))` (or increase, irate, with by(...) or without sum), or why not. */
export function selectorOf(query: string): string | { problem: string } {
  const expr = query.replace(/\{\{\s*\.window\s*\}\}/g, '5m').trim();
  const parsed = parsePromql(expr);
  if (parsed.error) return { problem: `is not valid PromQL: ${parsed.error.message}` };
  const [selector] = parsed.selectors;
  if (parsed.selectors.length !== 1 || !selector) return { problem: 'must read one series selector' };
  if (selector.rangeMs === null || selector.rangeMs === undefined) {
    return parsed.functions.size === 0 && parsed.aggregations.length === 0 ? selector.text : { problem: 'must be sum(rate(<selector>[window])) or a selector' };
  }
  const shape = expr.replace(selector.text, 'X').replace(/\s+/g, '');
  if (!/^(?:sum(?:by\([\w,]*\))?\()?(?:rate|increase|irate)\(X\)\)?(?:by\([\w,]*\))?$/.test(shape)) {
    return { problem: 'must be sum(rate(<selector>[window])): the language takes the errors and total selectors and builds every window itself' };
  }
  return selector.text.replace(/\[[^\]]*\]$/, '');
}

interface SloParts {
  readonly service: string;
  readonly id: string;
  readonly value: Record<string, unknown>;
  readonly path: Path;
}

function add(into: Imported, doc: InputDocument, parts: SloParts, team?: string): void {
  const service = serviceOf(into, kebab(parts.service));
  service.sources.add(doc.file);
  if (team && !service.teams.has(team)) service.teams.set(team, doc.locate(parts.path));
  service.slos.push(new Call('defineSlo', parts.value));
}

/** A Sloth spec: one SLO per entry of `slos`, named `<service>-<name>` as Sloth names their rules. */
export function importSloth(doc: InputDocument, _options: ImportOptions, into: Imported): void {
  const found = new Findings(doc);
  const root = doc.value as Record<string, unknown>;
  const crd = root.kind === 'PrometheusServiceLevel';
  const spec = (crd ? root.spec : root) as Record<string, unknown>;
  const base: Path = crd ? ['spec'] : [];
  const key = (snake: string, camel: string) => (crd ? camel : snake);
  const serviceName = String(spec.service ?? '');
  const specLabels = isRecord(spec.labels) ? Object.fromEntries(Object.entries(spec.labels).map(([k, v]) => [k, String(v)])) : {};
  const { team, ...labels } = specLabels;
  let count = 0;
  (spec.slos as unknown[]).forEach((entry, i) => {
    const path: Path = [...base, 'slos', i];
    if (!isRecord(entry)) return;
    const name = String(entry.name ?? `slo-${i + 1}`);
    const subject = `slo ${JSON.stringify(name)}`;
    const sli = isRecord(entry.sli) ? entry.sli : {};
    const events = isRecord(sli.events) ? sli.events : undefined;
    if (!events) {
      const kind = Object.keys(sli)[0] ?? 'none';
      found.error('import/slo-sli', [...path, 'sli', kind], subject, `a ${kind} SLI does not map onto the language, which takes events (errors and total selectors); rewrite it as sli.events`);
      return;
    }
    const errors = selectorOf(String(events[key('error_query', 'errorQuery')] ?? ''));
    const total = selectorOf(String(events[key('total_query', 'totalQuery')] ?? ''));
    for (const [field, result] of [[key('error_query', 'errorQuery'), errors], [key('total_query', 'totalQuery'), total]] as const) {
      if (typeof result !== 'string') found.error('import/slo-sli', [...path, 'sli', 'events', field], subject, `${field} ${result.problem}`);
    }
    if (typeof errors !== 'string' || typeof total !== 'string') return;
    const [errorsBy, totalBy] = [groupingOf(String(events[key('error_query', 'errorQuery')])), groupingOf(String(events[key('total_query', 'totalQuery')]))];
    if (errorsBy.join() !== totalBy.join()) {
      found.error('import/slo-sli', [...path, 'sli', 'events'], subject, `the error query groups by (${errorsBy.join(', ')}) and the total query by (${totalBy.join(', ')}); they must group alike`);
      return;
    }
    const alerting = isRecord(entry.alerting) ? entry.alerting : {};
    const page = isRecord(alerting[key('page_alert', 'pageAlert')]) ? alerting[key('page_alert', 'pageAlert')] as Record<string, unknown> : {};
    const ticket = isRecord(alerting[key('ticket_alert', 'ticketAlert')]) ? alerting[key('ticket_alert', 'ticketAlert')] as Record<string, unknown> : {};
    for (const [field, value] of [['labels', alerting.labels], ['annotations', alerting.annotations]] as const) {
      if (isRecord(value) && Object.keys(value).length > 0) found.warning('import/dropped', [...path, 'alerting', field], subject, `alerting.${field} has no field of its own in the language (the SLO's labels go on every rule); left out`);
    }
    const entryLabels = isRecord(entry.labels) ? Object.fromEntries(Object.entries(entry.labels).map(([k, v]) => [k, String(v)])) : {};
    const alert = typeof alerting.name === 'string' && /^[A-Z][A-Za-z0-9]*$/.test(alerting.name) ? alerting.name : undefined;
    if (typeof alerting.name === 'string' && !alert) found.warning('import/renamed', [...path, 'alerting', 'name'], subject, `${alerting.name} is not a PascalCase alert name; the alerts take the language's default name`);
    const allLabels = { ...labels, ...entryLabels };
    add(into, doc, {
      service: serviceName,
      id: kebab(`${serviceName}-${name}`),
      path,
      value: {
        id: kebab(`${serviceName}-${name}`),
        description: typeof entry.description === 'string' && entry.description !== '' ? entry.description : undefined,
        objective: Number(entry.objective),
        sli: { events: { errors, total } },
        groupBy: errorsBy.length > 0 ? errorsBy : undefined,
        labels: Object.keys(allLabels).length > 0 ? allLabels : undefined,
        alert,
        tiers: page.disable === true || ticket.disable === true
          ? { ...(page.disable === true ? { fastPage: false, slowPage: false } : {}), ...(ticket.disable === true ? { fastTicket: false, slowTicket: false } : {}) }
          : undefined,
      },
    }, team);
    count++;
  });
  if (spec[key('slo_plugins', 'sloPlugins')] !== undefined) found.warning('import/dropped', [...base, key('slo_plugins', 'sloPlugins')], 'sloth', 'SLO plugins have no counterpart; left out');
  into.diagnostics.push(...found.diagnostics);
  into.converted.push(`${doc.file}: Sloth spec with ${count} SLO(s) -> service ${kebab(serviceName)}`);
}

/** OpenSLO: SLIs are read first (for indicatorRef), then each SLO, one per objective. */
export function importOpenSlo(docs: readonly InputDocument[], into: Imported): void {
  const slis = new Map<string, { doc: InputDocument; spec: Record<string, unknown> }>();
  for (const doc of docs) {
    const v = doc.value as Record<string, unknown>;
    if (v.kind === 'SLI' && isRecord(v.metadata) && isRecord(v.spec)) slis.set(String(v.metadata.name), { doc, spec: v.spec });
  }
  for (const doc of docs) {
    const v = doc.value as Record<string, unknown>;
    if (v.kind !== 'SLO') {
      into.converted.push(`${doc.file}: OpenSLO SLI ${isRecord(v.metadata) ? String(v.metadata.name) : ''}`);
      continue;
    }
    const found = new Findings(doc);
    const name = isRecord(v.metadata) ? String(v.metadata.name) : doc.file;
    const subject = `slo ${JSON.stringify(name)}`;
    const spec = isRecord(v.spec) ? v.spec : {};
    if (v.apiVersion !== 'openslo/v1') found.error('import/openslo-version', ['apiVersion'], subject, `${String(v.apiVersion)} is not read; the importer reads openslo/v1`);
    const indicator = isRecord(spec.indicator) && isRecord(spec.indicator.spec) ? spec.indicator.spec
      : typeof spec.indicatorRef === 'string' ? slis.get(spec.indicatorRef)?.spec : undefined;
    if (!indicator) found.error('import/openslo-ref', ['spec', spec.indicatorRef ? 'indicatorRef' : 'indicator'], subject, `the indicator ${spec.indicatorRef ? `${JSON.stringify(spec.indicatorRef)} is not among the imported SLIs` : 'is missing'}`);
    if (spec.budgetingMethod !== 'Occurrences') found.error('import/openslo-budgeting', ['spec', 'budgetingMethod'], subject, `budgetingMethod ${String(spec.budgetingMethod)} does not map: the language counts occurrences (events)`);
    const window = Array.isArray(spec.timeWindow) && isRecord(spec.timeWindow[0]) ? spec.timeWindow[0] : {};
    const period = typeof window.duration === 'string' && durationPattern.test(window.duration) && window.isRolling !== false ? window.duration : undefined;
    if (!period) found.error('import/openslo-window', ['spec', 'timeWindow', 0], subject, `the time window ${JSON.stringify(window.duration)} must be a rolling window in days or weeks (such as 28d or 4w); calendar windows do not map`);
    const ratio = indicator && isRecord(indicator.ratioMetric) ? indicator.ratioMetric : undefined;
    const query = (leaf: unknown) => (isRecord(leaf) && isRecord(leaf.metricSource) && isRecord(leaf.metricSource.spec) ? String(leaf.metricSource.spec.query ?? '') : undefined);
    let events: { errors: string; total: string } | undefined;
    if (indicator && !ratio) found.error('import/openslo-sli', ['spec'], subject, 'only ratioMetric SLIs map onto the language (a thresholdMetric does not)');
    if (ratio) {
      const bad = query(ratio.bad);
      const total = query(ratio.total);
      if (bad === undefined || total === undefined) {
        found.error('import/openslo-sli', ['spec'], subject, `the ratio needs bad and total Prometheus queries (metricSource.spec.query); ${ratio.good ? 'good over total does not map, as the language counts errors' : 'one is missing'}`);
      } else {
        const [e, t] = [selectorOf(bad), selectorOf(total)];
        if (typeof e !== 'string') found.error('import/openslo-sli', ['spec'], subject, `bad ${e.problem}`);
        if (typeof t !== 'string') found.error('import/openslo-sli', ['spec'], subject, `total ${t.problem}`);
        if (typeof e === 'string' && typeof t === 'string') events = { errors: e, total: t };
      }
    }
    const objectives = Array.isArray(spec.objectives) ? spec.objectives.filter(isRecord) : [];
    const service = String(spec.service ?? name);
    const labels = isRecord(v.metadata) && isRecord(v.metadata.labels) ? v.metadata.labels : {};
    const team = typeof labels.team === 'string' ? labels.team : Array.isArray(labels.team) ? String(labels.team[0]) : undefined;
    objectives.forEach((objective, i) => {
      const percent = typeof objective.targetPercent === 'number' ? objective.targetPercent : typeof objective.target === 'number' ? objective.target * 100 : undefined;
      if (percent === undefined) found.error('import/openslo-objective', ['spec', 'objectives', i], subject, 'an objective needs target or targetPercent');
      if (objective.timeSliceTarget !== undefined) found.error('import/openslo-objective', ['spec', 'objectives', i, 'timeSliceTarget'], subject, 'time slices do not map: the language counts occurrences');
      if (!events || percent === undefined || !period) return;
      const id = kebab(objectives.length === 1 ? name : `${name}-${typeof objective.displayName === 'string' ? objective.displayName : i + 1}`);
      add(into, doc, {
        service,
        id,
        path: ['spec', 'objectives', i],
        value: {
          id,
          description: typeof spec.description === 'string' && spec.description !== '' ? spec.description : undefined,
          objective: Number(percent.toPrecision(12)),
          period: period === '30d' ? undefined : period,
          sli: { events },
        },
      }, team);
    });
    into.diagnostics.push(...found.diagnostics);
    into.converted.push(`${doc.file}: OpenSLO SLO ${name} with ${objectives.length} objective(s) -> service ${kebab(service)}`);
  }
}
