import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { tablePages, withTables } from '../scripts/docs-tables.ts';
import { brokenRelativeLinks } from './support/doc-links.ts';
import { repoRoot } from './support/compile-case.ts';
import { runToolAsync } from './support/tools.ts';

/**
 * The README and docs/ as documentation that cannot rot: the README stays
 * short, every relative link opens a page and heading that exist, the lint
 * rule tables are the registry's, and every TypeScript block compiles
 * against the declaration language (a block that is only part of a file says
 * so on its fence: ```ts fragment).
 */
const pages = ['README.md', ...readdirSync(join(repoRoot, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
const text = new Map(pages.map((page) => [page, readFileSync(join(repoRoot, page), 'utf8')]));

interface Block {
  readonly page: string;
  readonly line: number;
  readonly code: string;
  readonly fragment: boolean;
}

function typescriptBlocks(page: string, markdown: string): Block[] {
  const blocks: Block[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const fence = /^```(ts|typescript)( fragment)?\s*$/.exec(lines[i]!);
    if (!fence) continue;
    const end = lines.findIndex((l, j) => j > i && l.startsWith('```'));
    blocks.push({ page, line: i + 1, code: lines.slice(i + 1, end).join('\n'), fragment: fence[2] !== undefined });
    i = end;
  }
  return blocks;
}

describe('README and docs/', () => {
  test('the README is at most 300 lines and points into docs/', () => {
    const readme = text.get('README.md')!;
    expect(readme.split('\n').length).toBeLessThanOrEqual(300);
    expect(pages.length).toBeGreaterThan(12);
    for (const page of pages.filter((p) => p !== 'README.md')) expect(readme, `the README links ${page}`).toContain(`](${page})`);
  });

  test('every relative link in the README and docs/ opens a page and heading that exist', () => {
    expect(brokenRelativeLinks(text)).toEqual([]);
    const broken = new Map(text).set('docs/extra.md', '# Extra\n\n[gone](slos.md#no-such-heading) [missing](nowhere.md)\n');
    expect(brokenRelativeLinks(broken)).toHaveLength(2);
  });

  test.each(Object.keys(tablePages))('the lint rule table of %s is the registry\'s (npm run docs writes it)', (page) => {
    expect(withTables(text.get(page)!, page)).toBe(text.get(page));
  });

  test('every TypeScript block compiles against the language; fragments say so', async () => {
    const blocks = pages.flatMap((page) => typescriptBlocks(page, text.get(page)!));
    const whole = blocks.filter((b) => !b.fragment);
    expect(whole.length).toBeGreaterThan(8);
    const dir = join(repoRoot, 'test/.work/doc-blocks');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const files = whole.map((block, i) => {
      const file = `${block.page.replace(/[/.]/g, '-')}-${block.line}.ts`;
      // The language by either name: the package's ('monac') and this repository's alias.
      writeFileSync(join(dir, file), `${block.code.replaceAll("from 'monac'", "from '#schemas'")}\nexport {};\n`);
      return { file, block, i };
    });
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ extends: '../../../tsconfig.json', compilerOptions: { noUnusedLocals: false }, include: ['*.ts'], exclude: [] }));
    const result = await runToolAsync('node', [join(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', join(dir, 'tsconfig.json'), '--pretty', 'false'], repoRoot);
    const errors = result.output.split('\n').filter((l) => l.includes('error TS')).map((line) => {
      const found = files.find((f) => line.includes(f.file));
      const at = /\((\d+),\d+\)/.exec(line);
      return found && at ? `${found.block.page}:${found.block.line + Number(at[1])}: ${line.slice(line.indexOf('error'))}` : line;
    });
    expect(errors).toEqual([]);
    expect(result.status).toBe(0);
  }, 120_000);
});
