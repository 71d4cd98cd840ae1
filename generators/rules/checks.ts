import type { Diagnostic } from '../core/diagnostic.ts';
import { locateSite } from '../core/locate.ts';
import type { Model } from '../core/model.ts';
import { joinSubject } from '../core/schema-issues.ts';

const limitFlags = { rulesPerGroup: '-ruler.max-rules-per-rule-group', groupsPerTenant: '-ruler.max-rule-groups-per-tenant' } as const;

/**
 * What a Mimir (or limited Thanos) ruler would refuse: a group with more
 * rules than it takes (unless the project splits such groups), and more
 * groups than the tenant may hold.
 */
export function checkRulerLimits(model: Model): Diagnostic[] {
  const found: Diagnostic[] = [];
  const groups = model.services.flatMap((s) => s.ruleGroups);
  for (const engine of ['mimir', 'thanos'] as const) {
    const limits = model.project.rules.limits[engine];
    const own = groups.filter((g) => g.evaluation.engine === engine);
    let count = 0;
    for (const group of own) {
      const rules = group.records.length + group.alerts.length;
      const over = limits.rulesPerGroup > 0 && rules > limits.rulesPerGroup;
      const parts = over && limits.overflow === 'split' ? Math.ceil(rules / limits.rulesPerGroup) : 1;
      count += parts;
      if (!over || parts > 1) continue;
      const name = engine === 'mimir' ? `Mimir's ruler takes at most ${limits.rulesPerGroup} rules in a group (${limitFlags.rulesPerGroup})` : `the Thanos ruler's limit is ${limits.rulesPerGroup} rules in a group`;
      found.push({ severity: 'error', code: 'rules/ruler-limit', location: locateSite(group.site, ['name']), subject: joinSubject(group.site.subject, ['name']), message: `has ${rules} rules and ${name}; split the group, set rules.limits.${engine}.overflow: 'split', or raise rules.limits.${engine}.rulesPerGroup to your ruler's limit` });
    }
    if (limits.groupsPerTenant > 0 && count > limits.groupsPerTenant) {
      const site = model.project.site;
      found.push({
        severity: 'error',
        code: 'rules/ruler-limit',
        location: locateSite(site, ['rules']),
        subject: joinSubject(site.subject, ['rules']),
        message: `${count} groups are evaluated by the ${engine} ruler, which takes at most ${limits.groupsPerTenant} per tenant${engine === 'mimir' ? ` (${limitFlags.groupsPerTenant})` : ''}; merge groups, or raise rules.limits.${engine}.groupsPerTenant to your ruler's limit`,
      });
    }
  }
  return found;
}

/** The cluster label is an external label: Prometheus adds it to what it sends, so the ruler's series carry it. */
export function checkEvaluation(model: Model): Diagnostic[] {
  const label = model.project.rules.clusterLabel;
  if (!label || label in model.project.prometheus.externalLabels) return [];
  const site = model.project.site;
  return [{
    severity: 'error',
    code: 'rules/cluster-label',
    location: locateSite(site, ['rules', 'clusterLabel']),
    subject: joinSubject(site.subject, ['rules', 'clusterLabel']),
    message: `${label} is not one of prometheus.externalLabels (${Object.keys(model.project.prometheus.externalLabels).join(', ') || 'none declared'}): declare it there, with this cluster's value`,
  }];
}
