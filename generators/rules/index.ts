import type { Artifact, Generator } from '../core/generator.ts';
import type { Model } from '../core/model.ts';
import { ruleFile } from './rule-files.ts';
import { testFile } from './test-files.ts';

/** Rule files per service under prometheus/rules/, and their promtool unit tests under prometheus/tests/. */
export const rulesGenerator: Generator = {
  name: 'rules',
  generate(model: Model): Artifact[] {
    return model.services
      .filter((service) => service.ruleGroups.length > 0)
      .flatMap((service): Artifact[] => {
        const tests = testFile(model, service);
        return [
          { path: `prometheus/rules/${service.id}.yml`, format: 'yaml', data: ruleFile(service) },
          ...(tests ? [{ path: `prometheus/tests/${service.id}.yml`, format: 'yaml' as const, data: tests }] : []),
        ];
      });
  },
};
