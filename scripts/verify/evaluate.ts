import type { VerificationCheck } from '../../generators/model/verification.ts';
import { instantQuery, type PrometheusClient, type QueryResult } from './query.ts';

export type Verdict = 'pass' | 'breach' | 'inconclusive';

export interface CheckOutcome {
  readonly check: VerificationCheck;
  readonly verdict: Verdict;
  /** The worst value, when there is one. */
  readonly value?: number | undefined;
  readonly note?: string | undefined;
}

const holds = (check: VerificationCheck, value: number) => (check.bound === 'max' ? value <= check.threshold : value >= check.threshold);

/**
 * One check now: every series must hold. No series, or only NaN (no traffic),
 * is what the check's onEmpty says: inconclusive unless declared, never a quiet pass.
 * +Inf is a value like any other (a latency past the top bucket breaches a max).
 * An unreachable Prometheus, or an answer that is not one, is inconclusive too.
 */
export async function evaluateCheck(client: PrometheusClient, check: VerificationCheck, at: number): Promise<CheckOutcome> {
  // Stryker disable next-line StringLiteral: defensive; instantQuery answers every failure as an error result, so this catch only guards a bug in it.
  const result = await instantQuery(client, check.query, at).catch((error: unknown): QueryResult => ({ kind: 'error', message: `the query failed: ${(error as Error).message}` }));
  if (result.kind === 'error') return { check, verdict: 'inconclusive', note: result.message };
  const numbers = result.values.map((v) => v.value).filter((v) => !Number.isNaN(v));
  if (numbers.length === 0) {
    const verdict: Verdict = check.onEmpty === 'pass' ? 'pass' : check.onEmpty === 'fail' ? 'breach' : 'inconclusive';
    return { check, verdict, note: result.values.length === 0 ? 'no data' : 'NaN: no traffic' };
  }
  // A loop, not Math.max(...numbers): an answer of 300,000 series would overflow the stack as arguments.
  let worst = numbers[0]!;
  // Stryker disable next-line EqualityOperator: equivalent; taking an equal value again leaves the same worst.
  for (const n of numbers) if (check.bound === 'max' ? n > worst : n < worst) worst = n;
  return { check, verdict: holds(check, worst) ? 'pass' : 'breach', value: worst };
}

/** Breach wins over inconclusive, which wins over pass. */
export function overall(outcomes: readonly CheckOutcome[]): Verdict {
  if (outcomes.some((o) => o.verdict === 'breach')) return 'breach';
  if (outcomes.some((o) => o.verdict === 'inconclusive')) return 'inconclusive';
  return 'pass';
}

/** Exit codes: 0 every check passes, 1 a breach, 3 inconclusive (2 stays usage and internal errors). */
export const exitCodes: Record<Verdict, number> = { pass: 0, breach: 1, inconclusive: 3 };

/** Four significant digits; infinities and NaN as Prometheus writes them. */
// Stryker disable next-line EqualityOperator: equivalent; n is infinite there, never 0.
const show = (n: number) => (Number.isNaN(n) ? 'NaN' : !Number.isFinite(n) ? (n > 0 ? '+Inf' : '-Inf') : Number.isInteger(n) ? String(n) : n.toPrecision(4).replace(/\.?0+$/, ''));

/** The table `verify` prints (check, value, threshold, verdict), then what made a check inconclusive. */
export function formatOutcomes(outcomes: readonly CheckOutcome[]): string[] {
  const rows = outcomes.map((o) => [
    `${o.check.service}/${o.check.name}`,
    o.value === undefined ? '-' : show(o.value),
    `${o.check.bound === 'max' ? '<=' : '>='} ${show(o.check.threshold)}`,
    o.verdict,
  ]);
  const header = ['check', 'value', 'threshold', 'verdict'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  const notes = outcomes.filter((o) => o.note).map((o) => `${o.check.service}/${o.check.name}: ${o.note}`);
  return [line(header), ...rows.map(line), ...notes];
}
