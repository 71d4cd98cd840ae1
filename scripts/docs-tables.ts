/**
 * The lint rule tables of docs/diagnostics.md and docs/dashboards.md, made
 * from the registry (generators/lint/index.ts: each rule's code, default
 * level and description), between `<!-- lint-rules:KIND -->` and
 * `<!-- /lint-rules -->`. `npm run docs` writes them; a test holds the
 * committed pages to what this makes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lintRules } from '../generators/lint/index.ts';

const root = join(import.meta.dirname, '..');

/** The pages and the rules each one's table lists. */
export const tablePages: Readonly<Record<string, { readonly kind: string; readonly rules: (code: string) => boolean }>> = {
  'docs/diagnostics.md': { kind: 'all', rules: (code) => !code.startsWith('dashboard/') },
  'docs/dashboards.md': { kind: 'dashboard', rules: (code) => code.startsWith('dashboard/') },
};

export function lintTable(include: (code: string) => boolean, kind: string): string {
  const rows = lintRules.filter((rule) => include(rule.code)).map((rule) => `| \`${rule.code}\` | ${rule.level} | ${rule.description} |`);
  const more = kind === 'all' ? ['| `dashboard/*` | | the dashboard linter\'s rules, listed in [dashboards](dashboards.md) |'] : [];
  return ['| lint rule | default | finds |', '|---|---|---|', ...rows, ...more].join('\n');
}

/** `text` with its generated table replaced by the registry's. */
export function withTables(text: string, page: string): string {
  const { kind, rules } = tablePages[page]!;
  const start = `<!-- lint-rules:${kind} -->`;
  const end = '<!-- /lint-rules -->';
  const from = text.indexOf(start);
  const to = text.indexOf(end, from);
  if (from === -1 || to === -1) throw new Error(`${page} has no ${start} ... ${end} block`);
  return `${text.slice(0, from + start.length)}\n${lintTable(rules, kind)}\n${text.slice(to)}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const page of Object.keys(tablePages)) {
    const path = join(root, page);
    writeFileSync(path, withTables(readFileSync(path, 'utf8'), page));
  }
  console.log(`wrote the lint rule tables of ${Object.keys(tablePages).join(', ')}`);
}
