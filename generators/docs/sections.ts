import { formatDuration, parseDuration } from '../../schemas/duration.ts';
import { severities, type Severity } from '../../schemas/severity.ts';
import { stableNumber } from '../core/emit.ts';
import type { AlertModel, Model, ServiceModel } from '../core/model.ts';
import { matches, parseMatcher } from '../model/matchers.ts';
import type { RoutedAlert } from '../model/routing.ts';
import { planSlo } from '../model/slo/rules.ts';
import { integrationsOf, severityMeaning, silenceCommands, type NotifyView } from './conventions.ts';
import { anchorOf, block, code } from './markdown.ts';

/** One alert's section of its service's runbook page: every rule of that name, as a plain view. */
export interface AlertView {
  readonly name: string;
  readonly anchor: string;
  readonly severity: Severity;
  readonly severityMeaning: string;
  readonly meaning?: string | undefined;
  readonly summary?: string | undefined;
  readonly description?: string | undefined;
  /** Several rules share the name (an SLO's tiers): the tables name each by the labels that differ. */
  readonly multiRule: boolean;
  readonly rules: readonly { readonly labels: string; readonly expr: string; readonly for?: string | undefined; readonly severity: Severity; readonly graph?: string | undefined }[];
  readonly impact?: string | undefined;
  readonly slo: readonly string[];
  readonly diagnosis?: string | undefined;
  readonly dashboard?: string | undefined;
  readonly inhibitedBy: readonly string[];
  readonly inhibits: readonly string[];
  readonly mitigation?: string | undefined;
  readonly automated: readonly string[];
  readonly notify: readonly NotifyView[];
  readonly silence: string;
  readonly expire: string;
  readonly links: readonly { readonly title: string; readonly url: string }[];
}

const rank = (s: Severity) => severities.indexOf(s);

/** Where each alert rule goes, looked up by the rule. */
export type Routed = ReadonlyMap<AlertModel, RoutedAlert>;

/** The sections of a service's page, one per alert name, sorted by name. */
export function alertSections(model: Model, service: ServiceModel, routed: Routed): AlertView[] {
  // The runbook page and the index both show a service's sections: worked out once per service of the model.
  const known = sectionsOf.get(service);
  if (known?.routed === routed) return known.views;
  const views = sectionsFor(model, service, routed);
  sectionsOf.set(service, { routed, views });
  return views;
}

const sectionsOf = new WeakMap<ServiceModel, { routed: Routed; views: AlertView[] }>();

function sectionsFor(model: Model, service: ServiceModel, routed: Routed): AlertView[] {
  const byName = new Map<string, AlertModel[]>();
  for (const alert of service.ruleGroups.flatMap((g) => g.alerts)) byName.set(alert.name, [...(byName.get(alert.name) ?? []), alert]);
  return [...byName].sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, rules]) => section(model, service, name, rules, rules.map((r) => routed.get(r))));
}

function section(model: Model, service: ServiceModel, name: string, rules: readonly AlertModel[], routes: readonly (RoutedAlert | undefined)[]): AlertView {
  const first = rules[0]!;
  const severity = rules.map((r) => r.severity).sort((a, b) => rank(a) - rank(b))[0]!;
  const runbook = rules.find((r) => r.runbook)?.runbook;
  const differing = Object.keys(first.labels).filter((key) => rules.some((r) => r.labels[key] !== first.labels[key])).sort();
  const labelsOf = (r: AlertModel) => differing.map((key) => `${key}=${r.labels[key]}`).join(', ');
  const prometheus = model.project.links.prometheus?.replace(/\/$/, '');
  const webhooks = routes.flatMap((row) => row?.routes ?? []).map((r) => r.receiver)
    .filter((receiver, i, all) => all.indexOf(receiver) === i && (receiverOf(model, receiver)?.webhook ?? []).length > 0);
  return {
    name,
    anchor: anchorOf(name),
    severity,
    severityMeaning: severityMeaning[severity],
    meaning: block(runbook?.meaning),
    summary: first.annotations.summary,
    description: first.annotations.description,
    multiRule: rules.length > 1,
    rules: rules.map((r) => ({
      labels: labelsOf(r),
      expr: r.expr.trim(),
      for: r.for,
      severity: r.severity,
      graph: prometheus && `${prometheus}/graph?g0.expr=${encodeURIComponent(r.expr.trim()).replace(/\(/g, '%28').replace(/\)/g, '%29')}&g0.tab=0`,
    })),
    impact: block(runbook?.impact),
    slo: sloImpact(service, rules),
    diagnosis: block(runbook?.diagnosis),
    dashboard: first.annotations.dashboard_url,
    inhibitedBy: inhibitions(model, first, 'target'),
    inhibits: inhibitions(model, first, 'source'),
    mitigation: block(runbook?.mitigation),
    automated: [
      ...(runbook?.automated ? [runbook.automated] : []),
      ...webhooks.map((receiver) => `The alert also reaches the webhook receiver ${code(receiver)} (${integrationsOf(receiverOf(model, receiver)!).join('; ')}).`),
    ],
    notify: notifyRows(model, rules.map((r, i) => ({ rule: labelsOf(r), routed: routes[i] }))),
    ...silenceCommands(model, `alertname=${name} service=${service.id}`, `Silenced from the runbook: ${name} on ${service.id}`),
    links: [...(runbook?.links ?? []), ...linkedRunbooks(model, service, rules)],
  };
}

/**
 * The runbooks the alert's own runbook_url points at when it is not this page
 * (an upstream rule's, such as runbooks.prometheus-operator.dev): the page
 * links them, so the responder who opens it finds upstream's steps too.
 */
function linkedRunbooks(model: Model, service: ServiceModel, rules: readonly AlertModel[]): { title: string; url: string }[] {
  const base = model.project.links.runbooks;
  const own = (url: string) => base !== undefined && url.startsWith(`${base.replace(/\/$/, '')}/${service.id}.md#`);
  const urls = [...new Set(rules.map((r) => r.annotations.runbook_url).filter((url): url is string => url !== undefined && !own(url)))];
  return urls.map((url) => ({ title: `Runbook the alert links to (${new URL(url).host})`, url }));
}

/** One row per rule and route that takes it; rules that share a route are told apart by `rule`. */
function notifyRows(model: Model, rules: readonly { rule: string; routed: RoutedAlert | undefined }[]): NotifyView[] {
  const rows = rules.flatMap(({ rule, routed }) => (routed?.routes ?? []).map((route): NotifyView => {
    const receiver = receiverOf(model, route.receiver);
    return {
      rule,
      receiver: route.receiver,
      integrations: receiver ? integrationsOf(receiver).join('; ') : '',
      via: route.path,
      groupBy: route.groupBy.join(', '),
      groupWait: route.groupWait,
      groupInterval: route.groupInterval,
      repeatInterval: route.repeatInterval,
      mute: route.muteTimeIntervals.join(', '),
      active: route.activeTimeIntervals.join(', '),
    };
  }));
  const seen = new Set<string>();
  return rows.filter((row) => !seen.has(JSON.stringify(row)) && Boolean(seen.add(JSON.stringify(row))));
}

function receiverOf(model: Model, name: string) {
  return model.project.alertmanager?.config.receivers.find((r) => r.name === name);
}

/** Inhibit rules whose source (or target) matchers all hold for the alert's own labels. */
function inhibitions(model: Model, alert: AlertModel, side: 'source' | 'target'): string[] {
  const labels = { alertname: alert.name, ...alert.labels };
  return (model.project.alertmanager?.config.inhibitRules ?? [])
    .filter((rule) => rule[side].every((m) => matches(parseMatcher(m), labels)))
    .map((rule) => {
      const other = side === 'source' ? rule.target : rule.source;
      const equal = rule.equal?.length ? ` with the same ${rule.equal.join(', ')}` : '';
      const matching = code(`{${other.join(', ')}}`);
      return side === 'source' ? `While this alert fires, alerts matching ${matching}${equal} are muted.` : `This alert is muted while an alert matching ${matching}${equal} fires.`;
    });
}

/** For SLO alerts: what the burn costs, from the SLO's plan. */
function sloImpact(service: ServiceModel, rules: readonly AlertModel[]): string[] {
  const id = rules[0]!.labels.slo;
  const declared = id && service.slos.find((s) => s.slo.id === id);
  if (!declared) return [];
  const plan = planSlo(declared.slo, service, declared.site);
  const periodMs = parseDuration(plan.period)!;
  const budget = formatDuration(Math.round((periodMs * plan.errorBudget) / 1000) * 1000);
  const lines = [`SLO ${code(plan.slo.id)}: ${stableNumber(plan.slo.objective)}% over ${plan.budgetPeriod}, an error budget of ${budget} of full outage per period.`];
  for (const rule of rules) {
    const tier = plan.tiers.find((t) => t.longWindow === rule.labels.long_window && t.shortWindow === rule.labels.short_window);
    if (tier) {
      const exhaust = formatDuration(Math.round(periodMs / tier.factor / 60_000) * 60_000);
      lines.push(`${tier.kind === 'page' ? 'Page' : 'Ticket'} (${tier.longWindow} and ${tier.shortWindow} windows, ${rule.severity}): burning ${stableNumber(tier.factor)}x faster than sustainable, ${stableNumber(tier.budgetPercent)}% of the budget goes in ${tier.longWindow}, and the whole budget in ${exhaust}.`);
    } else if (rule.labels.budget_spent) {
      lines.push(`Budget (${rule.severity}): ${rule.labels.budget_spent} of this period's budget is spent.`);
    }
  }
  return lines;
}
