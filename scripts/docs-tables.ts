/**
 * The tables of docs/ made from the registries: the diagnostic codes
 * (generators/core/codes.ts) between `<!-- codes -->` and `<!-- /codes -->`
 * in docs/diagnostics.md, and the lint rules (generators/lint/index.ts: each
 * rule's code, default level and description) between
 * `<!-- lint-rules:KIND -->` and `<!-- /lint-rules -->` in docs/diagnostics.md
 * and docs/dashboards.md. `npm run docs` writes them; a test holds the
 * committed pages to what this makes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { diagnosticCodes } from '../generators/core/codes.ts';
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

export function codesTable(): string {
  const rows = Object.entries(diagnosticCodes).map(([code, meaning]) => `| \`${code}\` | ${meaning} |`);
  return ['| code | means |', '|---|---|', ...rows].join('\n');
}

function replaceBlock(text: string, page: string, start: string, end: string, table: string): string {
  const from = text.indexOf(start);
  const to = text.indexOf(end, from);
  if (from === -1 || to === -1) throw new Error(`${page} has no ${start} ... ${end} block`);
  return `${text.slice(0, from + start.length)}\n${table}\n${text.slice(to)}`;
}

/** `text` with its generated tables replaced by the registries'. */
export function withTables(text: string, page: string): string {
  const { kind, rules } = tablePages[page]!;
  const linted = replaceBlock(text, page, `<!-- lint-rules:${kind} -->`, '<!-- /lint-rules -->', lintTable(rules, kind));
  return kind === 'all' ? replaceBlock(linted, page, '<!-- codes -->', '<!-- /codes -->', codesTable()) : linted;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const page of Object.keys(tablePages)) {
    const path = join(root, page);
    writeFileSync(path, withTables(readFileSync(path, 'utf8'), page));
  }
  console.log(`wrote the code and lint rule tables of ${Object.keys(tablePages).join(', ')}`);
}
