import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { parse, parseAllDocuments } from 'yaml';
import { toYaml } from '../generators/core/emit.ts';
import { afterAll, describe, expect, test } from 'vitest';
import { parsePromql } from '../generators/promql/parse.ts';
import { typeCheck } from '../generators/promql/types.ts';
import { promqlExpression } from './support/promql-arbitrary.ts';
import { runTool } from './support/tools.ts';

/**
 * monac's PromQL verdict (the grammar, then the type checks: what it reports
 * as promql/syntax or promql/type) against promtool's on the same expression
 * written as a recording rule. Expressions are drawn from the grammar afresh
 * each run (the seed is printed; PROMQL_SEED replays it, PROMQL_RUNS draws
 * more: `npm run test:promql-fuzz` draws 50,000), and the upstream rules of
 * the corpus are compared the same way. promtool reads thousands at once: one
 * group per expression, and its report names each group it refuses.
 */
const INSTALLED = '2.42.0';
const SEED = Number(process.env.PROMQL_SEED ?? Math.floor(Math.random() * 2 ** 31));
const RUNS = Number(process.env.PROMQL_RUNS ?? 2500);
const CORPUS = join(import.meta.dirname, '..', '..', 'shared', 'corpus', 'kube-prometheus-subset');

const work = mkdtempSync(join(tmpdir(), 'monac-promql-differential-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** monac's verdict: undefined when it accepts, else what it found first. */
export function ours(expr: string): string | undefined {
  const parsed = parsePromql(expr);
  if (parsed.error) return `promql/syntax: ${parsed.error.message}`;
  const problem = typeCheck(expr, INSTALLED).problems[0];
  return problem && `promql/type: ${problem.message}`;
}

/** promtool's verdict on each expression: undefined when it accepts, else its message. */
function promtools(expressions: readonly string[], batch: string): (string | undefined)[] {
  const file = join(work, `${batch}.yml`);
  const rules = { groups: expressions.map((expr, i) => ({ name: `g${i}`, rules: [{ record: 'r', expr }] })) };
  // Written as monac writes rule files; the YAML must hand promtool exactly the drawn text, leading line breaks and trailing comments included.
  const text = toYaml(rules);
  expect(parse(text)).toEqual(rules);
  writeFileSync(file, text);
  const result = runTool('promtool', ['check', 'rules', file]);
  if (result.status !== 0 && result.status !== 1) throw new Error(`promtool ended with ${result.status}: ${result.stderr}`);
  const verdicts: (string | undefined)[] = expressions.map(() => undefined);
  const reports = result.stderr.split('\n').filter((line) => line.startsWith(file));
  for (const line of reports) {
    const group = /^[^:]+: \d+:\d+: group "g(\d+)", rule 1, "r": (.*)$/.exec(line);
    if (!group) throw new Error(`a promtool report names no group: ${line}`);
    verdicts[Number(group[1])] = group[2];
  }
  if (result.status === 1 && reports.length === 0) throw new Error(`promtool refused the file without naming a rule: ${result.stdout}${result.stderr}`);
  return verdicts;
}

interface Disagreement {
  readonly expr: string;
  readonly monac: string;
  readonly promtool: string;
}

/** Expressions per promtool call: its report of a batch stays well within the output a child process may give. */
const BATCH = 2000;

function compare(expressions: readonly string[], batch: string): Disagreement[] {
  const theirs: (string | undefined)[] = [];
  for (let i = 0; i < expressions.length; i += BATCH) theirs.push(...promtools(expressions.slice(i, i + BATCH), `${batch}-${i / BATCH}`));
  return expressions.flatMap((expr, i) => {
    const [mine, promtool] = [ours(expr), theirs[i]];
    return (mine === undefined) === (promtool === undefined) ? [] : [{ expr, monac: mine ?? 'accepts', promtool: promtool ?? 'accepts' }];
  });
}

function report(disagreements: readonly Disagreement[], replay: string): string {
  return disagreements.slice(0, 20).map((d) => `${JSON.stringify(d.expr)}\n    monac: ${d.monac}\n    promtool: ${d.promtool}`).join('\n') + `\n(${replay})`;
}

describe(`monac and promtool ${INSTALLED} give every expression the same verdict`, () => {
  test(`${RUNS} expressions drawn from the grammar (seed ${SEED})`, () => {
    const drawn = [...new Set(fc.sample(promqlExpression, { seed: SEED, numRuns: RUNS }))];
    console.log(`promql differential: seed ${SEED}, ${drawn.length} distinct expressions (PROMQL_SEED=${SEED} replays them)`);
    // Draws repeat, more so in long runs; npm test's run compares at least 2,000 distinct expressions.
    expect(drawn.length).toBeGreaterThanOrEqual(Math.min(2000, RUNS * 0.8));
    const refused = drawn.filter((expr) => ours(expr) !== undefined).length;
    // Both verdicts must be common, or the comparison proves little.
    expect(refused).toBeGreaterThan(drawn.length * 0.2);
    expect(drawn.length - refused).toBeGreaterThan(drawn.length * 0.2);
    expect(drawn.filter((expr) => expr.includes('#')).length).toBeGreaterThan(drawn.length * 0.1);
    const disagreements = compare(drawn, 'drawn');
    expect(disagreements, report(disagreements, `PROMQL_SEED=${SEED} PROMQL_RUNS=${RUNS} npx vitest run test/promql-differential.test.ts`)).toEqual([]);
  }, 300_000);

  test('every rule of the upstream corpus (kube-prometheus)', () => {
    const expressions = readdirSync(CORPUS).filter((f) => f.endsWith('Rule.yaml')).flatMap((f) =>
      parseAllDocuments(readFileSync(join(CORPUS, f), 'utf8')).flatMap((doc) => {
        const spec = doc.toJS() as { spec?: { groups?: { rules?: { expr?: string }[] }[] } };
        return (spec.spec?.groups ?? []).flatMap((g) => (g.rules ?? []).flatMap((r) => (r.expr === undefined ? [] : [String(r.expr)])));
      }));
    expect(expressions.length).toBeGreaterThanOrEqual(80);
    const disagreements = compare(expressions, 'corpus');
    expect(disagreements, report(disagreements, 'the corpus')).toEqual([]);
    // promtool accepts every upstream rule; so must monac.
    expect(expressions.filter((expr) => ours(expr) !== undefined)).toEqual([]);
  });
});
