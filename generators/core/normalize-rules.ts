import type { AlertRule, RecordingRule } from '../../schemas/rules.ts';
import type { service as serviceSchema } from '../../schemas/service.ts';
import type { z } from 'zod';
import { sortLabels } from './labels.ts';
import { runbookUrl } from './links.ts';
import { linkUrl, namedDashboardLink, serviceDashboardLink } from '../model/dashboards.ts';
import type { AlertModel, ProjectModel, RecordModel, RuleGroupModel, Site, UnplacedRuleGroup } from './model.ts';
import { joinSubject } from './schema-issues.ts';
import { planSlo, sloGroups } from '../model/slo/rules.ts';
import { scalingGroup } from '../model/scaling-alerts.ts';

type ServiceData = z.output<typeof serviceSchema>;

/** The service's rule groups with every label and link the compiler adds. */
export function normalizeRuleGroups(service: ServiceData, site: Site, project: Pick<ProjectModel, 'links' | 'targets' | 'rules' | 'grafana'>): RuleGroupModel[] {
  // SLO ids name rule files: estate-checks reports duplicates before anything is written.
  const slos = (service.slos ?? []).flatMap((slo, i) =>
    sloGroups(planSlo(slo, service, { ...child(site, ['slos', i]), subject: slo.id }), project));
  const scaling = scalingGroup(service, (service.scaling ?? []).map((policy, i) => ({
    policy,
    site: { ...child(site, ['scaling', i]), subject: `${policy.workload.namespace}/${policy.workload.name}` },
  })), site, project);
  const place = (group: UnplacedRuleGroup): RuleGroupModel => ({ ...group, evaluation: project.rules.evaluation });
  return [...declaredGroups(service, site, project), ...scaling.map(place), ...slos.map(place)];
}

/** Sorted by name (stably, so a repeated name is reported at its later declaration): Prometheus runs a file's groups independently. */
function declaredGroups(service: ServiceData, site: Site, project: Pick<ProjectModel, 'links' | 'rules' | 'grafana'>): RuleGroupModel[] {
  return (service.ruleGroups ?? []).map((group, g): RuleGroupModel => {
    const groupSite = child(site, ['ruleGroups', g]);
    // A group evaluated elsewhere than the project's default gets a file of its own: a rule file has one evaluator.
    const own = group.evaluation && JSON.stringify(group.evaluation) !== JSON.stringify(project.rules.evaluation);
    return {
      name: group.name,
      service: service.id,
      file: own ? `${service.id}-${group.name}` : undefined,
      evaluation: group.evaluation ?? project.rules.evaluation,
      interval: group.interval,
      limit: group.limit,
      records: (group.records ?? []).map((rule, i) => toRecord(service, rule, child(groupSite, ['records', i]))),
      alerts: (group.alerts ?? [])
        .map((rule, i) => toAlert(service, rule, child(groupSite, ['alerts', i]), project))
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
      site: groupSite,
    };
  }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function child(site: Site, path: readonly PropertyKey[]): Site {
  return { root: site.root, path: [...site.path, ...path], subject: joinSubject(site.subject, path) };
}

function toRecord(service: ServiceData, rule: RecordingRule, site: Site): RecordModel {
  return { name: rule.record, service: service.id, expr: rule.expr, labels: sortLabels(rule.labels ?? {}), tests: rule.tests ?? [], site };
}

function toAlert(service: ServiceData, rule: AlertRule, site: Site, project: Pick<ProjectModel, 'links' | 'grafana'>): AlertModel {
  const { runbooks, grafana } = project.links;
  return {
    name: rule.alert,
    service: service.id,
    expr: rule.expr,
    for: rule.for,
    keepFiringFor: rule.keepFiringFor,
    severity: rule.severity,
    labels: sortLabels({ ...rule.labels, severity: rule.severity, team: service.team, service: service.id }),
    annotations: sortLabels({
      ...rule.annotations,
      summary: rule.summary,
      description: rule.description,
      // Declared annotations win over the generated links (an imported rule keeps its own).
      runbook_url: rule.runbookUrl ?? rule.annotations?.runbook_url ?? (runbooks && runbookUrl(runbooks, service.id, rule.alert)),
      dashboard_url: rule.annotations?.dashboard_url ?? (grafana && linkUrl(grafana, rule.dashboard ? namedDashboardLink(project, rule.dashboard) : serviceDashboardLink(project, service.id))),
    }),
    runbook: rule.runbook,
    tests: rule.tests ?? [],
    site: { ...site, subject: rule.alert },
  };
}
