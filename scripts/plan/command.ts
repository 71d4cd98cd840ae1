/**
 * `monac plan [--base REF]`: builds the base revision (in a temporary git
 * worktree, never the user's tree) and the working tree, and prints what the
 * change does by meaning. Exit 0 with or without changes, 1 on plan errors,
 * 2 usage; --detailed-exitcode makes "changes present" 3.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formatDiagnostic, hasErrors, type Diagnostic } from '../../generators/core/diagnostic.ts';
import { lintRules } from '../../generators/lint/index.ts';
import { isAlive, onInterrupt } from '../../generators/core/scratch.ts';
import { UsageError } from '../../generators/core/errors.ts';
import { loadProject } from '../packs/load.ts';
import { compile, type Compilation } from '../../generators/compile.ts';
import { plan, type PlanItem } from './diff.ts';
import { checkSeries, dashboardQueries, rulesOf, type CheckedRule } from './series.ts';
import { clientFromFlags, clientOptions, parseAt } from '../verify/query.ts';
import { parseDuration } from '../../schemas/duration.ts';
import type { Model } from '../../generators/core/model.ts';
import { renderJson, renderMarkdown, renderText, type PlanContext } from './render.ts';

export const planUsage = `Usage: monac plan [--base REF] [flags]

Builds the base revision in a temporary git worktree and the working tree,
and prints what the change does to alerts, routing, SLOs, dashboards, scrape
jobs and Kubernetes objects, destructive changes first.

Flags:
  --base REF            the revision to compare with (default: the merge base with the default branch)
  --format FORMAT       text (default), markdown (a PR comment) or json
  --detailed-exitcode   exit 3 when there are changes
  --definitions DIR     (default: definitions), the same path in both revisions

Live series (with --prometheus): each selector of every added or changed rule
is queried; a metric with no series, matchers that select none of its series,
or a window longer than the server keeps, are findings, and each rule's cost
(series read now, samples per evaluation) is shown.
  --prometheus URL      the Prometheus to ask (a staging one, say)
  --lookback DURATION   how far back a series counts as existing (default 7d)
  --all                 check every rule, not only the added and changed ones
  --dashboards          check the panel queries of the added and changed dashboards
                        too (every dashboard with --all), with each variable's
                        current or first value
  --fail-on-series      exit 4 when there is a finding
  --at TIME             ask as of this time (RFC 3339 or unix seconds) instead of now
  --timeout DURATION    per query (default 30s); --bearer-file FILE, or --basic-user
                        USER --password-file FILE

Exit codes: 0 planned (changes or not), 1 plan errors (a recording rule removed
while still used, or definitions that do not build), 2 usage or internal error,
3 changes present with --detailed-exitcode, 4 a selector matches nothing with
--fail-on-series, 5 the Prometheus could not answer (the plan is printed).`;

function git(args: readonly string[], cwd: string): string {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8' });
  if (result.status !== 0) throw new UsageError(`git ${args.join(' ')}: ${result.stderr.trim()}`);
  return result.stdout.trim();
}

function tryGit(args: readonly string[], cwd: string): string | undefined {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

/** Worktrees an interrupted plan left (`monac-plan-<pid>-...`, that process gone): removed, with git's records of them. */
function pruneStaleWorktrees(root: string): void {
  const listed = tryGit(['worktree', 'list', '--porcelain'], root) ?? '';
  for (const [, path, pid] of listed.matchAll(/^worktree (.*\/monac-plan-(\d+)-[^/]+\/base)$/gm)) {
    if (Number(pid) === process.pid || isAlive(Number(pid))) continue;
    tryGit(['worktree', 'remove', '--force', path!], root);
    rmSync(dirname(path!), { recursive: true, force: true });
  }
  tryGit(['worktree', 'prune'], root);
}

/** The default branch: origin's HEAD, else main, else master; the base is where the working tree left it. */
function defaultBase(root: string): { rev: string; label: string } {
  const remote = tryGit(['symbolic-ref', '--short', 'refs/remotes/origin/HEAD'], root);
  const branch = [remote, 'main', 'master'].find((b) => b && tryGit(['rev-parse', '--verify', '--quiet', b], root));
  if (!branch) return { rev: git(['rev-parse', 'HEAD'], root), label: 'HEAD' };
  return { rev: git(['merge-base', 'HEAD', branch], root), label: `merge base with ${branch}` };
}

/**
 * A revision's compilation. Lint findings do not stop a plan (the plan is what
 * shows their effect): the revision is built with every lint rule a warning,
 * and the findings the project makes errors come back as `lintErrors`.
 */
async function build(definitions: string): Promise<Compilation & { lintErrors: Diagnostic[] }> {
  const loaded = await loadProject(definitions);
  if (loaded.project === undefined) return { diagnostics: loaded.diagnostics, lintErrors: [] };
  const first = compile(loaded.project);
  const lint = new Set(lintRules.map((r) => r.code));
  const lintErrors = first.diagnostics.filter((d) => d.severity === 'error' && lint.has(d.code));
  if (lintErrors.length === 0 || first.diagnostics.some((d) => d.severity === 'error' && !lint.has(d.code))) return { ...first, lintErrors: [] };
  const relaxed = { ...(loaded.project as object), lint: Object.fromEntries(lintRules.map((r) => [r.code, 'warning'])) };
  return { ...compile(relaxed), lintErrors };
}

export async function runPlanCommand(argv: readonly string[]): Promise<number> {
  const { values } = parseArgs({
    args: [...argv],
    allowPositionals: false,
    options: {
      base: { type: 'string' },
      format: { type: 'string', default: 'text' },
      'detailed-exitcode': { type: 'boolean', default: false },
      definitions: { type: 'string', default: 'definitions' },
      ...clientOptions,
      lookback: { type: 'string', default: '7d' },
      all: { type: 'boolean', default: false },
      dashboards: { type: 'boolean', default: false },
      'fail-on-series': { type: 'boolean', default: false },
      at: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(planUsage);
    return 0;
  }
  const format = values.format!;
  if (!['text', 'markdown', 'json'].includes(format)) throw new UsageError('--format must be text, markdown or json');
  const live = values.prometheus === undefined ? undefined : liveOptions(values);
  if (!live && (values.all || values.dashboards || values['fail-on-series'] || values.at !== undefined)) throw new UsageError('--all, --dashboards, --fail-on-series and --at go with --prometheus');
  const root = tryGit(['rev-parse', '--show-toplevel'], process.cwd());
  if (!root) throw new UsageError('monac plan runs inside a git repository');
  const definitions = resolve(values.definitions!);
  const inRepo = relative(root, definitions);
  // --end-of-options: a revision the user names is never read as an option of git's.
  const base = values.base ? { rev: git(['rev-parse', '--verify', '--end-of-options', `${values.base}^{commit}`], root), label: values.base } : defaultBase(root);
  pruneStaleWorktrees(root);

  const head = await build(definitions);
  if (hasErrors(head.diagnostics) || !head.model) {
    for (const d of head.diagnostics.filter((x) => x.severity === 'error')) console.error(formatDiagnostic(d));
    console.error('the working tree\'s definitions do not build; nothing to plan');
    return 1;
  }
  // The base revision in a worktree of its own, with this checkout's node_modules; removed whatever happens, Ctrl-C included.
  const parent = mkdtempSync(join(tmpdir(), `monac-plan-${process.pid}-`));
  const worktree = join(parent, 'base');
  const removeWorktree = () => {
    tryGit(['worktree', 'remove', '--force', worktree], root);
    rmSync(parent, { recursive: true, force: true });
    tryGit(['worktree', 'prune'], root);
  };
  const release = onInterrupt(removeWorktree);
  let baseBuild: Compilation & { lintErrors: Diagnostic[] };
  try {
    git(['worktree', 'add', '--detach', '--quiet', '--end-of-options', worktree, base.rev], root);
    if (existsSync(join(root, 'node_modules'))) symlinkSync(join(root, 'node_modules'), join(worktree, 'node_modules'), 'dir');
    baseBuild = existsSync(join(worktree, inRepo, 'index.ts'))
      ? await build(join(worktree, inRepo))
      : { ...compile({ name: 'empty', targets: head.model.project.targets, services: [] }), lintErrors: [] };
  } finally {
    release();
    removeWorktree();
  }
  if (hasErrors(baseBuild.diagnostics) || !baseBuild.model) {
    for (const d of baseBuild.diagnostics.filter((x) => x.severity === 'error')) console.error(formatDiagnostic(d));
    console.error(`the base revision's definitions (${base.rev.slice(0, 12)}) do not build with this compiler; nothing to plan`);
    return 1;
  }
  const planned = plan(baseBuild, head);
  // What the working tree's own build reports as errors is a problem of the change too.
  const result = { ...planned, errors: [...planned.errors, ...head.lintErrors.map((d) => formatDiagnostic(d, root))] };
  const checked = live && [
    ...(live.all ? rulesOf(head.model) : changedRules(result.items, baseBuild.model, head.model)),
    ...(values.dashboards ? dashboardQueries(head.files ?? new Map(), live.all ? undefined : new Set(result.items.filter((i) => i.kind === 'dashboard' && i.change !== 'removed').map((i) => i.id))) : []),
  ];
  const series = live && checked && await checkSeries(live.client, checked, head.model, live);
  const context: PlanContext = { base: base.rev, baseLabel: base.label, series };
  process.stdout.write(format === 'json' ? renderJson(result, context) : format === 'markdown' ? renderMarkdown(result, context) : renderText(result, context));
  if (result.errors.length > 0) return 1;
  if (series && series.errors.length > 0) return 5;
  if (series && values['fail-on-series'] && series.findings.length > 0) return 4;
  return values['detailed-exitcode'] && result.items.length > 0 ? 3 : 0;
}

/**
 * The rules of the working tree that the plan adds, changes or moves. Many
 * recording rules share a name (every SLO's slo:sli_error:ratio_rate1h): one
 * is changed when the base has none of its name, labels and expression.
 */
function changedRules(items: readonly PlanItem[], base: Model, head: Model): CheckedRule[] {
  const touched = new Set(items.filter((i) => i.kind === 'alert' && i.change !== 'removed').map((i) => `${i.service}\0${i.id}`));
  const record = (r: { service: string; name: string; labels?: Readonly<Record<string, string>> | undefined; expr: string }) => JSON.stringify([r.service, r.name, Object.entries(r.labels ?? {}).sort(), r.expr]);
  const records = (model: Model) => model.services.flatMap((s) => s.ruleGroups.flatMap((g) => g.records.map((r) => ({ ...r, service: s.id }))));
  const unchanged = new Set(records(base).map(record));
  const changed = new Set(records(head).filter((r) => !unchanged.has(record(r))).map(record));
  return rulesOf(head).filter((r) => (r.kind === 'alert' ? touched.has(`${r.service}\0${r.name}`) : changed.has(record(r))));
}

function liveOptions(values: Parameters<typeof clientFromFlags>[0] & { lookback?: string | undefined; all?: boolean | undefined; at?: string | undefined }) {
  const lookbackMs = parseDuration(values.lookback ?? '7d');
  if (!lookbackMs) throw new UsageError(`--lookback must be a duration such as 7d, got ${values.lookback}`);
  return { client: clientFromFlags(values, '30s'), lookbackMs, at: parseAt(values.at) ?? Date.now() / 1000, all: values.all ?? false };
}
