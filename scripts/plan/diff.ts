/**
 * What a change does, by meaning: two compilations (base and head) in, the
 * plan's items out. Alerts, recording rules, routing, SLOs and inhibitions
 * come from the models; dashboards, scrape jobs and Kubernetes objects from
 * the files the build writes. Unchanged things are not listed.
 */
import { parse, parseAllDocuments } from 'yaml';
import type { Compilation } from '../../generators/compile.ts';
import type { AlertModel, Model, RecordModel } from '../../generators/core/model.ts';
import { stableJson } from '../../generators/core/canonical.ts';
import { routingTable } from '../../generators/model/routing.ts';
import { parseDuration } from '../../schemas/duration.ts';
import type { Slo } from '../../schemas/slo.ts';
import { periodText, referencePeriod } from '../../generators/model/slo/windows.ts';

export type ItemKind = 'alert' | 'recording-rule' | 'routing' | 'slo' | 'scaling' | 'dashboard' | 'scrape-job' | 'kubernetes' | 'inhibition' | 'time-interval';
export type Change = 'added' | 'removed' | 'changed' | 'moved';

export interface FieldChange {
  readonly field: string;
  readonly before?: unknown;
  readonly after?: unknown;
}

export interface PlanItem {
  readonly kind: ItemKind;
  readonly change: Change;
  /** The thing's name: an alert's name, a dashboard's uid, `Kind namespace/name`. */
  readonly id: string;
  readonly service?: string | undefined;
  /** An alert removed, or one that no longer notifies anyone: listed first. */
  readonly destructive: boolean;
  /** One line: what the change means. */
  readonly summary: string;
  readonly fields: readonly FieldChange[];
}

export interface Plan {
  readonly items: readonly PlanItem[];
  /** Problems the change introduces, such as a recording rule removed while still used. */
  readonly errors: readonly string[];
}

type Json = Record<string, unknown>;
type Files = ReadonlyMap<string, { readonly content: string }>;


/** The fields of two values that differ, by path, objects key by key. */
function fieldChanges(before: unknown, after: unknown, path = '', depth = 0): FieldChange[] {
  const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (stableJson(before) === stableJson(after)) return [];
  if (isObject(before) && isObject(after) && depth < 4) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((k) => fieldChanges(before[k], after[k], path ? `${path}.${k}` : k, depth + 1));
  }
  return [{ field: path || '(value)', before, after }];
}

function alertsOf(model: Model): AlertModel[] {
  return model.services.flatMap((s) => s.ruleGroups.flatMap((g) => g.alerts));
}

function recordsOf(model: Model): RecordModel[] {
  return model.services.flatMap((s) => s.ruleGroups.flatMap((g) => g.records));
}

/** An alert's identity: service, name and the labels other than severity; the severity too where two differ only by it. */
function alertKeys(alerts: readonly AlertModel[]): Map<string, AlertModel> {
  const base = (a: AlertModel) => {
    const { severity: _s, team: _t, service: _v, ...rest } = a.labels;
    return `${a.service}/${a.name}${Object.keys(rest).length > 0 ? stableJson(rest) : ''}`;
  };
  const counts = new Map<string, number>();
  for (const a of alerts) counts.set(base(a), (counts.get(base(a)) ?? 0) + 1);
  return new Map(alerts.map((a) => [counts.get(base(a))! > 1 ? `${base(a)}#${a.severity}` : base(a), a]));
}

/** An alert as a reviewer reads it: its name, with the labels that tell it from another alert of that name. */
function displayName(a: AlertModel, all: readonly AlertModel[]): string {
  const twins = all.filter((o) => o.name === a.name && o.service === a.service);
  const { severity: _s, team: _t, service: _v, ...rest } = a.labels;
  const telling = Object.entries(rest).filter(([k, v]) => twins.some((o) => o.labels[k] !== v));
  // A warning/critical pair differs by severity only, which the summaries name anyway.
  return telling.length === 0 ? a.name : `${a.name}{${telling.map(([k, v]) => `${k}="${v}"`).join(', ')}}`;
}

const alertView = (a: AlertModel) => ({ expr: a.expr, for: a.for, keepFiringFor: a.keepFiringFor, severity: a.severity, labels: a.labels, annotations: a.annotations });

/** The receivers each alert of a model reaches, deduplicated, in notification order. */
function receiversOf(model: Model): Map<AlertModel, string[]> {
  return new Map(routingTable(model).map((row) => [row.alert, [...new Set(row.receivers)]]));
}

function diffAlerts(base: Model, head: Model): PlanItem[] {
  const [before, after] = [alertKeys(alertsOf(base)), alertKeys(alertsOf(head))];
  const reaches = head.project.alertmanager ? receiversOf(head) : undefined;
  const name = (a: AlertModel, model: Model) => displayName(a, alertsOf(model));
  const items: PlanItem[] = [];
  // An alert that leaves one place and appears in another with the same content moved (or was renamed), as pint matches them.
  const content = (a: AlertModel) => {
    const { service: _v, team: _t, ...labels } = a.labels;
    return stableJson({ ...alertView(a), labels, annotations: undefined });
  };
  const gone = [...before].filter(([key]) => !after.has(key));
  const moved = new Map<string, AlertModel>();
  for (const [key, a] of after) {
    if (before.has(key)) continue;
    const match = gone.find(([k, old]) => !moved.has(k) && content(old) === content(a));
    if (!match) continue;
    const [oldKey, old] = match;
    moved.set(oldKey, a);
    moved.set(key, old);
    const where = old.service !== a.service ? ` from ${old.service} to ${a.service}` : '';
    const renamed = old.name !== a.name ? ` and is now ${a.name}` : '';
    items.push({
      kind: 'alert', change: 'moved', id: a.name, service: a.service, destructive: false,
      summary: `alert ${name(old, base)} moves${where}${renamed}; it fires as before`,
      fields: fieldChanges({ name: old.name, service: old.service, annotations: old.annotations }, { name: a.name, service: a.service, annotations: a.annotations }),
    });
  }
  for (const [key, a] of before) {
    if (!after.has(key) && !moved.has(key)) items.push({ kind: 'alert', change: 'removed', id: a.name, service: a.service, destructive: true, summary: `alert ${name(a, base)} (${a.service}, ${a.severity}) is removed: it will no longer fire`, fields: [] });
  }
  for (const [key, a] of after) {
    const old = before.get(key);
    if (!old && moved.has(key)) continue;
    if (!old) {
      // A new alert's routing is part of what it does: who it will reach.
      const receivers = reaches?.get(a);
      items.push({
        kind: 'alert', change: 'added', id: a.name, service: a.service, destructive: false,
        summary: `alert ${name(a, head)} (${a.service}, ${a.severity}) is added${receivers ? `, reaching ${receivers.join(', ') || 'no receiver'}` : ''}`,
        fields: [{ field: 'expr', after: a.expr }, ...(receivers ? [{ field: 'receivers', after: receivers }] : [])],
      });
      continue;
    }
    const fields = fieldChanges(alertView(old), alertView(a));
    if (fields.length > 0) items.push({ kind: 'alert', change: 'changed', id: a.name, service: a.service, destructive: false, summary: `alert ${name(a, head)} (${a.service}) changes ${fields.map((f) => f.field).join(', ')}`, fields });
  }
  return items;
}

/** Receivers with at least one integration: the ones that tell somebody. */
function notifying(model: Model): Set<string> {
  const receivers = model.project.alertmanager?.config.receivers ?? [];
  return new Set(receivers.filter((r) => ['slack', 'pagerduty', 'email', 'webhook', 'msteams'].some((k) => ((r as Json)[k] as unknown[] | undefined)?.length)).map((r) => r.name));
}

function paging(model: Model): Set<string> {
  return new Set((model.project.alertmanager?.config.receivers ?? []).filter((r) => (r.pagerduty?.length ?? 0) > 0).map((r) => r.name));
}

/** For every alert in both, the receivers it reaches before and after, when they differ. */
function diffRouting(base: Model, head: Model): PlanItem[] {
  const table = (model: Model) => {
    const byAlert = receiversOf(model);
    return new Map([...alertKeys(alertsOf(model))].map(([key, alert]) => [key, { alert, receivers: byAlert.get(alert) ?? [] }]));
  };
  const [before, after] = [table(base), table(head)];
  const [notifiesBefore, notifiesAfter] = [notifying(base), notifying(head)];
  const [pagesBefore, pagesAfter] = [paging(base), paging(head)];
  const items: PlanItem[] = [];
  for (const [key, now] of after) {
    const then = before.get(key);
    if (!then || stableJson(then.receivers) === stableJson(now.receivers)) continue;
    const told = (receivers: readonly string[], set: Set<string>) => receivers.some((r) => set.has(r));
    const silenced = told(then.receivers, notifiesBefore) && !told(now.receivers, notifiesAfter);
    const unpaged = told(then.receivers, pagesBefore) && !told(now.receivers, pagesAfter);
    const { service, severity } = now.alert;
    const name = displayName(now.alert, alertsOf(head));
    const summary = silenced
      ? `alert ${name} (${service}, ${severity}) no longer notifies anyone: ${then.receivers.join(', ')} -> ${now.receivers.join(', ') || 'none'}`
      : unpaged
        ? `alert ${name} (${service}, ${severity}) no longer pages: ${then.receivers.join(', ')} -> ${now.receivers.join(', ')}`
        : `alert ${name} (${service}) reaches ${now.receivers.join(', ')} instead of ${then.receivers.join(', ')}`;
    items.push({ kind: 'routing', change: 'changed', id: now.alert.name, service, destructive: silenced || unpaged, summary, fields: [{ field: 'receivers', before: then.receivers, after: now.receivers }] });
  }
  return items;
}

/** Recording rules by name and labels; one removed while a rule, dashboard or scaling query still reads it is an error. */
function diffRecords(base: Model, head: Model, headFiles: Files): { items: PlanItem[]; errors: string[] } {
  const key = (r: RecordModel) => `${r.name}${Object.keys(r.labels).length > 0 ? stableJson(r.labels) : ''}`;
  const [before, after] = [new Map(recordsOf(base).map((r) => [key(r), r])), new Map(recordsOf(head).map((r) => [key(r), r]))];
  const names = new Set(recordsOf(head).map((r) => r.name));
  const items: PlanItem[] = [];
  const errors: string[] = [];
  const readers = (name: string): string[] => {
    const token = new RegExp(`(?<![\\w:])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w:])`);
    const rules = [...alertsOf(head).map((a) => ({ what: `alert ${a.name}`, expr: a.expr })), ...recordsOf(head).map((r) => ({ what: `recording rule ${r.name}`, expr: r.expr }))]
      .filter((r) => token.test(r.expr)).map((r) => r.what);
    const files = [...headFiles].filter(([path, { content }]) => (path.startsWith('grafana/dashboards/') || path.startsWith('kubernetes/')) && token.test(content)).map(([path]) => path);
    return [...new Set([...rules, ...files])];
  };
  for (const [k, r] of before) {
    if (after.has(k)) continue;
    items.push({ kind: 'recording-rule', change: 'removed', id: r.name, service: r.service, destructive: true, summary: `recording rule ${r.name} (${r.service}) is removed`, fields: [] });
    const users = names.has(r.name) ? [] : readers(r.name);
    if (users.length > 0) errors.push(`recording rule ${r.name} is removed, but ${users.join(', ')} still read${users.length === 1 ? 's' : ''} it`);
  }
  for (const [k, r] of after) {
    const old = before.get(k);
    if (!old) items.push({ kind: 'recording-rule', change: 'added', id: r.name, service: r.service, destructive: false, summary: `recording rule ${r.name} (${r.service}) is added`, fields: [{ field: 'expr', after: r.expr }] });
    else if (old.expr !== r.expr) items.push({ kind: 'recording-rule', change: 'changed', id: r.name, service: r.service, destructive: false, summary: `recording rule ${r.name} (${r.service}) changes its expression`, fields: [{ field: 'expr', before: old.expr, after: r.expr }] });
  }
  return { items, errors };
}

/** Minutes of error budget per period: what an objective means to the people on call. */
export function budgetMinutes(objective: number, period: string): number {
  return Math.round(((100 - objective) / 100) * ((parseDuration(period) ?? 0) / 60000) * 10) / 10;
}

function diffSlos(base: Model, head: Model): PlanItem[] {
  const slos = (model: Model) => new Map(model.services.flatMap((s) => s.slos.map(({ slo }) => [slo.id, { slo, service: s.id }] as const)));
  const [before, after] = [slos(base), slos(head)];
  const items: PlanItem[] = [];
  const describe = (slo: Slo) => `${slo.objective}% over ${periodText(slo)} (${budgetMinutes(slo.objective, referencePeriod(slo))} min of budget)`;
  for (const [id, { service }] of before) {
    if (!after.has(id)) items.push({ kind: 'slo', change: 'removed', id, service, destructive: true, summary: `SLO ${id} (${service}) is removed, with its burn-rate alerts`, fields: [] });
  }
  for (const [id, { slo, service }] of after) {
    const old = before.get(id)?.slo;
    if (!old) {
      items.push({ kind: 'slo', change: 'added', id, service, destructive: false, summary: `SLO ${id} (${service}) is added: ${describe(slo)}`, fields: [] });
      continue;
    }
    const fields = fieldChanges({ ...old, runbook: undefined, summary: undefined }, { ...slo, runbook: undefined, summary: undefined });
    if (fields.length === 0) continue;
    const budget = old.objective !== slo.objective || periodText(old) !== periodText(slo) ? `: ${describe(old)} -> ${describe(slo)}` : '';
    items.push({ kind: 'slo', change: 'changed', id, service, destructive: false, summary: `SLO ${id} (${service}) changes ${fields.map((f) => f.field).join(', ')}${budget}`, fields });
  }
  return items;
}

/** Scaling policies by workload: replicas, signals (the triggers), engine, behaviour, schedules. */
function diffScaling(base: Model, head: Model): PlanItem[] {
  const policies = (model: Model) => new Map(model.services.flatMap((s) => s.scaling.map(({ policy }) => {
    const w = policy.workload as { kind?: string; namespace: string; name: string };
    return [`${w.kind ?? 'Deployment'} ${w.namespace}/${w.name}`, { policy, service: s.id }] as const;
  })));
  const [before, after] = [policies(base), policies(head)];
  const items: PlanItem[] = [];
  const replicas = (p: { minReplicas: number; maxReplicas: number }) => `${p.minReplicas} to ${p.maxReplicas} replicas`;
  for (const [id, { policy, service }] of before) {
    if (!after.has(id)) items.push({ kind: 'scaling', change: 'removed', id, service, destructive: false, summary: `scaling of ${id} (${service}) is removed: it keeps the replicas it has`, fields: [{ field: 'replicas', before: replicas(policy) }] });
  }
  for (const [id, { policy, service }] of after) {
    const old = before.get(id)?.policy;
    if (!old) {
      items.push({ kind: 'scaling', change: 'added', id, service, destructive: false, summary: `scaling of ${id} (${service}) is added: ${replicas(policy)} on ${policy.signals.length} signal(s)`, fields: [] });
      continue;
    }
    const fields = fieldChanges(old, policy);
    if (fields.length > 0) items.push({ kind: 'scaling', change: 'changed', id, service, destructive: false, summary: `scaling of ${id} (${service}) changes ${fields.map((f) => f.field).join(', ')}`, fields });
  }
  return items;
}

function diffAlertmanager(base: Model, head: Model): PlanItem[] {
  const [b, h] = [base.project.alertmanager?.config, head.project.alertmanager?.config];
  const items: PlanItem[] = [];
  const inhibitions = (c: typeof b) => new Set((c?.inhibitRules ?? []).map((r) => stableJson(r)));
  const [ib, ih] = [inhibitions(b), inhibitions(h)];
  for (const r of ib) if (!ih.has(r)) items.push({ kind: 'inhibition', change: 'removed', id: r, destructive: false, summary: `inhibition ${r} is removed: its targets are no longer muted`, fields: [] });
  for (const r of ih) if (!ib.has(r)) items.push({ kind: 'inhibition', change: 'added', id: r, destructive: false, summary: `inhibition ${r} is added: its targets are muted while a source fires`, fields: [] });
  const intervals = (c: typeof b) => new Map((c?.timeIntervals ?? []).map((t) => [t.name, t.intervals]));
  const [tb, th] = [intervals(b), intervals(h)];
  for (const [name, v] of tb) if (!th.has(name)) items.push({ kind: 'time-interval', change: 'removed', id: name, destructive: false, summary: `time interval ${name} is removed`, fields: [{ field: 'intervals', before: v }] });
  for (const [name, v] of th) {
    const old = tb.get(name);
    if (!old) items.push({ kind: 'time-interval', change: 'added', id: name, destructive: false, summary: `time interval ${name} is added`, fields: [{ field: 'intervals', after: v }] });
    else if (stableJson(old) !== stableJson(v)) items.push({ kind: 'time-interval', change: 'changed', id: name, destructive: false, summary: `time interval ${name} changes`, fields: [{ field: 'intervals', before: old, after: v }] });
  }
  return items;
}

/** Dashboards by uid: panels by title, with their queries. */
function diffDashboards(base: Files, head: Files): PlanItem[] {
  const dashboards = (files: Files) => new Map([...files].filter(([p]) => p.startsWith('grafana/dashboards/') && p.endsWith('.json')).map(([, { content }]) => {
    const d = JSON.parse(content) as Json;
    const panels = ((d.panels as Json[] | undefined) ?? []).flatMap((p) => [p, ...((p.panels as Json[] | undefined) ?? [])]).filter((p) => p.type !== 'row');
    return [String(d.uid), { title: String(d.title), panels: new Map(panels.map((p) => [String(p.title), ((p.targets as Json[] | undefined) ?? []).map((t) => String(t.expr ?? ''))])) }] as const;
  }));
  const [before, after] = [dashboards(base), dashboards(head)];
  const items: PlanItem[] = [];
  for (const [uid, d] of before) if (!after.has(uid)) items.push({ kind: 'dashboard', change: 'removed', id: uid, destructive: false, summary: `dashboard ${d.title} (${uid}) is removed`, fields: [] });
  for (const [uid, d] of after) {
    const old = before.get(uid);
    if (!old) {
      items.push({ kind: 'dashboard', change: 'added', id: uid, destructive: false, summary: `dashboard ${d.title} (${uid}) is added with ${d.panels.size} panel(s)`, fields: [] });
      continue;
    }
    const fields: FieldChange[] = [];
    for (const [title, queries] of old.panels) if (!d.panels.has(title)) fields.push({ field: `panel "${title}"`, before: queries });
    for (const [title, queries] of d.panels) {
      const was = old.panels.get(title);
      if (!was) fields.push({ field: `panel "${title}"`, after: queries });
      else if (stableJson(was) !== stableJson(queries)) fields.push({ field: `panel "${title}" queries`, before: was, after: queries });
    }
    if (old.title !== d.title) fields.push({ field: 'title', before: old.title, after: d.title });
    if (fields.length > 0) {
      const added = fields.filter((f) => f.before === undefined).length;
      const removed = fields.filter((f) => f.after === undefined).length;
      items.push({ kind: 'dashboard', change: 'changed', id: uid, destructive: false, summary: `dashboard ${d.title} (${uid}): ${added} panel(s) added, ${removed} removed, ${fields.length - added - removed} changed`, fields });
    }
  }
  return items;
}

function diffScrapeJobs(base: Files, head: Files): PlanItem[] {
  const jobs = (files: Files) => {
    const text = files.get('prometheus/prometheus.yml')?.content;
    const config = (text ? parse(text) : {}) as { scrape_configs?: Json[] } | null;
    return new Map((config?.scrape_configs ?? []).map((j) => [String(j.job_name), j]));
  };
  return keyed('scrape-job', jobs(base), jobs(head), (id) => `scrape job ${id}`);
}

function diffKubernetes(base: Files, head: Files): PlanItem[] {
  const objects = (files: Files) => new Map([...files].filter(([p]) => p.startsWith('kubernetes/') && /\.ya?ml$/.test(p)).flatMap(([, { content }]) =>
    parseAllDocuments(content).map((doc) => doc.toJS() as Json | null).filter((o): o is Json => !!o && typeof o.kind === 'string').map((o) => {
      const meta = (o.metadata as Json | undefined) ?? {};
      return [`${String(o.kind)} ${meta.namespace ? `${String(meta.namespace)}/` : ''}${String(meta.name)}`, o] as const;
    })));
  return keyed('kubernetes', objects(base), objects(head), (id) => id);
}

/** Secret values never reach a plan (a PR comment is public to the repository); long texts show as their size. */
function redacted(id: string, fields: readonly FieldChange[]): FieldChange[] {
  const secret = id.startsWith('Secret ');
  const shorten = (v: unknown) => {
    if (v === undefined) return undefined;
    if (secret) return '(redacted)';
    if (typeof v === 'string') return v.length > 200 || v.includes('\n') ? `(${v.length} characters)` : v;
    return Array.isArray(v) && JSON.stringify(v).length > 200 ? `(${v.length} item(s))` : v;
  };
  return fields.map((f) => ({ field: f.field, before: shorten(f.before), after: shorten(f.after) }));
}

function keyed(kind: ItemKind, before: ReadonlyMap<string, Json>, after: ReadonlyMap<string, Json>, name: (id: string) => string): PlanItem[] {
  const items: PlanItem[] = [];
  for (const id of before.keys()) if (!after.has(id)) items.push({ kind, change: 'removed', id, destructive: false, summary: `${name(id)} is removed`, fields: [] });
  for (const [id, object] of after) {
    const old = before.get(id);
    if (!old) items.push({ kind, change: 'added', id, destructive: false, summary: `${name(id)} is added`, fields: [] });
    else {
      const fields = redacted(id, fieldChanges(old, object));
      if (fields.length > 0) items.push({ kind, change: 'changed', id, destructive: false, summary: `${name(id)} changes ${fields.map((f) => f.field).slice(0, 6).join(', ')}${fields.length > 6 ? ', ...' : ''}`, fields });
    }
  }
  return items;
}

const kindOrder: readonly ItemKind[] = ['routing', 'alert', 'recording-rule', 'slo', 'inhibition', 'time-interval', 'scaling', 'dashboard', 'scrape-job', 'kubernetes'];
const changeOrder: readonly Change[] = ['removed', 'changed', 'moved', 'added'];

/** The plan: destructive changes first, then by kind, change and name. */
export function plan(base: Compilation, head: Compilation): Plan {
  const [bm, hm] = [base.model!, head.model!];
  const noFiles: Files = new Map();
  const [bf, hf] = [base.files ?? noFiles, head.files ?? noFiles];
  const records = diffRecords(bm, hm, hf);
  const items = [
    ...diffAlerts(bm, hm), ...diffRouting(bm, hm), ...records.items, ...diffSlos(bm, hm), ...diffAlertmanager(bm, hm), ...diffScaling(bm, hm),
    ...diffDashboards(bf, hf), ...diffScrapeJobs(bf, hf), ...diffKubernetes(bf, hf),
  ].sort((a, b) => Number(b.destructive) - Number(a.destructive)
    || kindOrder.indexOf(a.kind) - kindOrder.indexOf(b.kind)
    || changeOrder.indexOf(a.change) - changeOrder.indexOf(b.change)
    || (a.service ?? '').localeCompare(b.service ?? '') || a.id.localeCompare(b.id));
  return { items, errors: records.errors };
}
