import { loadDefinitions } from '../../generators/core/load.ts';
import type { Diagnostic } from '../../generators/core/diagnostic.ts';
import { expandPacks } from './index.ts';

/** The user's project as every command reads it: `<dir>/index.ts`, with the content of its packs read from their folders. */
export async function loadProject(dir: string): Promise<{ project?: unknown; diagnostics: Diagnostic[] }> {
  const loaded = await loadDefinitions(dir);
  if (loaded.project === undefined) return loaded;
  const expanded = expandPacks(loaded.project, dir);
  return { project: expanded.project, diagnostics: [...loaded.diagnostics, ...expanded.diagnostics] };
}
