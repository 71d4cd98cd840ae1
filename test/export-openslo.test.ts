import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { afterAll, describe, expect, test } from 'vitest';
import { listFiles, type OutputFiles } from '../generators/core/output.ts';
import { parseDuration } from '../schemas/duration.ts';
import { compileDefinitions, goldenRoot, repoRoot } from './support/compile-case.ts';
import { promqlTree } from './support/semantic.ts';
import { projectOfImportedServices } from './support/imported.ts';

/**
 * `monac export openslo` writes every SLO as OpenSLO v1; importing the
 * export back yields the same SLOs: the same SLI recordings (every window's
 * expression), objective, period, budget and grouping, rule for rule, for
 * the estate's five SLOs and for golden cases holding every SLI form.
 */
const work = join(repoRoot, 'test/.work');
mkdirSync(work, { recursive: true });
const root = mkdtempSync(join(work, 'export-openslo-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function monac(args: readonly string[], cwd = repoRoot) {
  const result = spawnSync(process.execPath, [join(repoRoot, 'scripts/monac.mjs'), ...args], { cwd, encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

type Rule = { record?: string; alert?: string; expr: string; labels?: Record<string, string> };

/** The recording rules of every SLO of a built project, by SLO id: what the SLO means, rule by rule. */
function sloRecordings(files: OutputFiles): Map<string, Rule[]> {
  const found = new Map<string, Rule[]>();
  for (const [path, { content }] of files) {
    const id = /^prometheus\/rules\/slo-(.+)\.yml$/.exec(path)?.[1];
    if (!id) continue;
    const groups = (parse(content) as { groups: { name: string; rules: Rule[] }[] }).groups;
    // A time-slice SLO's slice group records what the rest counts.
    found.set(id, groups.filter((g) => g.name === `slo-${id}-slices` || g.name === `slo-${id}-recordings`).flatMap((g) => g.rules));
  }
  return found;
}

async function roundTrip(name: string, definitions: string) {
  const exported = join(root, name, 'openslo');
  const written = monac(['export', 'openslo', '--definitions', definitions, '--out', exported]);
  expect(written.status, written.output).toBe(0);
  const back = join(root, name, 'definitions');
  const imported = monac(['import', exported, '--into', join(back, 'imported')]);
  expect(imported.status, imported.output).toBe(0);
  projectOfImportedServices(back, 'round-trip');
  const [before, after] = await Promise.all([compileDefinitions(definitions), compileDefinitions(back)]);
  expect(after.diagnostics.filter((d) => d.includes(' error '))).toEqual([]);
  return { exported, before: sloRecordings(before.files!), after: sloRecordings(after.files!) };
}

describe('monac export openslo', () => {
  test('writes the estate\'s five SLOs as an SLI and an SLO each, and importing them back yields the same SLOs', async () => {
    const { exported, before, after } = await roundTrip('estate', join(repoRoot, 'definitions'));
    const files = listFiles(exported).filter((f) => f.endsWith('.yaml'));
    expect(files).toEqual(['autonomica-availability.yaml', 'autonomica-latency.yaml', 'genesis-availability.yaml', 'genesis-latency.yaml', 'genesis-post-deploy-latency.yaml']);
    for (const file of files) {
      const docs = parseAllDocuments(readFileSync(join(exported, file), 'utf8')).map((d) => d.toJS() as Record<string, Record<string, unknown>>);
      expect(docs.map((d) => `${String(d.apiVersion)} ${String(d.kind)}`)).toEqual(['openslo/v1 SLI', 'openslo/v1 SLO']);
      expect(docs[1]!.spec!.budgetingMethod).toBe('Occurrences');
      expect(docs[1]!.spec!.indicatorRef).toBe(docs[0]!.metadata!.name);
    }
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    expect(before.size).toBe(5);
    for (const [id, rules] of before) expect(after.get(id), id).toEqual(rules);
  }, 120_000);

  // Tiers and the long-window mode are how the SLO alerts, which OpenSLO does not say: the SLI's 5-minute
  // rates, the period's ratio, the objective, budget and period define the SLO, and must come back the same.
  const defining = (rules: readonly Rule[]) => {
    // The period's ratio is the longest window recorded.
    const windows = rules.map((r) => /^slo:sli_error:ratio_rate(.+)$/.exec(r.record ?? '')?.[1]).filter((w): w is string => w !== undefined);
    const period = windows.sort((a, b) => parseDuration(b)! - parseDuration(a)!)[0];
    return rules.filter((r) => r.record === `slo:sli_error:ratio_rate${period}` || /^slo:(sli_errors:rate5m|sli_requests:rate5m|objective:ratio|error_budget:ratio|time_period:days|timeslice_sli:value|timeslice_good:bool|sli_error:ratio_period_to_date|time_period:index|time_period_elapsed:ratio|sli_errors:rate1h|sli_requests:rate1h)$/.test(r.record ?? ''));
  };

  test.each(['slo-good-and-ratio', 'slo-availability-probe', 'slo-latency-28d', 'slo-timeslices', 'slo-calendar'])('round-trips the SLI, objective, period, grouping and labels of every SLO of golden case %s', async (name) => {
    const { before, after } = await roundTrip(name, join(goldenRoot, name, 'definitions'));
    expect(before.size).toBeGreaterThan(0);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [id, rules] of before) {
      const has = (prefix: string) => rules.some((r) => r.record?.startsWith(prefix));
      expect(defining(rules).length, id).toBe(6 + (has('slo:timeslice_') ? 2 : 0) + (has('slo:time_period:index') ? 5 : 0));
      // A ratio of queries that are one selector's rate each comes back as events: the same expressions, fewer parentheses.
      const view = (list: readonly Rule[]) => defining(list).map((r) => ({ ...r, expr: promqlTree(r.expr) }));
      expect(view(after.get(id)!), id).toEqual(view(rules));
    }
  }, 120_000);

  test('refuses to replace a folder it did not write', () => {
    const dir = mkdtempSync(join(root, 'kept-'));
    writeFileSync(join(dir, 'notes.md'), 'mine\n');
    const result = monac(['export', 'openslo', '--out', dir]);
    expect(result.status).toBe(2);
    expect(result.output).toMatch(/refusing --out .*monac export replaces that folder whole/);
    expect(readFileSync(join(dir, 'notes.md'), 'utf8')).toBe('mine\n');
  });
});
