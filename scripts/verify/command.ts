import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { parseDuration } from '../../schemas/duration.ts';
import { UsageError } from '../../generators/core/errors.ts';
import { loadModel } from '../model.ts';
import { verificationPlans, type VerificationCheck } from '../../generators/model/verification.ts';
import { evaluateCheck, exitCodes, formatOutcomes, overall, type CheckOutcome, type Verdict } from './evaluate.ts';
import { clientFromFlags, clientOptions, parseAt, type PrometheusClient } from './query.ts';
import { checkSeries, rulesOf } from '../plan/series.ts';
import { seriesLines } from '../plan/render.ts';

export const verifyUsage = `Usage: monac verify --prometheus URL [flags]

Runs the declared post-deployment checks against a live Prometheus and prints
check, value, threshold and verdict. Exit codes: 0 every check passes, 1 a
breach, 3 inconclusive (no data, or Prometheus unreachable), 2 usage.

With --rules, checks instead that every selector of every rule matches series
and that no window is longer than the server keeps (as monac plan --prometheus
does for a change), and prints each rule's cost: exit 1 on a finding, 3 when
Prometheus could not answer.

Flags:
  --prometheus URL        the Prometheus to query (required)
  --service ID            only this service's checks (repeatable)
  --slo ID                only the burn-rate checks of this SLO (repeatable)
  --at TIME               evaluate at this time (RFC 3339 or unix seconds) instead of now
  --watch DURATION        run the protocol: measure every --every until DURATION has passed; stop at the first breach
  --every DURATION        between two measurements of --watch (default: each service's postDeploy.every)
  --on-breach CMD         with --watch: run CMD (sh -c) at a breach, with MONAC_BREACHED and MONAC_BREACH_REPORT set
  --timeout DURATION      per query (default 10s)
  --bearer-file FILE      send the token in FILE as a bearer token
  --basic-user NAME       basic auth user; the password is read from --password-file
  --password-file FILE
  --rules                 check every rule's selectors against the server, and their cost
  --lookback DURATION     with --rules: how far back a series counts as existing (default 7d)
  --definitions DIR       (default: definitions)`;

function parse(argv: readonly string[]) {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      ...clientOptions,
      service: { type: 'string', multiple: true },
      slo: { type: 'string', multiple: true },
      at: { type: 'string' },
      watch: { type: 'string' },
      every: { type: 'string' },
      'on-breach': { type: 'string' },
      rules: { type: 'boolean', default: false },
      lookback: { type: 'string', default: '7d' },
      definitions: { type: 'string', default: 'definitions' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return undefined;
  const duration = (flag: string, text: string | undefined) => {
    if (text === undefined) return undefined;
    const ms = parseDuration(text);
    if (!ms) throw new UsageError(`--${flag} must be a duration such as 5m or 48h, got ${text}`);
    return ms;
  };
  const at = parseAt(values.at);
  if (values['on-breach'] && !values.watch) throw new UsageError('--on-breach goes with --watch');
  const client = clientFromFlags(values, '10s');
  if (values.rules && (values.watch || values.slo)) throw new UsageError('--rules does not go with --watch or --slo');
  return { client, services: values.service, slos: values.slo, at, watchMs: duration('watch', values.watch), everyMs: duration('every', values.every), onBreach: values['on-breach'], definitions: values.definitions, rules: values.rules ? duration('lookback', values.lookback)! : undefined };
}

async function declaredChecks(definitions: string, services?: string[], slos?: string[]): Promise<{ checks: VerificationCheck[]; everyMs: number }> {
  const { model } = await loadModel(definitions);
  const plans = verificationPlans(model).filter((p) => !services || services.includes(p.service));
  const unknown = (services ?? []).filter((s) => !plans.some((p) => p.service === s));
  if (unknown.length > 0) throw new UsageError(`no post-deployment checks declared for ${unknown.join(', ')}`);
  const checks = plans.flatMap((p) => p.checks).filter((c) => !slos || (c.slo !== undefined && slos.includes(c.slo)));
  if (checks.length === 0) throw new UsageError('no post-deployment check matches; declare postDeploy on a service');
  return { checks, everyMs: Math.min(...plans.map((p) => parseDuration(p.every)!)) };
}

async function measure(client: PrometheusClient, checks: readonly VerificationCheck[], at: number): Promise<CheckOutcome[]> {
  return await Promise.all(checks.map((check) => evaluateCheck(client, check, at)));
}

/** `monac verify`: returns the exit code. */
export async function runVerifyCommand(argv: readonly string[]): Promise<number> {
  const args = parse(argv);
  if (!args) {
    console.log(verifyUsage);
    return 0;
  }
  if (args.rules !== undefined) return await verifyRules(args.client, args.definitions, args.rules, args.at ?? Date.now() / 1000, args.services);
  const { checks, everyMs } = await declaredChecks(args.definitions, args.services, args.slos);
  if (args.watchMs === undefined) {
    const outcomes = await measure(args.client, checks, args.at ?? Date.now() / 1000);
    for (const line of formatOutcomes(outcomes)) console.log(line);
    return exitCodes[overall(outcomes)];
  }
  return await watch(args.client, checks, args.watchMs, args.everyMs ?? everyMs, args.onBreach, args.at);
}

/** The protocol: a measurement every `everyMs` until `watchMs` has passed; the first breach stops it and runs the hook. */
async function watch(client: PrometheusClient, checks: readonly VerificationCheck[], watchMs: number, everyMs: number, onBreach: string | undefined, at?: number): Promise<number> {
  const start = Date.now();
  let seen: Verdict = 'pass';
  for (let n = 1; ; n++) {
    const elapsed = Date.now() - start;
    const outcomes = await measure(client, checks, (at ?? start / 1000) + elapsed / 1000);
    const verdict = overall(outcomes);
    console.log(`measurement ${n} at +${Math.round(elapsed / 1000)}s: ${verdict} (${outcomes.map((o) => `${o.check.name} ${o.verdict}`).join(', ')})`);
    if (verdict === 'breach') {
      for (const line of formatOutcomes(outcomes)) console.log(line);
      if (onBreach) runHook(onBreach, outcomes);
      return exitCodes.breach;
    }
    if (verdict === 'inconclusive') seen = 'inconclusive';
    if (Date.now() - start + everyMs > watchMs) break;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  console.log(`watched ${Math.round((Date.now() - start) / 1000)} s: ${seen === 'pass' ? 'every measurement passed' : 'no breach, but some measurements were inconclusive'}`);
  return exitCodes[seen];
}

/** `--rules`: every rule's selectors against the server, and their cost; 1 when one matches nothing, 3 when the server could not answer. */
async function verifyRules(client: PrometheusClient, definitions: string, lookbackMs: number, at: number, services?: string[]): Promise<number> {
  const { model } = await loadModel(definitions);
  const rules = rulesOf(model).filter((r) => !services || services.includes(r.service));
  if (rules.length === 0) throw new UsageError(`no rule${services ? ` of ${services.join(', ')}` : ''} to check`);
  const report = await checkSeries(client, rules, model, { lookbackMs, at });
  for (const line of seriesLines(report, false)) console.log(line);
  if (report.errors.length > 0) return exitCodes.inconclusive;
  return report.findings.length > 0 ? exitCodes.breach : exitCodes.pass;
}

function runHook(command: string, outcomes: readonly CheckOutcome[]): void {
  const breached = outcomes.filter((o) => o.verdict === 'breach').map((o) => `${o.check.service}/${o.check.name}`);
  console.log(`breach: running ${command}`);
  const result = spawnSync('sh', ['-c', command], {
    stdio: 'inherit',
    env: { ...process.env, MONAC_BREACHED: breached.join(','), MONAC_BREACH_REPORT: formatOutcomes(outcomes).join('\n') },
  });
  if (result.status !== 0) console.error(`the on-breach command exited ${result.status}`);
}
