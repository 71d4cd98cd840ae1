import { lintRules } from '../lint/index.ts';
import { hasErrors, sortDiagnostics, type Diagnostic } from './diagnostic.ts';
import { serialize } from './emit.ts';
import { InternalError } from './errors.ts';
import type { Artifact, Generator } from './generator.ts';
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
  /** Every family of the registry: their build-time checks run whatever is generated. Core imports no family; generators/compile.ts passes them. */
  readonly families: readonly Generator[];
  /** The families that generate (`--only`, the fuzz test). @default families */
  readonly generators?: readonly Generator[];
  readonly rules?: readonly LintRule[];
  /** Stop after lint: the `validate` command. */
  readonly checkOnly?: boolean;
}

/** validate -> check (core's, then every family's) -> lint -> generate (each generator sees the earlier ones' artifacts) -> review -> emit. Stops before lint on any check finding, before generate on any error, before emit on a review error. */
export function compile(project: unknown, options: CompileOptions): Compilation {
  const validated = validate(project);
  if (!validated.model) return { diagnostics: sortDiagnostics(validated.diagnostics) };
  const model = validated.model;
  const checks = [...validated.diagnostics, ...checkFamilies(model, options.families)];
  if (checks.length > 0) return { diagnostics: sortDiagnostics(checks) };
  const diagnostics = sortDiagnostics([...validated.diagnostics, ...lint(model, options.rules ?? lintRules)]);
  if (hasErrors(diagnostics) || options.checkOnly) return { diagnostics, model };
  const artifacts = generate(model, options.generators ?? options.families);
  const reviewed = sortDiagnostics([...diagnostics, ...review(model, artifacts, options.generators ?? options.families)]);
  if (hasErrors(reviewed)) return { diagnostics: reviewed, model };
  return { diagnostics: reviewed, model, files: serializeAll(model, artifacts) };
}

/** Every registered family's build-time checks, whichever generators an `--only` selects: the project is checked whole. */
export function checkFamilies(model: Model, generators: readonly Generator[]): Diagnostic[] {
  return generators.flatMap((generator) => {
    try {
      return [...(generator.check?.(model) ?? [])];
    } catch (error) {
      throw new InternalError(`the checks of ${generator.name} failed on project ${model.project.name}`, { cause: error });
    }
  });
}

interface Generated {
  readonly artifact: Artifact;
  readonly generator: string;
}

/** Runs each generator in registry order, each seeing what the earlier ones wrote; two generators writing one path is a compiler bug. */
export function generate(model: Model, generators: readonly Generator[]): Generated[] {
  const owners = new Map<string, string>();
  const generated: Generated[] = [];
  for (const generator of generators) {
    for (const artifact of run(generator, model, generated.map((g) => g.artifact))) {
      const owner = owners.get(artifact.path);
      if (owner) throw new InternalError(`generators ${owner} and ${generator.name} both write ${artifact.path}`);
      owners.set(artifact.path, generator.name);
      generated.push({ artifact, generator: generator.name });
    }
  }
  return generated;
}

/** Every family's review of the whole output. */
function review(model: Model, generated: readonly Generated[], generators: readonly Generator[]): Diagnostic[] {
  const artifacts = generated.map((g) => g.artifact);
  return generators.flatMap((generator) => {
    try {
      return [...(generator.review?.(model, artifacts) ?? [])];
    } catch (error) {
      throw new InternalError(`the review of ${generator.name} failed on project ${model.project.name}`, { cause: error });
    }
  });
}

/** The files of every declared delivery, serialized, sorted by path. */
function serializeAll(model: Model, generated: readonly Generated[]): OutputFiles {
  const kept = generated.filter(({ artifact }) => model.project.delivery.files || artifact.delivery !== 'files');
  const files = kept.map(({ artifact, generator }) => [artifact.path, { content: serialize(artifact), generator }] as const);
  return new Map(files.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function run(generator: Generator, model: Model, upstream: readonly Artifact[]) {
  try {
    return generator.generate(model, upstream);
  } catch (error) {
    throw new InternalError(`generator ${generator.name} failed while building project ${model.project.name}`, { cause: error });
  }
}
