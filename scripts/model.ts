import { formatDiagnostic, hasErrors } from '../generators/core/diagnostic.ts';
import { UsageError } from '../generators/core/errors.ts';
import { loadProject } from './packs/load.ts';
import type { OutputFiles } from '../generators/core/output.ts';
import type { Model } from '../generators/core/model.ts';
import { compile } from '../generators/compile.ts';

/**
 * The commands that are not compilation (stack, verify, report) read the
 * project through core's compile: the model, and the files when they need to
 * compare out/. Definitions that do not build are a usage error listing the diagnostics.
 */
export async function loadModel(definitions: string, options: { files?: boolean } = {}): Promise<{ model: Model; files?: OutputFiles | undefined }> {
  const loaded = await loadProject(definitions);
  const compilation = loaded.project === undefined ? { diagnostics: loaded.diagnostics } : compile(loaded.project, { checkOnly: !options.files });
  if (hasErrors(compilation.diagnostics) || !('model' in compilation) || !compilation.model) {
    throw new UsageError(`the definitions do not build:\n${compilation.diagnostics.map((d) => formatDiagnostic(d)).join('\n')}`);
  }
  return { model: compilation.model, files: 'files' in compilation ? compilation.files : undefined };
}
