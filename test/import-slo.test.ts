import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { listFiles } from '../generators/core/output.ts';
import { compileDefinitions, repoRoot } from './support/compile-case.ts';
import { materialize } from './support/materialize.ts';
import { runTool } from './support/tools.ts';
import { expectGoldenTree, projectOfImportedServices, tree } from './support/imported.ts';

/**
 * SLO specs as Sloth, Pyrra and OpenSLO users write them, hand-written from
 * the formats' specifications in test/import-slo/input/ (one construct
 * each, named in each file's first line), imported, built, and checked by
 * promtool; the refusals in test/import-slo/refused/ each name their
 * diagnostic in their first line. The Sloth events SLO and the Pyrra ratio
 * SLO are also declared by hand (test/import-slo/by-hand/): the hand
 * declarations' scenario tests run against the imported rules.
 */
const caseRoot = join(repoRoot, 'test/import-slo');
const work = join(repoRoot, 'test/.work');
mkdirSync(work, { recursive: true });
const root = mkdtempSync(join(work, 'import-slo-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function monacImport(args: readonly string[], cwd: string) {
  const result = spawnSync(process.execPath, [join(repoRoot, 'scripts/monac.mjs'), 'import', ...args], { cwd, encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}


let report = '';
/** The imported project, built into a folder as `monac build` writes it. */
let imported: string;

beforeAll(async () => {
  const definitions = join(root, 'definitions');
  const result = monacImport(['input', '--into', join(definitions, 'imported')], caseRoot);
  expect(result.status, result.output).toBe(0);
  report = result.output;
  projectOfImportedServices(definitions, 'imported-slos');
  const build = await compileDefinitions(definitions);
  expect(build.diagnostics.filter((d) => d.includes(' error '))).toEqual([]);
  imported = join(materialize(build.files!), 'prometheus');
}, 120_000);

describe('monac import of Sloth, Pyrra and OpenSLO specs', () => {
  test('writes the golden TypeScript', () => {
    expectGoldenTree(join(root, 'definitions/imported'), join(caseRoot, 'expected'));
  });

  test('every input document is converted, and what was left out is reported with its line', () => {
    const inputs = listFiles(join(caseRoot, 'input'));
    expect(inputs.length).toBeGreaterThanOrEqual(8);
    for (const input of inputs) expect(report, input).toContain(`input/${input}:`);
    expect(report).toMatch(/input\/sloth\/payments-raw\.yml:23:\d+ warning import\/dropped slo "captures": the annotation summary is a template/);
  });

  test('each SLI form the specs write becomes the language form that says the same', () => {
    const written = [...tree(join(root, 'definitions/imported')).values()].join('\n');
    // Sloth: selectors as events; count - bucket{le} as latency; with a != matcher as good events; raw ratios.
    expect(written).toMatch(/id: 'checkout-requests-availability',[\s\S]*?events: \{\s*errors: 'http_requests_total\{job="checkout", code=~"5.."\}'/);
    expect(written).toMatch(/id: 'checkout-requests-latency',[\s\S]*?latency: \{\s*histogram: 'http_request_duration_seconds',\s*matchers: \{ job: 'checkout' \},\s*threshold: 0.25/);
    expect(written).toMatch(/id: 'checkout-writes-latency',[\s\S]*?good: 'http_request_duration_seconds_bucket\{job="checkout", method!="GET", le="0.5"\}'/);
    expect(written).toMatch(/errorRatio:\s*'1 - \(sum\(rate\(payment_captures_ok_total\[\$window\]\)\)/);
    // Pyrra: latency with grouping, bool_gauge as availability, its tiers at the SLO's window.
    expect(written).toMatch(/id: 'search-latency',[\s\S]*?groupBy: \['route'\]/);
    expect(written).toMatch(/availability: \{\s*metric: 'probe_success',\s*matchers: \{ job: 'search-ready' \}/);
    expect(written).toMatch(/id: 'search-latency',[\s\S]*?fastPage: \{\s*longWindow: '15m',\s*shortWindow: '1m'/);
    // OpenSLO: good over total, one SLO per objective, a raw success ratio, v1alpha.
    expect(written).toMatch(/id: 'catalog-reads-strict',[\s\S]*?objective: 99.9,\s*period: '4w'/);
    expect(written).toMatch(/successRatio: 'sum\(rate\(catalog_searches_ok_total\[\$window\]\)\)/);
    expect(written).toMatch(/id: 'catalog-images',[\s\S]*?good: 'catalog_image_requests_total\{code!~"5.."\}'/);
    // OpenSLO alert policies: single-window tiers (short window = long window), the rest turned off.
    expect(written).toMatch(/id: 'catalog-checkout',[\s\S]*?fastPage: \{\s*longWindow: '1h',\s*shortWindow: '1h',\s*burnRate: 14,\s*for: '5m',\s*\},\s*slowPage: false,\s*fastTicket: \{\s*longWindow: '1d',\s*shortWindow: '1d',\s*burnRate: 2,\s*for: '1h',\s*\},\s*slowTicket: false,\s*\},\s*noDataFor: '1d'/);
  });

  test('promtool accepts every imported SLO\'s rules (check rules --lint-fatal)', () => {
    const rules = listFiles(imported).filter((p) => p.startsWith('rules/'));
    expect(rules.length).toBe(19);
    for (const file of rules) {
      const result = runTool('promtool', ['check', 'rules', '--lint-fatal', file], imported);
      expect(result.status, `${file}:\n${result.stdout}${result.stderr}`).toBe(0);
    }
  });

  // The one-minute scenarios of every SLO (gaps, budget alerts, no data); the burn scenarios of the two below.
  test('the imported SLOs pass their one-minute scenario tests under promtool', () => {
    const tests = listFiles(imported).filter((p) => p.startsWith('tests/') && !p.endsWith('-long.yml'));
    expect(tests.length).toBe(19);
    const result = runTool('promtool', ['test', 'rules', ...tests], imported);
    expect(result.status, `${result.stdout}${result.stderr}`).toBe(0);
  }, 180_000);
});

describe('imported SLOs alert as the same SLOs declared by hand', () => {
  /** The hand declarations' tests against the imported rules: one scenario file per SLO, its rule file replaced. */
  async function handTestsOnImportedRules(slo: string, long: boolean) {
    const { files, diagnostics } = await compileDefinitions(join(caseRoot, 'by-hand'));
    expect(files, diagnostics.join('\n')).toBeDefined();
    const hand = join(materialize(files!), 'prometheus');
    cpSync(join(imported, `rules/slo-${slo}.yml`), join(hand, `rules/slo-${slo}.yml`));
    const test = `tests/slo-${slo}${long ? '-long' : ''}.yml`;
    expect(existsSync(join(hand, test)), test).toBe(true);
    return runTool('promtool', ['test', 'rules', test], hand);
  }

  test.each([
    ['the Sloth events spec', 'checkout-requests-availability'],
    ['the Pyrra ratio spec', 'search-errors'],
  ])('%s: the burn-rate alerts fire at the hand declaration\'s scenario checkpoints', async (_, slo) => {
    const result = await handTestsOnImportedRules(slo, true);
    expect(result.status, `${result.stdout}${result.stderr}`).toBe(0);
  }, 180_000);

  test.each([
    ['the Sloth events spec', 'checkout-requests-availability'],
    ['the Pyrra ratio spec', 'search-errors'],
  ])('%s: the budget, gap and no-data checkpoints hold too', async (_, slo) => {
    const result = await handTestsOnImportedRules(slo, false);
    expect(result.status, `${result.stdout}${result.stderr}`).toBe(0);
  }, 120_000);
});

describe('monac import refuses what the language cannot say, with a diagnostic', () => {
  const refused = readdirSync(join(caseRoot, 'refused')).filter((f) => f.endsWith('.yml')).sort();

  test('there is a refusal per construct', () => {
    expect(refused.length).toBeGreaterThanOrEqual(14);
  });

  test.each(refused)('%s', (file) => {
    const text = readFileSync(join(caseRoot, 'refused', file), 'utf8');
    const expected = /^# expect: (.*)$/m.exec(text)?.[1];
    expect(expected, `${file} names its diagnostic in its first line`).toBeDefined();
    const dir = mkdtempSync(join(root, 'refused-'));
    cpSync(join(caseRoot, 'refused', file), join(dir, file));
    const result = monacImport([file, '--into', join(dir, 'imported')], dir);
    expect(result.status, result.output).toBe(1);
    expect(result.output).toMatch(new RegExp(expected!));
    expect(result.output).toContain('nothing was written');
    expect(existsSync(join(dir, 'imported'))).toBe(false);
  });

  test('--skip-unknown skips a document of no known kind with a warning, and imports the rest', () => {
    const dir = mkdtempSync(join(root, 'skip-'));
    cpSync(join(caseRoot, 'refused/unknown-kind.yml'), join(dir, 'unknown-kind.yml'));
    cpSync(join(caseRoot, 'input/pyrra/search-ratio.yml'), join(dir, 'search-ratio.yml'));
    const result = monacImport(['.', '--into', join(dir, 'imported'), '--skip-unknown'], dir);
    expect(result.status, result.output).toBe(0);
    expect(result.output).toMatch(/unknown-kind\.yml:2:1 warning import\/skipped unknown-kind\.yml: not a kind the importer reads .*skipped \(--skip-unknown\)/);
    expect(readFileSync(join(dir, 'imported/services/search.ts'), 'utf8')).toContain("id: 'search-errors'");
  });
});
