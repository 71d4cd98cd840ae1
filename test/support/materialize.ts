import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import { parse } from 'yaml';
import type { OutputFiles } from '../../generators/core/output.ts';
import { writeOutput } from '../../generators/core/output.ts';

/** Writes compiled files into a new temporary folder, as `npm run build` would write out/. */
export function materialize(files: OutputFiles): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'monac-')), 'out');
  writeOutput(dir, files, { owner: 'build', flag: '--out' });
  return dir;
}

/**
 * promtool checks that credential files exist (the deployment provides them).
 * Creates an empty placeholder for every relative `*_file` path of a config,
 * beside the config as Prometheus resolves them.
 */
export function placeCredentialFiles(configPath: string, config: string): string[] {
  const paths: string[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        if (key.endsWith('_file') && typeof inner === 'string' && !isAbsolute(inner)) paths.push(inner);
        else visit(inner);
      }
    }
  };
  visit(parse(config));
  for (const path of paths) {
    const file = join(dirname(configPath), path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, 'placeholder\n');
  }
  return paths;
}
