/**
 * What `npm pack` adds to the sources (the prepack script): the declaration
 * language's type declarations (dist/types/, tsc) for TypeScript users of
 * `import { defineService } from 'monac'`, and the language as one JavaScript
 * module (dist/schemas/index.mjs, esbuild) for whoever imports it outside the
 * CLI. The CLI itself ships as sources: its launcher bundles them on first run.
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { build } from 'esbuild';

const root = join(import.meta.dirname, '..', '..');
rmSync(join(root, 'dist'), { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const types = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.types.json')], { stdio: 'inherit' });
if (types.status !== 0) process.exit(types.status ?? 1);
await build({
  entryPoints: [join(root, 'schemas', 'index.ts')],
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  outfile: join(root, 'dist', 'schemas', 'index.mjs'),
  logLevel: 'error',
});
console.log('dist/: the declaration language, as types and as one module');
