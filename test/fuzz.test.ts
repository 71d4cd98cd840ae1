import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { formatDiagnostic } from '../generators/core/diagnostic.ts';
import { loadProject } from '../scripts/packs/load.ts';
import { listFiles } from '../generators/core/output.ts';
import { compile } from '../generators/compile.ts';
import { alertmanagerGenerator } from '../generators/alertmanager/index.ts';
import { prometheusGenerator } from '../generators/prometheus/index.ts';
import { rulesGenerator } from '../generators/rules/index.ts';
import { goldenRoot, repoRoot } from './support/compile-case.ts';
import { materialize, placeCredentialFiles } from './support/materialize.ts';
import { runTool } from './support/tools.ts';

/**
 * Seeded mutations of real definitions: one field changed, dropped or
 * duplicated per seed, in place (so the declarations keep their recorded
 * source), then undone. Whatever the compiler makes of it: no crash, every
 * error at a file and line, and whatever builds passes promtool and amtool.
 * Each run draws a fresh range of seeds (printed), so CI explores instead of
 * replaying the same 300; `FUZZ_FROM=n` runs the range from n again, and a
 * failure names its seed: `FUZZ_SEED=n` replays that one.
 */
const SEEDS = Number(process.env.FUZZ_SEEDS ?? 300);
const ONLY = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
const FROM = process.env.FUZZ_FROM === undefined ? 1 + Math.floor(Math.random() * 2 ** 31) : Number(process.env.FUZZ_FROM);
const generators = [prometheusGenerator, rulesGenerator, alertmanagerGenerator];

const sources = [join(repoRoot, 'definitions'), ...['alertmanager-routing', 'rules-patterns', 'slo-events-30d', 'scaling-keda-prometheus-cron', 'scrape-tls-auth-remote-write', 'docs-runbooks'].map((name) => join(goldenRoot, name, 'definitions'))];
const projects = await Promise.all(sources.map(async (dir) => (await loadProject(dir)).project as Record<string, unknown>));

/** mulberry32: a small seeded generator, so a seed replays exactly. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Container = Record<string | number, unknown>;
interface Place { readonly parent: Container; readonly key: string | number; readonly path: string }

/** Every field under the project, with its parent: the places a mutation can hit. */
function places(root: unknown): Place[] {
  const found: Place[] = [];
  const seen = new Set<unknown>();
  const visit = (value: unknown, path: string) => {
    if (value === null || typeof value !== 'object' || seen.has(value)) return;
    seen.add(value);
    for (const [key, inner] of Object.entries(value)) {
      const at = `${path}.${key}`;
      found.push({ parent: value as Container, key: Array.isArray(value) ? Number(key) : key, path: at });
      visit(inner, at);
    }
  };
  visit(root, 'project');
  return found;
}

const badStrings = ['', '15x', '-5m', 'Not An Id!', 'urgent', 'rate(x)', 'x > 0.8[5m]', '{a=""}', 'sum(x, y)', 'http://', '  '];
const badNumbers = [0, -1, 1.5, 1e12, Number.NaN, 100, 2 ** 31];

/** Changes one place and returns how to undo it, with a description for the failure message. */
function mutate(project: unknown, next: () => number): { undo: () => void; what: string } {
  const all = places(project);
  const place = all[Math.floor(next() * all.length)]!;
  const { parent, key } = place;
  const old = parent[key];
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const kind = next();
  if (Array.isArray(parent) && kind < 0.15) {
    parent.push(old);
    return { undo: () => void parent.pop(), what: `duplicated ${place.path}` };
  }
  if (kind < 0.3 && !Array.isArray(parent)) {
    const entries = Object.entries(parent);
    delete parent[key];
    // Put every key back in its place: key order decides the places later seeds pick.
    const undo = () => {
      for (const [k] of entries) delete parent[k];
      for (const [k, v] of entries) parent[k] = v;
    };
    return { undo, what: `dropped ${place.path}` };
  }
  let value: unknown;
  if (typeof old === 'string') value = old.includes('(') || old.includes('{') ? mutateExpression(old, next) : pick(badStrings);
  else if (typeof old === 'number') value = pick(badNumbers);
  else if (typeof old === 'boolean') value = pick([!old, 'yes']);
  else value = pick([undefined, 'x', 1, [], {}]);
  parent[key] = value;
  return { undo: () => void (parent[key] = old), what: `${place.path} = ${JSON.stringify(value)}` };
}

/** A plausible typo in PromQL: a character gone, a range in the wrong place, a bracket or operator swapped. */
function mutateExpression(expr: string, next: () => number): string {
  const at = Math.floor(next() * expr.length);
  const edits = [
    () => expr.slice(0, at) + expr.slice(at + 1),
    () => `${expr}[5m]`,
    () => expr.replace(/\[[^\]]*\]/, ''),
    () => expr.replace(/\)/, ''),
    () => expr.replace(/ > /, ' > bool ').replace(/\bbool bool\b/, 'bool'),
    () => expr.replace(/sum/, 'topk'),
    () => expr.replace(/=~"/, '=~"(?!'),
    () => `${expr} and 1`,
  ];
  return edits[Math.floor(next() * edits.length)]!();
}

/** What the real tools say of a build's Prometheus and Alertmanager files. */
function toolFindings(files: Parameters<typeof materialize>[0]): string[] {
  const out = materialize(files);
  const problems: string[] = [];
  const config = join(out, 'prometheus/prometheus.yml');
  placeCredentialFiles(config, readFileSync(config, 'utf8'));
  const checkConfig = runTool('promtool', ['check', 'config', '--syntax-only', config]);
  if (checkConfig.status !== 0) problems.push(`promtool check config: ${checkConfig.stdout}${checkConfig.stderr}`);
  const rules = listFiles(join(out, 'prometheus/rules')).map((f) => join(out, 'prometheus/rules', f));
  if (rules.length > 0) {
    const checkRules = runTool('promtool', ['check', 'rules', ...rules]);
    if (checkRules.status !== 0) problems.push(`promtool check rules: ${checkRules.stdout}${checkRules.stderr}`);
  }
  const am = join(out, 'alertmanager/alertmanager.yml');
  if (existsSync(am)) {
    placeCredentialFiles(am, readFileSync(am, 'utf8'));
    const checkAm = runTool('amtool', ['check-config', am]);
    if (checkAm.status !== 0) problems.push(`amtool check-config: ${checkAm.stdout}${checkAm.stderr}`);
  }
  return problems;
}

describe('seeded mutations of the estate and the goldens', () => {
  const seeds = ONLY === undefined ? Array.from({ length: SEEDS }, (_, i) => FROM + i) : [ONLY];
  console.log(`fuzz: seeds ${seeds[0]} to ${seeds.at(-1)} (FUZZ_FROM=${seeds[0]} runs them again)`);

  test(`${seeds.length} seeds: no crash, every error at file:line, and what builds passes promtool and amtool`, () => {
    let built = 0;
    let refused = 0;
    for (const seed of seeds) {
      const next = random(seed);
      const project = projects[seed % projects.length]!;
      const { undo, what } = mutate(project, next);
      const replay = `seed ${seed} (FUZZ_SEED=${seed} npx vitest run test/fuzz.test.ts): ${what}`;
      try {
        let compilation;
        try {
          compilation = compile(project, { generators });
        } catch (error) {
          throw new Error(`${replay}\ncrashed: ${(error as Error).stack}\ncause: ${String((error as Error).cause)}`);
        }
        const errors = compilation.diagnostics.filter((d) => d.severity === 'error');
        const unlocated = errors.filter((d) => !d.location || !existsSync(d.location.file) || d.location.line < 1);
        expect(unlocated.map((d) => formatDiagnostic(d, repoRoot)), `${replay}\nerrors without a file and line`).toEqual([]);
        if (compilation.files) {
          built++;
          let findings: string[];
          try {
            findings = toolFindings(compilation.files);
          } catch (error) {
            throw new Error(`${replay}\nthe build could not be checked: ${(error as Error).message}`);
          }
          expect(findings, `${replay}\nbuilt, but the real tools refuse it`).toEqual([]);
        } else {
          refused++;
          expect(errors.length, `${replay}\nno files and no error`).toBeGreaterThan(0);
        }
      } finally {
        undo();
      }
    }
    // Both outcomes happen, so both kinds of check ran.
    if (ONLY === undefined) {
      expect(built).toBeGreaterThan(20);
      expect(refused).toBeGreaterThan(20);
    }
    console.log(`fuzz: ${seeds.length} seeds, ${built} built and passed the tools, ${refused} refused with located errors`);
  }, 600_000);
});
