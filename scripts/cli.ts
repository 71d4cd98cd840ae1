import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formatDiagnostic, hasErrors } from '../generators/core/diagnostic.ts';
import { InternalError, RefusedError, UsageError } from '../generators/core/errors.ts';
import { loadProject } from './packs/load.ts';
import { diffOutput, writeOutput } from '../generators/core/output.ts';
import { assertReplaceable } from '../generators/core/output-folder.ts';
import { compile } from '../generators/compile.ts';
import { generators } from '../generators/index.ts';

const usage = `Usage: monac <command> [flags]

Commands:
  build      compile the definitions and replace the output folder
  check      compile in memory and compare with the output folder; exit 1 when it is stale
  validate   load, validate and lint the definitions; write nothing
  stack      run out/ locally: up, down, status, logs, notifications (monac stack --help)
  verify     run the post-deployment checks against a live Prometheus (monac verify --help)
  report     SLA report per SLO for a month, week, day or rolling window (monac report --help)
  plan       what the working tree changes against a base revision, by meaning (monac plan --help)
  import     convert rule files, alertmanager.yml and scrape configs into definitions (monac import --help)
  init       scaffold a monitoring repository that depends on monac (monac init --help)
  test       check the output folder with promtool and amtool (monac test --help)
  export     write the project's SLOs as OpenSLO v1 (monac export --help)
  vendor     copy upstream rules and dashboards into the definitions for a pack (monac vendor --help)

Flags:
  --definitions DIR   folder whose index.ts exports the project (default: definitions)
  --out DIR           output folder (default: out); replaced whole, so it must be new, empty or
                      an earlier output of monac build (it holds .monac-output); never the working
                      folder, the repository root or a folder above it, or the definitions folder
  --only NAME         only this generator's files (repeatable or comma-separated): ${generators.map((g) => g.name).join(', ')}
  --help              this text

Exit codes: 0 ok, 1 diagnostics or stale output, 2 usage or internal error.`;

type Command = 'build' | 'check' | 'validate';
const commands: readonly Command[] = ['build', 'check', 'validate'];

function parse(argv: readonly string[]) {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      definitions: { type: 'string', default: 'definitions' },
      out: { type: 'string', default: 'out' },
      only: { type: 'string', multiple: true },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return undefined;
  const [command, ...rest] = positionals;
  if (!commands.includes(command as Command) || rest.length > 0) throw new UsageError(`expected one command of ${commands.join(', ')}`);
  const names = (values.only ?? []).flatMap((v) => v.split(',')).filter(Boolean);
  const unknown = names.filter((n) => !generators.some((g) => g.name === n));
  if (unknown.length > 0) throw new UsageError(`unknown generator ${unknown.join(', ')}; known: ${generators.map((g) => g.name).join(', ')}`);
  return { command: command as Command, definitions: values.definitions, out: values.out, only: names.length > 0 ? new Set(names) : undefined };
}

async function main(argv: readonly string[]): Promise<number> {
  // Not compilation: the stack command has its own folder and flags (scripts/stack/).
  if (argv[0] === 'stack') return await (await import('./stack/command.ts')).runStackCommand(argv.slice(1));
  if (argv[0] === 'verify') return await (await import('./verify/command.ts')).runVerifyCommand(argv.slice(1));
  if (argv[0] === 'plan') return await (await import('./plan/command.ts')).runPlanCommand(argv.slice(1));
  if (argv[0] === 'import') return await (await import('./import/command.ts')).runImportCommand(argv.slice(1));
  if (argv[0] === 'report') return await (await import('./report/command.ts')).runReportCommand(argv.slice(1));
  if (argv[0] === 'init') return await (await import('./init/command.ts')).runInitCommand(argv.slice(1));
  if (argv[0] === 'test') return await (await import('./test/command.ts')).runTestCommand(argv.slice(1));
  if (argv[0] === 'export') return await (await import('./export/command.ts')).runExportCommand(argv.slice(1));
  if (argv[0] === 'vendor') return await (await import('./vendor/command.ts')).runVendorCommand(argv.slice(1));
  const args = parse(argv);
  if (!args) {
    console.log(usage);
    return 0;
  }
  // Before the compile: a folder build may not replace is refused at once, and nothing is touched.
  const outputRules = { owner: 'build', flag: '--out', definitions: args.definitions } as const;
  if (args.command === 'build') assertReplaceable(args.out, outputRules);
  const loaded = await loadProject(args.definitions);
  const compiled = loaded.project === undefined ? { diagnostics: [] } : compile(loaded.project, { checkOnly: args.command === 'validate' });
  // What the loader found (a pack's skipped files) comes first.
  const compilation = { ...compiled, diagnostics: [...loaded.diagnostics, ...compiled.diagnostics] };
  for (const diagnostic of compilation.diagnostics) console.error(formatDiagnostic(diagnostic));
  if (hasErrors(compilation.diagnostics)) {
    console.error(`${compilation.diagnostics.filter((d) => d.severity === 'error').length} error(s); nothing was written`);
    return 1;
  }
  if (args.command === 'validate') {
    console.log(`definitions are valid (${compilation.model?.services.length ?? 0} services, ${compilation.model?.scrapeJobs.length ?? 0} scrape jobs)`);
    return 0;
  }
  const files = 'files' in compilation ? compilation.files : undefined;
  if (!files) throw new InternalError('the compilation produced no files and no error');
  const shown = relative(process.cwd(), resolve(args.out)) || '.';
  if (args.command === 'check') {
    const differences = diffOutput(args.out, files, args.only);
    for (const d of differences) console.error(`${shown}/${d.path}: ${d.status}`);
    if (differences.length === 0) return 0;
    console.error(`${differences.length} file(s) in ${shown}/ differ from the definitions; run npm run build and commit ${shown}/`);
    return 1;
  }
  writeOutput(args.out, files, outputRules, args.only);
  const count = [...files.values()].filter((f) => !args.only || args.only.has(f.generator)).length;
  console.log(`wrote ${count} file(s) to ${shown}/`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof RefusedError) {
      console.error(`monac: ${error.message}`);
    } else if (error instanceof UsageError || (error instanceof Error && error.name === 'TypeError' && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))) {
      console.error(`monac: ${(error as Error).message}\n\n${usage}`);
    } else {
      console.error('monac: internal error (a bug; please report it with this output):');
      console.error(error);
    }
    process.exit(2);
  },
);
