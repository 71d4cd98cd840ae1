import { posix } from 'node:path';
import type { RuleEngine } from '../../schemas/delivery.ts';
import type { Model, RuleGroupModel } from '../core/model.ts';

/** The folder under out/ of each evaluator's rule and test files. */
export const engineFolders: Record<RuleEngine, string> = {
  prometheus: 'prometheus',
  mimir: 'mimir',
  thanos: 'thanos',
  vmalert: 'vmalert',
};

/** A rule file id: the service's own file, an SLO's, or a group evaluated apart. */
export const fileOf = (g: RuleGroupModel) => g.file ?? g.service;

/**
 * Where a rule file's groups are written, relative to out/. A Mimir ruler takes
 * one file per namespace, so every file of a namespace lands in one.
 */
export function rulePath(group: RuleGroupModel): string {
  const { evaluation } = group;
  const name = evaluation.engine === 'mimir' ? evaluation.namespace ?? group.service : fileOf(group);
  return `${engineFolders[evaluation.engine]}/rules/${name}.yml`;
}

/** The test file of a rule file. */
export const testPath = (group: RuleGroupModel, suffix = '') => `${engineFolders[group.evaluation.engine]}/tests/${fileOf(group)}${suffix}.yml`;

/** Rule file id to the path it is written at: the test files load them by it. */
export function rulePaths(model: Model): ReadonlyMap<string, string> {
  let paths = pathsByModel.get(model);
  if (!paths) {
    paths = new Map(model.services.flatMap((s) => s.ruleGroups).map((g) => [fileOf(g), rulePath(g)]));
    pathsByModel.set(model, paths);
  }
  return paths;
}
const pathsByModel = new WeakMap<Model, ReadonlyMap<string, string>>();

/** The path from the folder of `from` to `to`, both relative to out/. */
export const relativePath = (from: string, to: string) => posix.relative(posix.dirname(from), to);
