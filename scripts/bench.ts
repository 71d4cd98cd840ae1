/**
 * `npm run bench`: builds synthetic estates of 100, 1,000 and 5,000 services in
 * memory and prints, per size and per generator, wall time, peak memory and
 * output bytes, beside the floor: the time to only serialize the same output.
 * Each size runs in its own process so peak memory is that size's alone.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { blackboxProbe, defineProject, defineService, defineSlo, errorRatioAlert, nodeExporter } from '../schemas/index.ts';
import { serialize } from '../generators/core/emit.ts';
import type { Artifact } from '../generators/core/generator.ts';
import { lint } from '../generators/core/lint.ts';
import { checkFamilies, compile } from '../generators/core/pipeline.ts';
import { validate } from '../generators/core/validate.ts';
import { generators } from '../generators/index.ts';
import { lintRules } from '../generators/lint/index.ts';

const sizes = [100, 1000, 5000];

interface Row {
  readonly stage: string;
  readonly ms: number;
  readonly floorMs?: number;
  readonly bytes?: number;
}

/** What a responder does; every alert and SLO carries one, as the estate's critical alerts do. */
const runbook = (id: string) => ({
  diagnosis: [`Check the ${id} dashboard`, `\`kubectl -n ${id} get pods\``],
  mitigation: [`Roll back the last deployment of ${id}`, 'Scale out when the pods are saturated'],
});

/** An estate of `size` services, each with three jobs, a recording rule and two tested alerts with runbooks; every tenth with an SLO. */
export function syntheticProject(size: number) {
  const services = Array.from({ length: size }, (_, i) => {
    const id = `service-${String(i).padStart(5, '0')}`;
    return defineService({
      id,
      team: `team-${i % 20}`,
      labels: { tier: i % 10 === 0 ? 'critical' : 'standard' },
      endpoints: [
        { job: id, targets: [`${id}-0:8000`, `${id}-1:8000`], interval: i % 10 === 0 ? '5s' : '15s', relabel: [{ sourceLabels: ['__address__'], regex: '(.*):.*', targetLabel: 'host' }] },
        nodeExporter({ job: `${id}-node`, targets: [`${id}-0:9100`, `${id}-1:9100`] }),
        blackboxProbe({ job: `${id}-ready`, prober: 'blackbox:9115', urls: [`http://${id}-0:8000/health/ready`] }),
      ],
      metrics: { http_requests_total: 'counter' },
      ruleGroups: [{
        name: id,
        records: [{ record: 'job:http_requests:rate5m', expr: `sum by (job) (rate(http_requests_total{job="${id}"}[5m]))` }],
        alerts: [
          errorRatioAlert({
            alert: 'HighErrorRate', errors: `http_requests_total{job="${id}", code=~"5.."}`, total: `http_requests_total{job="${id}"}`,
            above: 0.05, by: ['job'], for: '5m', severity: 'critical', summary: 'Errors at {{ $value | humanizePercentage }}', runbook: runbook(id),
            tests: [
              { name: 'fires', series: { [`http_requests_total{job="${id}", code="500"}`]: '0+6x20', [`http_requests_total{job="${id}", code="200"}`]: '0+54x20' }, at: '15m', fires: [{ labels: { job: id }, annotations: { summary: 'Errors at 10%' } }] },
              { name: 'quiet', series: { [`http_requests_total{job="${id}", code="200"}`]: '0+54x20' }, at: '15m', fires: [] },
            ],
          }),
          { alert: 'Down', expr: `up{job="${id}"} == 0`, for: '1m', severity: 'critical', summary: 'Down', runbook: runbook(id) },
        ],
      }],
      slos: i % 10 === 0
        ? [defineSlo({ id: `${id}-availability`, objective: 99.9, runbook: runbook(id), sli: { events: { errors: `http_requests_total{job="${id}", code=~"5.."}`, total: `http_requests_total{job="${id}"}` } } })]
        : [],
    });
  });
  return defineProject({
    name: 'bench',
    targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' },
    prometheus: { alertmanagers: [{ targets: ['alertmanager:9093'] }], retention: { time: '30d' } },
    links: { runbooks: 'https://runbooks.example.org', grafana: 'https://grafana.example.org' },
    grafana: { datasource: { url: 'http://prometheus:9090' } },
    lint: { 'alert/untested': 'off' },
    services,
  });
}

function time<T>(fn: () => T): [T, number] {
  const start = process.hrtime.bigint();
  const value = fn();
  return [value, Number(process.hrtime.bigint() - start) / 1e6];
}

function measure(size: number): { rows: Row[]; peakMiB: number } {
  const [project, declareMs] = time(() => syntheticProject(size));
  const [validated, validateMs] = time(() => {
    const result = validate(project);
    return { ...result, diagnostics: [...result.diagnostics, ...(result.model ? checkFamilies(result.model) : [])] };
  });
  if (!validated.model || validated.diagnostics.length > 0) throw new Error(`synthetic estate is invalid: ${validated.diagnostics[0]?.message}`);
  const model = validated.model;
  const [findings, lintMs] = time(() => lint(model, lintRules));
  if (findings.length > 0) throw new Error(`synthetic estate has lint findings: ${findings[0]?.code} ${findings[0]?.message}`);
  const rows: Row[] = [{ stage: 'declare', ms: declareMs }, { stage: 'validate', ms: validateMs }, { stage: 'lint', ms: lintMs }];
  const upstream: Artifact[] = [];
  for (const generator of generators) {
    const [contents, ms] = time(() => generator.generate(model, upstream).map(serialize));
    const artifacts = generator.generate(model, upstream);
    upstream.push(...artifacts);
    const [, floorMs] = time(() => artifacts.map(serialize));
    rows.push({ stage: generator.name, ms, floorMs, bytes: contents.reduce((sum, c) => sum + Buffer.byteLength(c), 0) });
  }
  return { rows, peakMiB: process.resourceUsage().maxRSS / 1024 };
}

/** One `compile()`, validate through serialize, as the CLI runs it: the in-process figure the targets are about. */
function measureCompile(size: number): { ms: number; peakMiB: number; files: number } {
  const project = syntheticProject(size);
  const [compilation, ms] = time(() => compile(project));
  if (!compilation.files) throw new Error(`synthetic estate did not compile: ${compilation.diagnostics[0]?.message}`);
  return { ms, peakMiB: process.resourceUsage().maxRSS / 1024, files: compilation.files.size };
}

function child<T>(size: number, mode: 'stages' | 'compile'): T {
  // The same Node flags as the CLI's npm scripts (package.json).
  const result = spawnSync(process.execPath, ['--max-semi-space-size=64', '--min-semi-space-size=64', '--import', 'tsx', fileURLToPath(import.meta.url), String(size), mode], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`bench of ${size} services failed:\n${result.stderr}`);
  return JSON.parse(result.stdout) as T;
}

const root = fileURLToPath(new URL('..', import.meta.url));

/** Wall seconds of one CLI run, as a user's CI runs it (the npm script's Node flags), from start to files on disk. */
function cliSeconds(args: readonly string[]): number {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ['--max-semi-space-size=64', '--min-semi-space-size=64', '--import', 'tsx', join(root, 'scripts/cli.ts'), ...args], { cwd: root, encoding: 'utf8' });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (result.status !== 0) throw new Error(`monac ${args.join(' ')} failed:\n${result.stdout}${result.stderr}`);
  return seconds;
}

/** The CLI end to end: its fixed start-up, and build then check of a synthetic estate written as a definitions folder. */
export function cli(size: number) {
  const dir = mkdtempSync(join(tmpdir(), 'monac-bench-'));
  try {
    mkdirSync(join(dir, 'definitions'));
    // ESM, as in a user's repository: a .ts file outside a "type": "module" package would be loaded as CommonJS.
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
    writeFileSync(join(dir, 'definitions/index.ts'), `import { syntheticProject } from ${JSON.stringify(join(root, 'scripts/bench.ts'))};\nexport default syntheticProject(${size});\n`);
    const flags = ['--definitions', join(dir, 'definitions'), '--out', join(dir, 'out')];
    return { startup: cliSeconds(['--help']), build: cliSeconds(['build', ...flags]), check: cliSeconds(['check', ...flags]) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function report() {
  console.log(`monac bench on ${process.version}, ${process.arch}\n`);
  console.log('Per stage, each measured on its own (generators run twice: once timed with serialize, once for the floor):');
  console.log('services  stage         wall ms   floor ms    output bytes   peak MiB');
  for (const size of sizes) {
    const { rows, peakMiB } = child<{ rows: Row[]; peakMiB: number }>(size, 'stages');
    for (const row of rows) {
      console.log(`${String(size).padStart(8)}  ${row.stage.padEnd(12)} ${row.ms.toFixed(1).padStart(8)} ${(row.floorMs?.toFixed(1) ?? '').padStart(10)} ${(row.bytes?.toLocaleString('en-US') ?? '').padStart(15)}`);
    }
    const ms = rows.reduce((sum, row) => sum + row.ms, 0);
    console.log(`${String(size).padStart(8)}  ${'sum'.padEnd(12)} ${ms.toFixed(1).padStart(8)} ${''.padStart(10)} ${''.padStart(15)} ${peakMiB.toFixed(0).padStart(10)}`);
  }
  console.log('\nOne compile(), validate through serialize, in a fresh process per size (targets: 1,000 under 2 s; 5,000 under 10 s and 1 GiB):');
  console.log('services   compile ms   per service ms   peak MiB   files');
  for (const size of sizes) {
    const { ms, peakMiB, files } = child<{ ms: number; peakMiB: number; files: number }>(size, 'compile');
    console.log(`${String(size).padStart(8)} ${ms.toFixed(0).padStart(12)} ${(ms / size).toFixed(3).padStart(16)} ${peakMiB.toFixed(0).padStart(10)} ${String(files).padStart(7)}`);
  }
  const { startup, build, check } = cli(1000);
  console.log(`\nCLI, wall, 1,000 services: start-up (--help) ${startup.toFixed(2)} s, build ${build.toFixed(2)} s, check ${check.toFixed(2)} s (target: build and check under 4 s)`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [arg, mode] = process.argv.slice(2);
  if (arg) console.log(JSON.stringify(mode === 'compile' ? measureCompile(Number(arg)) : measure(Number(arg))));
  else report();
}
