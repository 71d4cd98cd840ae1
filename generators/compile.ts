/**
 * The compiler with the registry of families: what commands, scripts and
 * tests call. Core (generators/core/) takes the families as an argument and
 * imports none of them; this module, beside the registry, passes them.
 */
import { checkFamilies as checkWith, compile as compileWith, type Compilation, type CompileOptions } from './core/pipeline.ts';
import type { Diagnostic } from './core/diagnostic.ts';
import type { Model } from './core/model.ts';
import { generators as families } from './index.ts';

export { generate, type Compilation } from './core/pipeline.ts';

/** Compiles a project with every registered family (or `options.generators` only, checked by all). */
export function compile(project: unknown, options: Omit<CompileOptions, 'families'> = {}): Compilation {
  return compileWith(project, { ...options, families });
}

/** Every registered family's build-time checks. */
export function checkFamilies(model: Model): Diagnostic[] {
  return checkWith(model, families);
}
