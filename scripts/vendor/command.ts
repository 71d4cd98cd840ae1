/**
 * `monac vendor <files or folders> --into DIR`: upstream rules and dashboards
 * copied verbatim into a folder of the definitions, for a pack to read. A
 * ConfigMapList (or List) of dashboard ConfigMaps, as kube-prometheus ships
 * them, is split into one JSON file per dashboard, each byte for byte the
 * text the ConfigMap held. `vendor.json` records where each file came from and
 * its SHA-256. The folder is replaced whole, as `build` replaces out/, so
 * re-running with a newer upstream leaves exactly the new files; `monac plan`
 * then shows what the update changes.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'yaml';
import { id } from '../../schemas/common.ts';
import { contentOf, MANIFEST, type Content } from '../packs/index.ts';
import { dashboardOf } from '../import/grafana/index.ts';
import { camel, isRecord, readDocuments } from '../import/source.ts';
import { RefusedError, UsageError } from '../../generators/core/errors.ts';
import { writeOutput } from '../../generators/core/output.ts';
import { assertReplaceable, within } from '../../generators/core/output-folder.ts';
import { DEFAULT_MAX_FILE_BYTES, parseSize, showSize } from '../import/model.ts';

export const vendorUsage = `Usage: monac vendor <files or folders>... --into DIR [--definitions DIR] [--name NAME]

Copies upstream rules and dashboards (kube-prometheus manifests, a mixin's
output) verbatim into DIR, a folder under the definitions folder, for a pack to
read: YAML and JSON files keep their names (a folder's files their paths
below it); a ConfigMapList of dashboard ConfigMaps becomes one JSON file per
dashboard under dashboards/. DIR/vendor.json lists each file's source and
SHA-256. Prints the definePack() to add to the project.

Flags:
  --into DIR            the folder to write, replaced whole (required): new, empty or an
                        earlier monac vendor output (it holds .monac-output)
  --definitions DIR     folder whose index.ts exports the project (default: definitions)
  --name NAME           the pack's name in the printed definePack (default: DIR's name)
  --max-file-size SIZE  the largest input file read (default 20MB)
  --help                this text

Exit codes: 0 written, 2 usage or refused.`;

/** The pack's names as TypeScript types, for definePack<Names>(). */
export const NAMES = 'names.ts';

export async function runVendorCommand(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      into: { type: 'string' },
      definitions: { type: 'string', default: 'definitions' },
      name: { type: 'string' },
      'max-file-size': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(vendorUsage);
    return 0;
  }
  if (!values.into) throw new UsageError('--into DIR is required');
  if (positionals.length === 0) throw new UsageError('name the upstream files or folders to vendor');
  const maxBytes = values['max-file-size'] === undefined ? DEFAULT_MAX_FILE_BYTES : parseSize(values['max-file-size']);
  if (maxBytes === undefined) throw new UsageError(`--max-file-size ${values['max-file-size']} is not a size such as 20MB`);
  const name = values.name ?? basename(resolve(values.into));
  if (!id.safeParse(name).success) throw new UsageError(`the pack name ${JSON.stringify(name)} is not kebab-case; pass --name`);
  const into = resolve(values.into);
  const definitions = resolve(values.definitions);
  if (!within(into, definitions) || into === definitions) throw new RefusedError(`refusing --into ${values.into}: a pack reads only below the definitions folder (${values.definitions}); name a folder such as ${join(values.definitions, 'vendor', name)}`);
  for (const input of positionals) {
    if (within(resolve(input), into)) throw new RefusedError(`refusing --into ${values.into}: it holds the input ${input}, which replacing it would delete`);
  }
  const rules = { owner: 'vendor', flag: '--into' } as const;
  assertReplaceable(values.into, rules);
  const files = new Map<string, { content: string; generator: string }>();
  const names = { alerts: new Set<string>(), records: new Set<string>(), groups: new Set<string>(), dashboards: new Set<string>() };
  const manifest: { path: string; from: string; sha256: string }[] = [];
  const add = (path: string, content: string, from: string) => {
    if (files.has(path)) throw new UsageError(`two inputs would both be written as ${path} (the second from ${from}); vendor them into separate folders`);
    files.set(path, { content, generator: 'vendor' });
    manifest.push({ path, from, sha256: createHash('sha256').update(content).digest('hex') });
  };
  for (const input of positionals) {
    for (const { file, path } of inputFiles(input)) {
      const size = statSync(file).size;
      if (size > maxBytes) throw new UsageError(`${file} is ${showSize(size)}, over the ${showSize(maxBytes)} limit for one input file; pass --max-file-size`);
      const text = readFileSync(file, 'utf8');
      const from = relative(process.cwd(), file) || file;
      // Read as the pack will read it, for names.ts; what cannot be read the build reports.
      for (const doc of readDocuments(from, file, maxBytes).documents) collectNames(contentOf(doc), names);
      const dashboards = dashboardConfigMaps(text);
      if (dashboards) for (const [key, json] of dashboards) add(`dashboards/${key}`, json, `${from} (${key})`);
      else add(path, text, from);
    }
  }
  if (files.size === 0) throw new UsageError('the inputs hold no YAML or JSON file');
  manifest.sort((a, b) => (a.path < b.path ? -1 : 1));
  files.set(NAMES, { content: namesFile(names), generator: 'vendor' });
  files.set(MANIFEST, { content: `${JSON.stringify({ sources: positionals.map((p) => relative(process.cwd(), resolve(p)) || '.'), files: manifest }, null, 2)}\n`, generator: 'vendor' });
  writeOutput(values.into, files, rules);
  const shown = relative(process.cwd(), into);
  console.log(`wrote ${files.size - 2} upstream file(s), ${MANIFEST} and ${NAMES} to ${shown}/`);
  console.log(`\nAdd the pack to the project (its path is relative to the file that declares it):\n
import { definePack } from 'monac';
import type { Names as ${typeName(name)} } from './${relative(definitions, into).split('\\').join('/')}/${NAMES}';

export const ${camel(name)} = definePack<${typeName(name)}>({
  name: '${name}',
  from: '${relative(definitions, into).split('\\').join('/')}',
  team: 'platform',
});

and list it in defineProject({ packs: [...] }).`);
  return 0;
}

/** The YAML and JSON files of an input, each with the path it gets: a file its name, a folder's files their path below it. */
function inputFiles(input: string): { file: string; path: string }[] {
  const root = resolve(input);
  let stat;
  try {
    stat = statSync(root);
  } catch {
    throw new UsageError(`${input} does not exist`);
  }
  if (!stat.isDirectory()) return [{ file: root, path: basename(root) }];
  const out: { file: string; path: string }[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (entry.name.startsWith('.')) continue;
      const file = join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.isFile() && /\.(ya?ml|json)$/i.test(entry.name)) out.push({ file, path: relative(root, file).split('\\').join('/') });
    }
  };
  walk(root);
  return out;
}

/** A ConfigMapList or List whose every item is a ConfigMap of dashboard JSON: each data key with its text, as published. */
function dashboardConfigMaps(text: string): [string, string][] | undefined {
  let value: unknown;
  try {
    value = parse(text, { maxAliasCount: 100 });
  } catch {
    return undefined;
  }
  const record = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!record(value) || (value.kind !== 'ConfigMapList' && value.kind !== 'List') || !Array.isArray(value.items) || value.items.length === 0) return undefined;
  const out: [string, string][] = [];
  for (const item of value.items) {
    if (!record(item) || item.kind !== 'ConfigMap' || !record(item.data)) return undefined;
    for (const [key, json] of Object.entries(item.data)) {
      if (!/^[\w.-]+\.json$/.test(key) || typeof json !== 'string') return undefined;
      out.push([key, json.endsWith('\n') ? json : `${json}\n`]);
    }
  }
  return out;
}

/** `kube-prometheus` -> `KubePrometheusNames`. */
function typeName(name: string): string {
  const value = camel(name);
  return `${value[0]!.toUpperCase()}${value.slice(1)}Names`;
}

type Names = Record<'alerts' | 'records' | 'groups' | 'dashboards', Set<string>>;

/** The names a document's content holds: groups, alerts and records of its rules, dashboards by file name and uid. */
function collectNames(contents: readonly Content[], names: Names): void {
  for (const content of contents) {
    if (content.kind === 'dashboard') {
      names.dashboards.add(content.name);
      const uid = dashboardOf(content.doc.value)?.dashboard.uid;
      if (typeof uid === 'string') names.dashboards.add(uid);
      continue;
    }
    for (const group of Array.isArray(content.groups) ? content.groups : []) {
      if (!isRecord(group)) continue;
      if (typeof group.name === 'string') names.groups.add(group.name);
      for (const rule of Array.isArray(group.rules) ? group.rules : []) {
        if (isRecord(rule) && typeof rule.alert === 'string') names.alerts.add(rule.alert);
        if (isRecord(rule) && typeof rule.record === 'string') names.records.add(rule.record);
      }
    }
  }
}

/** names.ts: each kind of name as a union of string literals, sorted. */
function namesFile(names: Names): string {
  const union = (set: Set<string>) => (set.size === 0 ? 'never' : [...set].sort().map((n) => `\n    | ${JSON.stringify(n)}`).join(''));
  return `// Code generated by monac vendor. DO NOT EDIT.
// The names of this pack's upstream content, for definePack<Names>({...}): overrides and drops are checked against them.

export interface Names {
  readonly alerts:${union(names.alerts)};
  readonly records:${union(names.records)};
  readonly groups:${union(names.groups)};
  readonly dashboards:${union(names.dashboards)};
}
`;
}
