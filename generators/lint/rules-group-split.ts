import type { LintRule } from '../core/lint.ts';

/**
 * A group over its ruler's rules-per-group limit, written as several groups
 * because the project says so (`rules.limits.<ruler>.overflow: 'split'`):
 * the parts run concurrently, so a rule that reads a record of an earlier
 * part sees it one evaluation late.
 */
export const rulesGroupSplit: LintRule = {
  code: 'rules/group-split',
  level: 'warning',
  description: 'a group over its ruler\'s rules-per-group limit is written as several groups, which run concurrently',
  check: (model) =>
    model.services.flatMap((s) => s.ruleGroups).flatMap((group) => {
      const engine = group.evaluation.engine;
      if (engine !== 'mimir' && engine !== 'thanos') return [];
      const limits = model.project.rules.limits[engine];
      const rules = group.records.length + group.alerts.length;
      if (limits.overflow !== 'split' || limits.rulesPerGroup === 0 || rules <= limits.rulesPerGroup) return [];
      const parts = Math.ceil(rules / limits.rulesPerGroup);
      return [{
        site: group.site,
        field: ['name'],
        message: `has ${rules} rules and the ${engine} ruler takes at most ${limits.rulesPerGroup} in a group: written as ${parts} groups ${group.name}-1 to ${group.name}-${parts}, which run concurrently, so a rule reading a record of an earlier part sees it one evaluation late`,
      }];
    }),
};
