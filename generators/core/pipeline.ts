import { lintRules } from '../lint/index.ts';
import { generators as registry } from '../index.ts';
import { hasErrors, sortDiagnostics, type Diagnostic } from './diagnostic.ts';
import { serialize } from './emit.ts';
import { InternalError } from './errors.ts';
import type { Generator } from './generator.ts';
import { lint, type LintRule } from './lint.ts';
import type { Model } from './model.ts';
import type { OutputFiles } from './output.ts';
import { validate } from './validate.ts';

export interface Compilation {
  /** Sorted; warnings may come with files, errors never do. */
  readonly diagnostics: readonly Diagnostic[];
  readonly model?: Model;
  /** Absent when any stage reported an error. */
  readonly files?: OutputFiles;
}

export interface CompileOptions {
  readonly generators?: readonly Generator[];
  readonly rules?: readonly LintRule[];
  /** Stop after lint: the `validate` command. */
  readonly checkOnly?: boolean;
}

/** validate -> check (core's, then every family's) -> lint -> generate -> emit. Stops before lint on any check finding, before generate on any error. */
export function compile(project: unknown, options: CompileOptions = {}): Compilation {
  const validated = validate(project);
  if (!validated.model) return { diagnostics: sortDiagnostics(validated.diagnostics) };
  const model = validated.model;
  const checks = [...validated.diagnostics, ...checkFamilies(model)];
  if (checks.length > 0) return { diagnostics: sortDiagnostics(checks) };
  const diagnostics = sortDiagnostics([...validated.diagnostics, ...lint(model, options.rules ?? lintRules)]);
  if (hasErrors(diagnostics) || options.checkOnly) return { diagnostics, model };
  return { diagnostics, model, files: emit(model, options.generators ?? registry) };
}

/** Every registered family's build-time checks, whichever generators an `--only` selects: the project is checked whole. */
export function checkFamilies(model: Model, generators: readonly Generator[] = registry): Diagnostic[] {
  return generators.flatMap((generator) => {
    try {
      return [...(generator.check?.(model) ?? [])];
    } catch (error) {
      throw new InternalError(`the checks of ${generator.name} failed on project ${model.project.name}`, { cause: error });
    }
  });
}

/** Runs each generator and serializes its artifacts; two generators writing one path is a compiler bug. */
export function emit(model: Model, generators: readonly Generator[]): OutputFiles {
  const files = new Map<string, { content: string; generator: string }>();
  for (const generator of generators) {
    for (const artifact of run(generator, model)) {
      const owner = files.get(artifact.path);
      if (owner) {
        throw new InternalError(`generators ${owner.generator} and ${generator.name} both write ${artifact.path}`);
      }
      files.set(artifact.path, { content: serialize(artifact), generator: generator.name });
    }
  }
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function run(generator: Generator, model: Model) {
  try {
    return generator.generate(model);
  } catch (error) {
    throw new InternalError(`generator ${generator.name} failed while building project ${model.project.name}`, { cause: error });
  }
}
