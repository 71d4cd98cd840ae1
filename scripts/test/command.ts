/**
 * `monac test`: what this repository's npm test proves of its own output,
 * for a user's: promtool checks the Prometheus configuration and its rule
 * files and runs the rules' unit tests, amtool checks the Alertmanager
 * configuration. The tools must be installed (Debian: prometheus,
 * prometheus-alertmanager); a missing one is an error, never a skip.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError } from '../../generators/core/errors.ts';
import { installHint, toolPath } from '../required-tools.ts';

export const testUsage = `Usage: monac test [--out DIR]

Checks the output folder with the real tools: promtool check config
(prometheus.yml and the rule files it names), promtool test rules (every file
of prometheus/tests/), amtool check-config (alertmanager/alertmanager.yml).
Run monac build first.

Flags:
  --out DIR   the output folder (default: out)
  --help      this text

Exit codes: 0 every check passed, 1 a check failed, 2 usage error or a tool missing.`;

interface Check {
  readonly tool: string;
  readonly args: readonly string[];
}

function checks(out: string): Check[] {
  const found: Check[] = [];
  const prometheus = join(out, 'prometheus', 'prometheus.yml');
  if (existsSync(prometheus)) found.push({ tool: 'promtool', args: ['check', 'config', prometheus] });
  const tests = join(out, 'prometheus', 'tests');
  const files = existsSync(tests) ? readdirSync(tests).filter((f) => f.endsWith('.yml')).sort().map((f) => join(tests, f)) : [];
  if (files.length > 0) found.push({ tool: 'promtool', args: ['test', 'rules', ...files] });
  const alertmanager = join(out, 'alertmanager', 'alertmanager.yml');
  if (existsSync(alertmanager)) found.push({ tool: 'amtool', args: ['check-config', alertmanager] });
  return found;
}

export async function runTestCommand(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: [...argv], allowPositionals: true, options: { out: { type: 'string', default: 'out' }, help: { type: 'boolean', default: false } } });
  if (values.help) {
    console.log(testUsage);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected ${positionals.join(' ')}`);
  const out = resolve(values.out!);
  const planned = checks(out);
  if (planned.length === 0) throw new UsageError(`${out} holds no prometheus/prometheus.yml or alertmanager/alertmanager.yml: run monac build first`);
  let failed = 0;
  for (const check of planned) {
    const path = toolPath(check.tool);
    if (!path) throw new UsageError(`${check.tool} is not installed: ${installHint(check.tool)}`);
    // The tools resolve rule and template paths from where they run: the output folder's parent, as Prometheus is pointed at it.
    const result = spawnSync(path, check.args, { cwd: out, encoding: 'utf8', timeout: 300_000 });
    const ok = result.status === 0;
    if (!ok) failed++;
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${check.tool} ${check.args.map((a) => a.startsWith(out) ? a.slice(out.length + 1) || '.' : a).join(' ')}`);
    if (!ok) process.stdout.write(`${result.stdout}${result.stderr}${result.error ? `${result.error.message}\n` : ''}`);
  }
  console.log(failed === 0 ? `${planned.length} check(s) passed` : `${failed} of ${planned.length} check(s) failed`);
  return failed === 0 ? 0 : 1;
}
