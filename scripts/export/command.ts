/**
 * `monac export openslo --out DIR`: every SLO of the project as OpenSLO v1,
 * one file per SLO (its SLI and its SLO), so tools that read OpenSLO, and
 * `monac import`, can consume them. The folder is replaced whole, as
 * `build --out` replaces out/: new, empty, or an earlier export.
 */
import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formatDiagnostic, hasErrors } from '../../generators/core/diagnostic.ts';
import { UsageError } from '../../generators/core/errors.ts';
import { loadProject } from '../packs/load.ts';
import { writeOutput } from '../../generators/core/output.ts';
import { assertReplaceable } from '../../generators/core/output-folder.ts';
import { compile } from '../../generators/compile.ts';
import { openSloFile } from './openslo.ts';

export const exportUsage = `Usage: monac export openslo --out DIR [--definitions DIR]

Writes every SLO of the project as OpenSLO v1: DIR/<slo id>.yaml holds its
SLI (a ratioMetric of Prometheus queries) and its SLO (service, rolling
window, objective, Occurrences). Grouped SLIs and ratios of queries are
written as queries with Sloth's {{.window}}, which monac import reads back.
OpenSLO has no field for the burn-rate tiers, alert names and labels,
runbooks or no-data alerts: they are not exported.

Flags:
  --out DIR           the folder to write, replaced as a whole (required); new, empty or an earlier export
  --definitions DIR   folder whose index.ts exports the project (default: definitions)
  --help              this text

Exit codes: 0 written, 1 the definitions do not compile (nothing written), 2 usage.`;

export async function runExportCommand(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: { out: { type: 'string' }, definitions: { type: 'string', default: 'definitions' }, help: { type: 'boolean', default: false } },
  });
  if (values.help) {
    console.log(exportUsage);
    return 0;
  }
  if (positionals.length !== 1 || positionals[0] !== 'openslo') throw new UsageError('expected the format: monac export openslo --out DIR');
  if (!values.out) throw new UsageError('--out DIR is required');
  const rules = { owner: 'export', flag: '--out', definitions: values.definitions } as const;
  assertReplaceable(values.out, rules);
  const loaded = await loadProject(values.definitions);
  const compilation = loaded.project === undefined ? { diagnostics: loaded.diagnostics, model: undefined } : compile(loaded.project, { checkOnly: true });
  for (const diagnostic of compilation.diagnostics.filter((d) => d.severity === 'error')) console.error(formatDiagnostic(diagnostic));
  if (hasErrors(compilation.diagnostics) || !compilation.model) {
    console.error('the definitions do not compile; nothing was written');
    return 1;
  }
  const { model } = compilation;
  const files = new Map(model.services.flatMap((service) => service.slos.map(({ slo }) => [
    `${slo.id}.yaml`,
    { content: openSloFile(slo, { id: service.id, team: service.team }, model.project.targets.prometheus), generator: 'export' },
  ] as const)));
  writeOutput(values.out, files, rules);
  console.log(`wrote ${files.size} SLO(s) as OpenSLO v1 to ${relative(process.cwd(), resolve(values.out)) || '.'}/`);
  return 0;
}
