import type { Artifact, Generator } from '../core/generator.ts';
import type { Model, RuleGroupModel } from '../core/model.ts';
import { checkSlos } from '../model/slo/index.ts';
import { ruleFile } from './rule-files.ts';
import { LONG_TEST_INTERVAL, testFile } from './test-files.ts';

/** Rule files per service under prometheus/rules/, and their promtool unit tests under prometheus/tests/. */
export const rulesGenerator: Generator = {
  name: 'rules',
  /** SLOs become rule files: their tiers and scenario series are checked here. */
  check: checkSlos,
  generate(model: Model): Artifact[] {
    return model.services.flatMap((service) => {
      const files = new Map<string, RuleGroupModel[]>();
      for (const group of service.ruleGroups) {
        const file = group.file ?? service.id;
        files.set(file, [...(files.get(file) ?? []), group]);
      }
      return [...files].flatMap(([file, groups]): Artifact[] => {
        const own = file === service.id ? undefined : file;
        const tests = testFile(model, groups, own);
        const long = own && testFile(model, groups, own, LONG_TEST_INTERVAL);
        return [
          { path: `prometheus/rules/${file}.yml`, format: 'yaml', data: ruleFile(groups) },
          ...(tests ? [{ path: `prometheus/tests/${file}.yml`, format: 'yaml' as const, data: tests }] : []),
          ...(long ? [{ path: `prometheus/tests/${file}-long.yml`, format: 'yaml' as const, data: long }] : []),
        ];
      });
    });
  },
};
