/**
 * `monac init [DIR]`: scaffolds a monitoring repository that depends on this
 * package (scaffold.ts holds the files). It writes into an empty folder, or
 * one that holds only what `npm install monac` left there (package.json,
 * package-lock.json, node_modules: package.json is then completed, not
 * replaced); any other content is refused unless --force, and even then no
 * existing file is overwritten. It says what it wrote.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { RefusedError, UsageError } from '../../generators/core/errors.ts';
import { definitions, GITATTRIBUTES, GITHUB_WORKFLOW, GITIGNORE, GITLAB_CI, packageJson, TSCONFIG } from './scaffold.ts';

export const initUsage = `Usage: monac init [DIR] [--force] [--name NAME]

Scaffolds a monitoring repository in DIR (default: the current folder):
package.json with the scripts build, check, validate, plan, test and
typecheck, tsconfig.json, definitions/index.ts with one small service (a
scrape job, an alert with its promtool test and runbook, an SLO, a dashboard,
a route), .gitignore, .gitattributes, and CI for GitHub Actions and GitLab.

DIR must be empty or hold only what npm install left (package.json,
package-lock.json, node_modules); package.json is then completed with the
scripts. --force writes into any folder but never overwrites a file.

Flags:
  --name NAME   the project's name (default: the folder's name, in kebab-case)
  --force       write into a folder that holds other files (existing files are kept)
  --help        this text`;

/** What npm install leaves in a folder: init completes it rather than refusing it. */
const NPM_OWN = new Set(['package.json', 'package-lock.json', 'node_modules']);

/** This package's version, for the dependency a fresh package.json declares. */
function ownVersion(): string {
  const manifest = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8')) as { version: string };
  return manifest.version;
}

export function kebab(name: string): string {
  const id = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return /^[a-z]/.test(id) ? id : `monitoring-${id || 'project'}`;
}

export async function runInitCommand(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: { name: { type: 'string' }, force: { type: 'boolean', default: false }, help: { type: 'boolean', default: false } },
  });
  if (values.help) {
    console.log(initUsage);
    return 0;
  }
  if (positionals.length > 1) throw new UsageError('expected at most one folder');
  const dir = resolve(positionals[0] ?? '.');
  const name = kebab(values.name ?? basename(dir));
  if (values.name !== undefined && name !== values.name) throw new UsageError(`--name must be kebab-case, such as ${name}`);
  mkdirSync(dir, { recursive: true });
  const present = readdirSync(dir);
  const foreign = present.filter((entry) => !NPM_OWN.has(entry));
  if (foreign.length > 0 && !values.force) {
    throw new RefusedError(`${dir} is not empty (${foreign.slice(0, 5).join(', ')}${foreign.length > 5 ? ', ...' : ''}); monac init writes into an empty folder, or into any with --force (it never overwrites a file)`);
  }
  const manifestPath = join(dir, 'package.json');
  const existing = existsSync(manifestPath) ? (JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, unknown>) : undefined;
  const installed = (existing?.dependencies as Record<string, string> | undefined)?.monac;
  const files: Record<string, string> = {
    'package.json': packageJson({ name, monac: installed ?? `^${ownVersion()}` }, existing),
    'tsconfig.json': TSCONFIG,
    'definitions/index.ts': definitions(name),
    '.gitignore': GITIGNORE,
    '.gitattributes': GITATTRIBUTES,
    '.github/workflows/monitoring.yml': GITHUB_WORKFLOW,
    '.gitlab-ci.yml': GITLAB_CI,
  };
  const written: string[] = [];
  const kept: string[] = [];
  for (const [path, text] of Object.entries(files)) {
    const target = join(dir, path);
    // package.json npm wrote is completed; any other existing file is the user's and stays as it is.
    if (existsSync(target) && !(path === 'package.json' && existing && foreign.length === 0)) {
      kept.push(path);
      continue;
    }
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text, { flag: path === 'package.json' ? 'w' : 'wx' });
    written.push(path);
  }
  const where = relative(process.cwd(), dir) || '.';
  console.log(`monac init wrote in ${where}:\n${written.map((p) => `  ${p}`).join('\n')}`);
  if (kept.length > 0) console.log(`kept as they were:\n${kept.map((p) => `  ${p}`).join('\n')}`);
  console.log(`\nNext: ${where === '.' ? '' : `cd ${where} && `}npm install && npm run build (out/ is what Prometheus, Alertmanager and Grafana load)`);
  return 0;
}
