import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { diffOutput, listFiles, writeOutput, type OutputFiles } from '../../generators/core/output.ts';
import { MARKER } from '../../generators/core/output-folder.ts';

const rules = { owner: 'build', flag: '--out' } as const;
const folder = () => mkdtempSync(join(tmpdir(), 'monac-output-'));

/** A folder holding these files (path to content). */
function holding(files: Record<string, string>): string {
  const dir = folder();
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

const output = (files: Record<string, [string, string]>): OutputFiles => new Map(Object.entries(files).map(([path, [content, generator]]) => [path, { content, generator }]));

describe('the output folder', () => {
  test('lists every file below it, sorted, with forward slashes, not its folders nor the marker; nothing for a folder that is not there', () => {
    const dir = holding({ 'b/z.yml': '', 'a.yml': '', 'b/a/deep.json': '', [MARKER]: 'written-by: monac build\n' });
    mkdirSync(join(dir, 'empty'));
    expect(listFiles(dir)).toEqual(['a.yml', 'b/a/deep.json', 'b/z.yml']);
    expect(listFiles(join(dir, 'absent'))).toEqual([]);
  });

  test('tells what is stale, missing and extra, sorted by path, and a folder without the marker', () => {
    const dir = holding({ 'same.yml': 'same\n', 'old.yml': 'before\n', 'extra.yml': 'x\n' });
    const files = output({ 'same.yml': ['same\n', 'prometheus'], 'old.yml': ['after\n', 'prometheus'], 'new.yml': ['n\n', 'alertmanager'] });
    expect(diffOutput(dir, files)).toEqual([
      { path: '.monac-output', status: 'missing' },
      { path: 'extra.yml', status: 'extra' },
      { path: 'new.yml', status: 'missing' },
      { path: 'old.yml', status: 'stale' },
    ]);
    writeFileSync(join(dir, MARKER), 'written-by: monac build\n');
    expect(diffOutput(dir, files).map((d) => d.path)).toEqual(['extra.yml', 'new.yml', 'old.yml']);
    // With only some generators: theirs alone, and no extras or marker (the others' files are not known).
    expect(diffOutput(dir, files, new Set(['prometheus']))).toEqual([{ path: 'old.yml', status: 'stale' }]);
    expect(diffOutput(dir, output({ 'same.yml': ['same\n', 'prometheus'], 'old.yml': ['before\n', 'prometheus'], 'extra.yml': ['x\n', 'grafana'] }))).toEqual([]);
    // A folder where a file should be cannot be read as one: it is stale, not current.
    mkdirSync(join(dir, 'folder.yml'));
    expect(diffOutput(dir, output({ 'folder.yml': ['f\n', 'prometheus'] }), new Set(['prometheus']))).toEqual([{ path: 'folder.yml', status: 'stale' }]);
    // Sorted whatever order the generators gave the files in.
    const unsorted = output({ 'b.yml': ['b\n', 'prometheus'], 'a.yml': ['a\n', 'prometheus'], 'c.yml': ['c\n', 'prometheus'] });
    expect(diffOutput(dir, unsorted, new Set(['prometheus'])).map((d) => d.path)).toEqual(['a.yml', 'b.yml', 'c.yml']);
  });

  test('is replaced whole: stale files go, unchanged ones are linked rather than written, the marker is set', () => {
    const parent = folder();
    const dir = join(parent, 'out');
    writeOutput(dir, output({ 'a/kept.yml': ['kept\n', 'prometheus'], 'a/old.yml': ['old\n', 'prometheus'] }), rules);
    const before = statSync(join(dir, 'a/kept.yml')).ino;
    writeOutput(dir, output({ 'a/kept.yml': ['kept\n', 'prometheus'], 'b/new.yml': ['new\n', 'grafana'] }), rules);
    expect(listFiles(dir)).toEqual(['a/kept.yml', 'b/new.yml']);
    expect(statSync(join(dir, 'a/kept.yml')).ino).toBe(before);
    expect(readFileSync(join(dir, MARKER), 'utf8')).toContain('written-by: monac build');
    expect(readdirSync(parent)).toEqual(['out']);
    expect(diffOutput(dir, output({ 'a/kept.yml': ['kept\n', 'prometheus'], 'b/new.yml': ['new\n', 'grafana'] }))).toEqual([]);
  });

  test('with only some generators, the others\' files stay as they were', () => {
    const dir = join(folder(), 'out');
    writeOutput(dir, output({ 'p.yml': ['p1\n', 'prometheus'], 'g.json': ['g1\n', 'grafana'] }), rules);
    writeOutput(dir, output({ 'p.yml': ['p2\n', 'prometheus'], 'g.json': ['g2\n', 'grafana'] }), rules, new Set(['prometheus']));
    expect(readFileSync(join(dir, 'p.yml'), 'utf8')).toBe('p2\n');
    expect(readFileSync(join(dir, 'g.json'), 'utf8')).toBe('g1\n');
    // A file the chosen generator no longer writes goes; the others' stay.
    writeOutput(dir, output({ 'g.json': ['g2\n', 'grafana'] }), rules, new Set(['prometheus']));
    expect(existsSync(join(dir, 'g.json'))).toBe(true);
  });
});
