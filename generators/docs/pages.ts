import { formatDuration, parseDuration } from '../../schemas/duration.ts';
import type { EscalationPolicy } from '../../schemas/runbook.ts';
import { severities } from '../../schemas/severity.ts';
import { stableNumber } from '../core/emit.ts';
import { dashboardUrl } from '../core/links.ts';
import type { Model, ServiceModel } from '../core/model.ts';
import { compare } from '../core/validate.ts';
import { dashboardCatalog, linkUrl, sloDashboardLink } from '../model/dashboards.ts';
import { periodText, referencePeriod } from '../model/slo/windows.ts';
import { formatMatcher, parseMatcher } from '../model/matchers.ts';
import { routeTree, type ResolvedRoute, type RoutedAlert } from '../model/routing.ts';
import { integrationsOf, severityMeaning, silenceCommands } from './conventions.ts';
import { anchorOf, code, mermaidText } from './markdown.ts';
import { alertSections, type Routed } from './sections.ts';

const sortedServices = (model: Model) => [...model.services].sort((a, b) => compare(a.id, b.id));

/** The policy for a team: its own, else the one without a team. */
export function policyFor(model: Model, team: string): EscalationPolicy | undefined {
  const policies = model.project.escalation.map((e) => e.policy);
  return policies.find((p) => p.team === team) ?? policies.find((p) => p.team === undefined);
}

const policyTitle = (policy: EscalationPolicy) => (policy.team ? `Team ${policy.team}` : 'Every other team');

function levelsOf(model: Model, policy: EscalationPolicy) {
  return policy.levels.map((level) => ({
    ...level,
    reaches: [
      ...(level.receivers ?? []).map((name) => {
        const receiver = model.project.alertmanager?.config.receivers.find((r) => r.name === name);
        return `${code(name)}${receiver ? `: ${integrationsOf(receiver).join('; ')}` : ''}`;
      }),
      ...(level.contact ? [level.contact] : []),
    ].join('; '),
  }));
}

export function runbookView(model: Model, service: ServiceModel, routed: Routed) {
  const policy = policyFor(model, service.team);
  return {
    service: { id: service.id, team: service.team, description: service.description },
    routing: model.project.alertmanager !== undefined,
    silenceDuration: model.project.docs.silenceDuration,
    escalation: policy && { anchor: anchorOf(policyTitle(policy)), levels: levelsOf(model, policy) },
    alerts: alertSections(model, service, routed),
  };
}

export function indexView(model: Model, routed: Routed) {
  const grafana = model.project.links.grafana;
  const sections = sortedServices(model).map((s) => ({ service: s, alerts: alertSections(model, s, routed) }));
  const alerts = sections.flatMap(({ service, alerts: own }) => own.map((a) => ({ ...a, service: service.id })));
  // Per service once: a filter of every alert per SLO grew with the square of the estate.
  const byService = new Map<string, typeof alerts>();
  for (const alert of alerts) byService.set(alert.service, [...(byService.get(alert.service) ?? []), alert]);
  return {
    project: model.project.name,
    routing: model.project.alertmanager !== undefined,
    services: sections.map(({ service, alerts: own }) => ({ id: service.id, team: service.team, alerts: own.length })),
    severities: severities
      .map((severity) => ({ severity, title: severity[0]!.toUpperCase() + severity.slice(1), meaning: severityMeaning[severity], alerts: alerts.filter((a) => a.severity === severity) }))
      .filter((group) => group.alerts.length > 0),
    slos: sortedServices(model).flatMap((s) => s.slos.map(({ slo }) => {
      const period = periodText(slo);
      const own = new Set(s.ruleGroups.filter((g) => g.file === `slo-${slo.id}`).flatMap((g) => g.alerts.map((a) => a.name)));
      const budgetMs = parseDuration(referencePeriod(slo))! * (1 - slo.objective / 100);
      return {
        id: slo.id,
        service: s.id,
        objective: stableNumber(slo.objective),
        period,
        budget: formatDuration(Math.round(budgetMs / 1000) * 1000),
        dashboard: grafana && model.project.grafana?.sloDashboards ? linkUrl(grafana, sloDashboardLink(model.project, slo.id)) : undefined,
        alerts: (byService.get(s.id) ?? []).filter((a) => own.has(a.name)),
      };
    })),
    dashboards: dashboardCatalog(model)
      .map((d) => ({ title: d.title, folder: d.folder, kind: d.kind, url: grafana && dashboardUrl(grafana, d.id) }))
      .sort((a, b) => compare(`${a.folder}/${a.title}`, `${b.folder}/${b.title}`)),
  };
}

export function escalationView(model: Model) {
  return {
    severities: severities.map((severity) => ({ severity, meaning: severityMeaning[severity] })),
    // Teams' own policies by team, then the one for everyone else.
    policies: [...model.project.escalation].sort((a, b) => compare(a.policy.team ?? '\uffff', b.policy.team ?? '\uffff')).map(({ policy }) => {
      const teams = policy.team
        ? [policy.team]
        : [...new Set(model.services.map((s) => s.team))].filter((team) => policyFor(model, team) === policy).sort(compare);
      return {
        title: policyTitle(policy),
        teams: teams.map(code).join(', '),
        levels: levelsOf(model, policy),
        classes: (policy.classes ?? []).map((c) => ({ ...c, severities: (c.severities ?? []).map(code).join(', ') })),
      };
    }),
  };
}

/** A time interval in words: `sunday 02:00-03:00 UTC`. */
function when(interval: { intervals: readonly { times?: { start: string; end: string }[]; weekdays?: string[]; daysOfMonth?: string[]; months?: string[]; years?: string[]; location?: string }[] }): string {
  return interval.intervals.map((i) => [
    i.weekdays?.join(', '),
    i.daysOfMonth && `days ${i.daysOfMonth.join(', ')} of the month`,
    i.months?.join(', '),
    i.years?.join(', '),
    i.times?.map((t) => `${t.start}-${t.end}`).join(', ') ?? 'all day',
    i.location ?? 'UTC',
  ].filter(Boolean).join(' ')).join('; or ');
}

function routesOf(root: ResolvedRoute | undefined): ResolvedRoute[] {
  return root ? [root, ...root.routes.flatMap((r) => routesOf(r))] : [];
}

export function maintenanceView(model: Model) {
  const routes = routesOf(routeTree(model));
  return {
    intervals: [...(model.project.alertmanager?.config.timeIntervals ?? [])].sort((a, b) => compare(a.name, b.name)).map((interval) => ({
      name: interval.name,
      when: when(interval),
      mutes: routes.filter((r) => r.muteTimeIntervals.includes(interval.name)).map((r) => code(r.path)).join('<br>'),
      active: routes.filter((r) => r.activeTimeIntervals.includes(interval.name)).map((r) => code(r.path)).join('<br>'),
    })),
    services: sortedServices(model).map((s) => ({ id: s.id, ...silenceCommands(model, `service=${s.id}`, `Maintenance of ${s.id}`) })),
  };
}

/** Mermaid lines of the routing tree: one node per route with its receiver, edges labelled with the matchers. */
function mermaidTree(root: ResolvedRoute): string[] {
  const lines: string[] = [];
  let next = 0;
  const visit = (route: ResolvedRoute): string => {
    const id = `r${next++}`;
    const extras = [route.continue ? 'continue' : '', route.muteTimeIntervals.length ? `muted: ${route.muteTimeIntervals.join(', ')}` : '', route.activeTimeIntervals.length ? `active: ${route.activeTimeIntervals.join(', ')}` : ''].filter(Boolean);
    lines.push(`${id}["${mermaidText(id === 'r0' ? `root: ${route.receiver}` : route.receiver)}${extras.map((e) => `<br/>${mermaidText(e)}`).join('')}"]`);
    for (const child of route.routes) {
      const childId = visit(child);
      const label = child.matchers.map((m) => formatMatcher(parseMatcher(m))).join(', ') || 'all';
      lines.push(`${id} -->|"${mermaidText(label)}"| ${childId}`);
    }
    return id;
  };
  visit(root);
  return lines;
}

export function routingView(model: Model, table: readonly RoutedAlert[], withRunbooks: boolean) {
  const root = routeTree(model)!;
  return {
    defaultReceiver: root.receiver,
    tree: mermaidTree(root),
    rows: [...table]
      .sort((a, b) => compare(`${a.alert.service}/${a.alert.name}`, `${b.alert.service}/${b.alert.name}`))
      .map(({ alert, receivers, via }) => ({
        name: alert.name,
        runbook: withRunbooks ? `runbooks/${alert.service}.md#${anchorOf(alert.name)}` : undefined,
        service: alert.service,
        severity: alert.severity,
        receivers: receivers.join(', '),
        via: via.map((v) => code(v).replace(/\|/g, '\\|')).join('<br>'),
      })),
  };
}
