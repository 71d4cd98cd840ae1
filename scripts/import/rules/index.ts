/**
 * Prometheus rule files in their three dialects (plain `groups:`, a
 * prometheus-operator PrometheusRule, a Mimir/Cortex namespace) into services
 * with rule groups: alerts and recording rules with their labels, annotations,
 * `for` and `keep_firing_for`. Patterns are not guessed: each rule is written
 * as it was.
 */
import { parsePromql } from '../../../generators/promql/parse.ts';
import { durationPattern, parseDuration } from '../../../schemas/duration.ts';
import { severityTiers, serviceOf, type Imported, type ImportOptions } from '../model.ts';
import { Findings, isRecord, kebab, type InputDocument, type Path } from '../source.ts';
import { Call } from '../writer.ts';

const groupKeys = new Set(['name', 'interval', 'limit', 'rules']);
const alertKeys = new Set(['alert', 'expr', 'for', 'keep_firing_for', 'labels', 'annotations']);
const recordKeys = new Set(['record', 'expr', 'labels']);
const annotationName = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const labelName = /^(?!__)[a-zA-Z_][a-zA-Z0-9_]*$/;
const absoluteUrl = /^https?:\/\/[^\s/$.?#][^\s]*$/;

/** Where a document keeps its groups, and the file stem that names a service when no rule says. */
export function ruleGroupsOf(doc: InputDocument): { groups: unknown; path: Path; stem: string } | undefined {
  const value = doc.value;
  if (!isRecord(value)) return undefined;
  const base = doc.file.split('/').pop()!.replace(/\.(ya?ml|json)$/, '');
  if (value.kind === 'PrometheusRule' && isRecord(value.spec)) {
    const name = isRecord(value.metadata) && typeof value.metadata.name === 'string' ? value.metadata.name : base;
    return { groups: value.spec.groups, path: ['spec', 'groups'], stem: name };
  }
  if ('groups' in value) {
    return { groups: value.groups, path: ['groups'], stem: typeof value.namespace === 'string' ? value.namespace : base };
  }
  return undefined;
}

/** One rule file's groups into the services they belong to. */
export function importRules(doc: InputDocument, options: ImportOptions, into: Imported): void {
  const found = new Findings(doc);
  const source = ruleGroupsOf(doc)!;
  if (!Array.isArray(source.groups)) {
    found.error('import/rules', source.path, doc.file, 'groups must be a list');
    into.diagnostics.push(...found.diagnostics);
    return;
  }
  const counts = { groups: 0, alerts: 0, records: 0 };
  const services = new Set<string>();
  source.groups.forEach((group, g) => {
    const path = [...source.path, g];
    if (!isRecord(group) || typeof group.name !== 'string') {
      found.error('import/rules', path, doc.file, 'a group needs a name');
      return;
    }
    const subject = `group ${JSON.stringify(group.name)}`;
    for (const key of Object.keys(group)) {
      if (!groupKeys.has(key)) found.error('import/unsupported', [...path, key], subject, `${key} has no equivalent in the language (it is a Thanos, Mimir or newer Prometheus field); remove it from the input or keep this group outside the import`);
    }
    const rules = Array.isArray(group.rules) ? group.rules : [];
    const labelsOf = (rule: unknown, name: string) => (isRecord(rule) && isRecord(rule.labels) && typeof rule.labels[name] === 'string' ? rule.labels[name] as string : undefined);
    // Each rule's service: its own service label; rules without one go to the one job label they all carry, else to the file's.
    const jobs = new Set(rules.map((r) => labelsOf(r, 'job')));
    const [job] = jobs;
    const fallback = kebab(jobs.size === 1 && job !== undefined ? job : source.stem);
    const name = kebab(group.name);
    const parts = new Map<string, { records: unknown[]; alerts: unknown[] }>();
    const partOf = (serviceId: string) => {
      let part = parts.get(serviceId);
      if (!part) parts.set(serviceId, (part = { records: [], alerts: [] }));
      return part;
    };
    rules.forEach((rule, r) => {
      const rulePath = [...path, 'rules', r];
      if (!isRecord(rule)) return found.error('import/rules', rulePath, subject, 'a rule must be a mapping');
      const ruleSubject = `${subject}, rule ${r + 1}${typeof rule.alert === 'string' ? ` ${JSON.stringify(rule.alert)}` : typeof rule.record === 'string' ? ` ${JSON.stringify(rule.record)}` : ''}`;
      const expr = typeof rule.expr === 'string' ? rule.expr.trim() : typeof rule.expr === 'number' ? String(rule.expr) : undefined;
      if (expr === undefined || expr === '') return found.error('import/rules', [...rulePath, 'expr'], ruleSubject, 'a rule needs an expr');
      const syntax = parsePromql(expr).error;
      if (syntax) found.error('import/promql', [...rulePath, 'expr'], ruleSubject, `invalid PromQL at ${syntax.line}:${syntax.column}: ${syntax.message}`);
      const labels = isRecord(rule.labels) ? rule.labels : {};
      for (const label of Object.keys(labels)) {
        if (!labelName.test(label)) found.error('import/label-name', [...rulePath, 'labels', label], ruleSubject, `${label} is not a label name the language accepts`);
      }
      const serviceLabel = typeof labels.service === 'string' ? labels.service : undefined;
      const serviceId = serviceLabel === undefined ? fallback : kebab(serviceLabel);
      const part = partOf(serviceId);
      if (typeof rule.record === 'string') {
        for (const key of Object.keys(rule)) if (!recordKeys.has(key)) found.error('import/unsupported', [...rulePath, key], ruleSubject, `${key} is not a field of a recording rule`);
        if (!/^[a-zA-Z_]\w*:[\w:]*\w$/.test(rule.record) || rule.record.split(':').length < 3) {
          found.warning('import/record-name', [...rulePath, 'record'], ruleSubject, `${rule.record} is not level:metric:operation; the build reports rule/record-name, so rename it (and its users) or set lint: { 'rule/record-name': 'warning' } in the project`);
        }
        counts.records++;
        part.records.push(new Call('defineRecordingRule', { record: rule.record, expr, labels: Object.keys(labels).length > 0 ? stringMap(labels) : undefined }));
        return;
      }
      if (typeof rule.alert !== 'string') return found.error('import/rules', rulePath, ruleSubject, 'a rule needs alert or record');
      for (const key of Object.keys(rule)) if (!alertKeys.has(key)) found.error('import/unsupported', [...rulePath, key], ruleSubject, `${key} is not a field of an alerting rule`);
      if (!/^[A-Z][A-Za-z0-9]*$/.test(rule.alert)) {
        found.error('import/alert-name', [...rulePath, 'alert'], ruleSubject, `${rule.alert} is not a PascalCase alert name; rename it in the input (and in the routes and silences that match it)`);
      }
      if (serviceLabel !== undefined && serviceLabel !== serviceId) {
        found.error('import/service-label', [...rulePath, 'labels', 'service'], ruleSubject, `service ${JSON.stringify(serviceLabel)} is not a kebab-case id; the alert would be labelled service="${serviceId}"; rename it in the input`);
      }
      const severity = labels.severity;
      if (typeof severity === 'string' && !into.severities.has(severity)) into.severities.set(severity, doc.locate([...rulePath, 'labels', 'severity']));
      const service = serviceOf(into, serviceId);
      if (typeof labels.team === 'string' && !service.teams.has(labels.team)) service.teams.set(labels.team, doc.locate([...rulePath, 'labels', 'team']));
      counts.alerts++;
      part.alerts.push(new Call('defineAlert', convertAlert(rule, labels, rulePath, ruleSubject, options, found)));
    });
    // A group of several services' rules becomes one group of the same name in each: Prometheus evaluates groups independently.
    if (parts.size > 1) {
      found.warning('import/split', path, subject, `holds rules of services ${[...parts.keys()].join(', ')}; written as a group ${name} in each of them`);
    }
    if (parts.size === 0) partOf(fallback);
    for (const [serviceId, part] of parts) {
      const service = serviceOf(into, serviceId);
      service.sources.add(doc.file);
      services.add(serviceId);
      counts.groups++;
      service.ruleGroups.push({
        name,
        location: doc.locate(path),
        value: {
          name,
          interval: durationField(group.interval, [...path, 'interval'], subject, found),
          limit: typeof group.limit === 'number' && group.limit > 0 ? group.limit : undefined,
          records: part.records.length > 0 ? part.records : undefined,
          alerts: part.alerts.length > 0 ? part.alerts : undefined,
        },
      });
    }
  });
  into.diagnostics.push(...found.diagnostics);
  into.converted.push(`${doc.file}: ${counts.groups} rule group(s), ${counts.alerts} alert(s), ${counts.records} recording rule(s) -> service(s) ${[...services].sort().join(', ') || 'none'}`);
}

function stringMap(value: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, String(v)]));
}

export function durationField(value: unknown, path: Path, subject: string, found: Findings): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !durationPattern.test(value)) {
    found.error('import/duration', path, subject, `${String(value)} is not a Prometheus duration`);
    return undefined;
  }
  return (parseDuration(value) ?? 0) > 0 ? value : undefined;
}

export function convertAlert(rule: Record<string, unknown>, labels: Record<string, unknown>, path: Path, subject: string, options: ImportOptions, found: Findings) {
  const { severity: rawSeverity, team: _team, service: _service, ...rest } = stringMap(labels);
  let severity = rawSeverity === undefined ? options.severityMap.get('') : options.severityMap.get(rawSeverity) ?? rawSeverity;
  if (severity === undefined || !(severityTiers as readonly string[]).includes(severity)) {
    found.error('import/severity', [...path, 'labels', ...(rawSeverity === undefined ? [] : ['severity'])], subject,
      rawSeverity === undefined
        ? `the alert has no severity label; add one to the input, or pass --severity-map =TIER for alerts without one (tiers: ${severityTiers.join(', ')})`
        : `severity ${JSON.stringify(rawSeverity)} is not one of ${severityTiers.join(', ')}; pass --severity-map ${rawSeverity}=TIER`);
    severity = 'warning';
  }
  const annotations = isRecord(rule.annotations) ? stringMap(rule.annotations) : {};
  const { summary, description, runbook_url: runbookUrl, ...otherAnnotations } = annotations;
  for (const name of Object.keys(otherAnnotations)) {
    if (!annotationName.test(name)) found.error('import/annotation-name', [...path, 'annotations', name], subject, `${name} is not an annotation name the language accepts`);
  }
  const keptUrl = runbookUrl !== undefined && !absoluteUrl.test(runbookUrl);
  return {
    alert: rule.alert,
    expr: typeof rule.expr === 'string' ? rule.expr.trim() : String(rule.expr),
    for: durationField(rule.for, [...path, 'for'], subject, found),
    keepFiringFor: durationField(rule.keep_firing_for, [...path, 'keep_firing_for'], subject, found),
    severity,
    labels: Object.keys(rest).length > 0 ? rest : undefined,
    summary: summary || undefined,
    description: description || undefined,
    annotations: keptUrl || Object.keys(otherAnnotations).length > 0 || summary === '' || description === ''
      ? { ...otherAnnotations, ...(keptUrl ? { runbook_url: runbookUrl } : {}) }
      : undefined,
    runbookUrl: keptUrl ? undefined : runbookUrl,
  };
}
