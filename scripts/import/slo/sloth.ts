/**
 * Sloth specs (`prometheus/v1` and the `PrometheusServiceLevel` CRD) into
 * `defineSlo` on their service: one SLO per entry of `slos`, with the SLI
 * as the simplest form that says the same (events, latency or a ratio of
 * the queries), labels on every rule, and the alerting labels and
 * annotations on the alerts. Sloth's period is not in the file: 30 days,
 * its default.
 */
import { SLO_ALERT_LABELS } from '../../../schemas/slo.ts';
import type { ImportOptions, Imported } from '../model.ts';
import { Findings, isRecord, kebab, type InputDocument, type Path } from '../source.ts';
import { addSlo, stringMap } from './common.ts';
import { rawSliOf, sliOf, toLanguage, type Mapped } from './sli.ts';

export function isSlothSpec(value: unknown): boolean {
  return isRecord(value) && (value.version === 'prometheus/v1' && Array.isArray(value.slos)
    || value.kind === 'PrometheusServiceLevel' && isRecord(value.spec) && Array.isArray(value.spec.slos));
}

/**
 * Alert labels and annotations as the language takes them: the tier's
 * severity, the labels the rules set and templated annotations are left out
 * with a warning each.
 */
function alertExtras(found: Findings, path: Path, subject: string, value: Record<string, unknown>, severity: string | undefined, options: ImportOptions) {
  const labels = stringMap(value.labels);
  const annotations = stringMap(value.annotations);
  for (const key of Object.keys(labels).filter((k) => (SLO_ALERT_LABELS as readonly string[]).includes(k))) {
    const given = options.severityMap.get(labels[key]!) ?? labels[key];
    if (!(key === 'severity' && given === severity)) {
      found.warning('import/dropped', [...path, 'labels', key], subject, `the label ${key}: ${labels[key]} is set by the SLO's rules${key === 'severity' && severity ? ` (${severity} for these alerts)` : ''}; left out`);
    }
    delete labels[key];
  }
  for (const key of Object.keys(annotations).filter((k) => annotations[k]!.includes('{{'))) {
    found.warning('import/dropped', [...path, 'annotations', key], subject, `the annotation ${key} is a template, which the SLO's scenario tests cannot expect; left out${key === 'summary' || key === 'description' ? ` (the generated ${key} stays)` : ''}`);
    delete annotations[key];
  }
  const extras = { labels: Object.keys(labels).length > 0 ? labels : undefined, annotations: Object.keys(annotations).length > 0 ? annotations : undefined };
  return extras.labels || extras.annotations ? extras : undefined;
}

/** A Sloth spec: one SLO per entry of `slos`, named `<service>-<name>` as Sloth names their rules. */
export function importSloth(doc: InputDocument, options: ImportOptions, into: Imported): void {
  const found = new Findings(doc);
  const root = doc.value as Record<string, unknown>;
  const crd = root.kind === 'PrometheusServiceLevel';
  const spec = (crd ? root.spec : root) as Record<string, unknown>;
  const base: Path = crd ? ['spec'] : [];
  const key = (snake: string, camel: string) => (crd ? camel : snake);
  const serviceName = String(spec.service ?? '');
  const { team, ...labels } = stringMap(spec.labels);
  let count = 0;
  (spec.slos as unknown[]).forEach((entry, i) => {
    const path: Path = [...base, 'slos', i];
    if (!isRecord(entry)) return;
    const name = String(entry.name ?? `slo-${i + 1}`);
    const subject = `slo ${JSON.stringify(name)}`;
    const sli = isRecord(entry.sli) ? entry.sli : {};
    let mapped: Mapped;
    let at: Path;
    if (isRecord(sli.events)) {
      at = [...path, 'sli', 'events'];
      mapped = sliOf('errors', toLanguage(sli.events[key('error_query', 'errorQuery')]), toLanguage(sli.events[key('total_query', 'totalQuery')]));
    } else if (isRecord(sli.raw)) {
      at = [...path, 'sli', 'raw', key('error_ratio_query', 'errorRatioQuery')];
      mapped = rawSliOf('errorRatio', toLanguage(sli.raw[key('error_ratio_query', 'errorRatioQuery')]));
    } else {
      const kind = Object.keys(sli)[0] ?? 'none';
      found.error('import/slo-sli', [...path, 'sli', kind], subject, kind === 'plugin'
        ? 'a plugin SLI is a query Sloth builds by running Go code, which the importer does not run; write the query it builds as sli.raw.error_ratio_query or sli.events'
        : `a ${kind} SLI is not one Sloth defines (events, raw or plugin)`);
      return;
    }
    if ('problem' in mapped) {
      found.error('import/slo-sli', at, subject, mapped.problem);
      return;
    }
    const alerting = isRecord(entry.alerting) ? entry.alerting : {};
    const page = isRecord(alerting[key('page_alert', 'pageAlert')]) ? alerting[key('page_alert', 'pageAlert')] as Record<string, unknown> : {};
    const ticket = isRecord(alerting[key('ticket_alert', 'ticketAlert')]) ? alerting[key('ticket_alert', 'ticketAlert')] as Record<string, unknown> : {};
    const common = alertExtras(found, [...path, 'alerting'], subject, alerting, undefined, options);
    const pageExtras = alertExtras(found, [...path, 'alerting', key('page_alert', 'pageAlert')], subject, page, 'critical', options);
    const ticketExtras = alertExtras(found, [...path, 'alerting', key('ticket_alert', 'ticketAlert')], subject, ticket, 'warning', options);
    const alert = typeof alerting.name === 'string' && /^[A-Z][A-Za-z0-9]*$/.test(alerting.name) ? alerting.name : undefined;
    if (typeof alerting.name === 'string' && !alert) found.warning('import/renamed', [...path, 'alerting', 'name'], subject, `${alerting.name} is not a PascalCase alert name; the alerts take the language's default name`);
    const allLabels = { ...labels, ...stringMap(entry.labels) };
    const id = kebab(`${serviceName}-${name}`);
    addSlo(into, doc, serviceName, path, team, {
      id,
      description: typeof entry.description === 'string' && entry.description !== '' ? entry.description : undefined,
      objective: Number(entry.objective),
      sli: mapped.sli,
      groupBy: mapped.groupBy,
      labels: Object.keys(allLabels).length > 0 ? allLabels : undefined,
      alert,
      alerting: common || pageExtras || ticketExtras ? { ...common, page: pageExtras, ticket: ticketExtras } : undefined,
      tiers: page.disable === true || ticket.disable === true
        ? { ...(page.disable === true ? { fastPage: false, slowPage: false } : {}), ...(ticket.disable === true ? { fastTicket: false, slowTicket: false } : {}) }
        : undefined,
    });
    count++;
  });
  if (spec[key('slo_plugins', 'sloPlugins')] !== undefined) found.warning('import/dropped', [...base, key('slo_plugins', 'sloPlugins')], 'sloth', 'SLO plugins are Go code Sloth runs; left out');
  into.diagnostics.push(...found.diagnostics);
  into.converted.push(`${doc.file}: Sloth spec with ${count} SLO(s) -> service ${kebab(serviceName)}`);
}
