import type { Artifact, Generator } from '../core/generator.ts';
import type { Model, RuleGroupModel } from '../core/model.ts';
import { checkSlos } from '../model/slo/index.ts';
import { checkEvaluation, checkRulerLimits } from './checks.ts';
import { engineFolders, fileOf, rulePath, testPath } from './placement.ts';
import { engineRuleFile } from './rule-files.ts';
import { LONG_TEST_INTERVAL, testFile } from './test-files.ts';

const groupBy = (groups: readonly RuleGroupModel[], key: (g: RuleGroupModel) => string) => {
  const map = new Map<string, RuleGroupModel[]>();
  for (const group of groups) map.set(key(group), [...(map.get(key(group)) ?? []), group]);
  return map;
};

/**
 * Rule files under <evaluator>/rules/ (prometheus, mimir, thanos or vmalert),
 * and their promtool unit tests under <evaluator>/tests/.
 */
export const rulesGenerator: Generator = {
  name: 'rules',
  /** SLOs become rule files: their tiers and scenario series are checked here, and the cluster label rulers keep. */
  check: (model) => [...checkSlos(model), ...checkEvaluation(model), ...checkRulerLimits(model)],
  generate(model: Model): Artifact[] {
    const groups = model.services.flatMap((service) => service.ruleGroups);
    const rules = [...groupBy(groups, rulePath)].map(([path, inFile]): Artifact => ({ path, format: 'yaml', data: engineRuleFile(inFile, model.project.rules.limits) }));
    const tests = [...groupBy(groups, fileOf)].flatMap(([file, inFile]): Artifact[] => {
      const own = file === inFile[0]!.service ? undefined : file;
      const short = testFile(model, inFile, own);
      const long = own && testFile(model, inFile, own, LONG_TEST_INTERVAL);
      return [
        ...(short ? [{ path: testPath(inFile[0]!), format: 'yaml' as const, data: short }] : []),
        ...(long ? [{ path: testPath(inFile[0]!, '-long'), format: 'yaml' as const, data: long }] : []),
      ];
    });
    // Prometheus loads its rule files from prometheus/: the files delivery; the rulers' files are written whatever the delivery.
    return [...rules, ...tests].map((a) => (a.path.startsWith(`${engineFolders.prometheus}/`) ? { ...a, delivery: 'files' } : a));
  },
};
