/**
 * `monac import <files or folders...> --into DIR`: what a team already has
 * (Prometheus rule files and PrometheusRule objects, alertmanager.yml, a
 * Prometheus configuration's scrape_configs) into typed definitions. Each
 * file's kind is read from its content unless --kind says. The written
 * TypeScript is built once before it is written: when it would not build,
 * or an input is refused, nothing is written.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { formatDiagnostic, hasErrors, sortDiagnostics, type Diagnostic } from '../../generators/core/diagnostic.ts';
import { UsageError } from '../../generators/core/errors.ts';
import { importTypeScript } from '../../generators/core/load.ts';
import { writeOutput } from '../../generators/core/output.ts';
import { pidSuffixed, pruneStale, scratchFolder } from '../../generators/core/scratch.ts';
import { assertReplaceable } from '../../generators/core/output-folder.ts';
import { compile } from '../../generators/compile.ts';
import { lintRules } from '../../generators/lint/index.ts';
import { importAlertmanager, isAlertmanagerConfig } from './alertmanager/index.ts';
import { dashboardCall, dashboardOf, importDashboard, keepRaw } from './grafana/index.ts';
import { DEFAULT_MAX_FILE_BYTES, emptyImport, parseSize, severityTiers, type Imported, type ImportOptions } from './model.ts';
import { importRules, ruleGroupsOf } from './rules/index.ts';
import { importScrapeConfigs, isPrometheusConfig } from './scrape/index.ts';
import { importOpenSlo, importPyrra, importSloth, isOpenSlo, isPyrraSlo, isSlothSpec } from './slo/index.ts';
import { camel, readDocuments, unwrapDocuments, type InputDocument } from './source.ts';
import { Call, formatTypescript, printModule, quoted, type ModuleFile } from './writer.ts';

export const importUsage = `Usage: monac import <file or folder>... --into DIR [flags]

Converts existing monitoring configuration into definitions: one TypeScript
file per service under DIR/services/, DIR/alertmanager.ts, and DIR/index.ts
exporting them. Folders are read recursively (.yml, .yaml, .json). The result
is built once before anything is written; on an error nothing is written.

Kinds (read from each file's content, or given with --kind):
  rules          Prometheus rule files (groups:), PrometheusRule objects, Mimir namespaces
  alertmanager   alertmanager.yml
  prometheus     a Prometheus configuration: its scrape_configs become services and endpoints
  grafana        Grafana dashboard JSON (classic, as exported, provisioned or returned by the API)
  sloth          Sloth prometheus/v1 specs and PrometheusServiceLevel objects
  pyrra          Pyrra ServiceLevelObjective objects (pyrra.dev/v1alpha1)
  openslo        OpenSLO v1 and v1alpha SLO, SLI and DataSource documents (ratio metrics with Prometheus queries)

Flags:
  --into DIR              the folder to write, replaced as a whole (required), such as definitions/imported;
                          it must be new, empty or an earlier import (it holds .monac-output)
  --kind KIND             read every file as this kind
  --team TEAM             the team of services whose rules and targets carry no team label
  --folder TITLE          the Grafana folder of dashboards whose file does not say (default: Imported)
  --severity-map FROM=TO  read severity FROM as the tier TO (critical, high, warning, info);
                          =TO sets the tier of alerts without a severity label (repeatable)
  --max-file-size SIZE    the largest input file read, such as 50MB (default 20MB): a larger one is refused
  --skip-unknown          skip, with a warning, YAML documents of no kind above (by default each is an error)
  --help                  this text

Exit codes: 0 written, 1 an input refused or the result does not build (nothing written), 2 usage.`;

const kinds = ['rules', 'alertmanager', 'prometheus', 'grafana', 'sloth', 'pyrra', 'openslo'] as const;
type Kind = (typeof kinds)[number];

/** The targets the written definitions are checked against: the versions the Debian packages of this repository's tests run. */
const checkTargets = { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' };

function parse(argv: readonly string[]) {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      into: { type: 'string' },
      kind: { type: 'string' },
      team: { type: 'string' },
      folder: { type: 'string' },
      'severity-map': { type: 'string', multiple: true },
      'max-file-size': { type: 'string' },
      'skip-unknown': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return undefined;
  if (!values.into) throw new UsageError('--into DIR is required');
  if (positionals.length === 0) throw new UsageError('name at least one file or folder to import');
  if (values.kind !== undefined && !(kinds as readonly string[]).includes(values.kind)) throw new UsageError(`--kind must be one of ${kinds.join(', ')}`);
  if (values.team !== undefined && !/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/.test(values.team)) throw new UsageError('--team must be a kebab-case id');
  const severityMap = new Map<string, string>();
  for (const entry of values['severity-map'] ?? []) {
    const [from, to] = entry.split('=');
    if (from === undefined || to === undefined || !(severityTiers as readonly string[]).includes(to)) throw new UsageError(`--severity-map ${entry}: expected FROM=TO with TO one of ${severityTiers.join(', ')}`);
    severityMap.set(from, to);
  }
  for (const input of positionals) if (!existsSync(input)) throw new UsageError(`${input} does not exist`);
  const maxFileBytes = values['max-file-size'] === undefined ? DEFAULT_MAX_FILE_BYTES : parseSize(values['max-file-size']);
  if (maxFileBytes === undefined) throw new UsageError(`--max-file-size must be a size such as 50MB, got ${values['max-file-size']}`);
  return { inputs: positionals, into: values.into, kind: values.kind as Kind | undefined, options: { team: values.team, severityMap, folder: values.folder, maxFileBytes, skipUnknown: values['skip-unknown'] } satisfies ImportOptions };
}

/** Every YAML or JSON file named or below a named folder, sorted, relative to the working folder. */
function inputFiles(inputs: readonly string[]): string[] {
  const files = new Set<string>();
  const walk = (path: string) => {
    if (statSync(path).isDirectory()) {
      for (const entry of readdirSync(path).sort()) if (!entry.startsWith('.')) walk(join(path, entry));
    } else if (/\.(ya?ml|json)$/.test(path) || inputs.includes(path)) {
      files.add(relative(process.cwd(), resolve(path)).split('\\').join('/'));
    }
  };
  inputs.forEach(walk);
  return [...files].sort();
}

/** How each kind is recognized from a document's content; the first that matches is its kind. */
const recognizers: Record<Kind, (doc: InputDocument) => boolean> = {
  rules: (doc) => ruleGroupsOf(doc) !== undefined,
  alertmanager: (doc) => isAlertmanagerConfig(doc.value),
  prometheus: (doc) => isPrometheusConfig(doc.value),
  grafana: (doc) => dashboardOf(doc.value) !== undefined,
  sloth: (doc) => isSlothSpec(doc.value),
  pyrra: (doc) => isPyrraSlo(doc.value),
  openslo: (doc) => isOpenSlo(doc.value),
};

const importers: Record<Kind, (doc: InputDocument, options: ImportOptions, into: Imported) => void> = {
  rules: importRules,
  alertmanager: importAlertmanager,
  prometheus: (doc, _options, into) => importScrapeConfigs(doc, into),
  grafana: (doc, options, into) => {
    const dashboard = importDashboard(doc, options.folder, new Set(into.dashboards.map((d) => d.id)), into);
    if (!dashboard) return;
    into.dashboards.push(dashboard);
    into.converted.push(`${doc.file}: dashboard ${dashboard.id} with ${dashboard.panels.length} panel(s) and row(s)`);
  },
  sloth: importSloth,
  pyrra: importPyrra,
  // Read once every file is, so an SLO finds the SLI it refers to in another file.
  openslo: () => {},
};

/** Reads and converts every input; the declarations and what was found. */
export function importFiles(files: readonly string[], kind: Kind | undefined, options: ImportOptions): Imported {
  const imported = emptyImport();
  const openSlo: InputDocument[] = [];
  for (const file of files) {
    const { documents, diagnostics } = readDocuments(file, resolve(file), options.maxFileBytes);
    imported.diagnostics.push(...diagnostics);
    // kube-prometheus ships dashboards as a ConfigMapList and rules as PrometheusRules, sometimes in a List.
    for (const { doc } of documents.flatMap(unwrapDocuments)) {
      const docKind = kind ?? kinds.find((k) => recognizers[k](doc));
      if (!docKind) {
        // JSON is what Grafana exports: a JSON file that is no dashboard is an error, not a skip.
        if (/\.json$/i.test(doc.file)) {
          imported.diagnostics.push({ severity: 'error', code: 'import/not-a-dashboard', location: doc.locate([]), subject: doc.file, message: 'is not a Grafana dashboard: expected a JSON object with a panels list (or, before Grafana 5, a rows list), plain or as { dashboard, meta }' });
        } else if (options.skipUnknown) {
          imported.diagnostics.push({ severity: 'warning', code: 'import/skipped', location: doc.locate([]), subject: doc.file, message: `not a kind the importer reads (${kinds.join(', ')}); skipped (--skip-unknown)` });
        } else {
          // Nothing is skipped silently: a spec of a version the importer does not read would otherwise vanish.
          imported.diagnostics.push({ severity: 'error', code: 'import/unknown-kind', location: doc.locate([]), subject: doc.file, message: `not a kind the importer reads (${kinds.join(', ')}); pass --kind if it is one, or --skip-unknown to skip such documents` });
        }
        continue;
      }
      if (!recognizers[docKind](doc)) {
        imported.diagnostics.push({ severity: 'error', code: 'import/kind', location: doc.locate([]), subject: doc.file, message: `is not a ${docKind} file` });
        continue;
      }
      if (docKind === 'openslo') openSlo.push(doc);
      else importers[docKind](doc, options, imported);
    }
  }
  importOpenSlo(openSlo, options, imported);
  if (!hasErrors(imported.diagnostics)) keepRaw(imported.dashboards, imported);
  // A map onto a value the rules already use merges two severities: routes that told them apart no longer can.
  for (const [from, to] of options.severityMap) {
    const merged = from !== '' && from !== to ? imported.severities.get(to) : undefined;
    if (merged && imported.severities.has(from)) {
      imported.diagnostics.push({ severity: 'warning', code: 'import/severity-merged', location: merged, subject: `--severity-map ${from}=${to}`, message: `alerts with severity ${from} and with ${to} now share the tier ${to}; routes and inhibitions that matched only one of them match both` });
    }
  }
  return imported;
}

/** A dashboard's constant: a service and a dashboard often share an id. */
function dashboardName(id: string): string {
  return `${camel(id)}Dashboard`;
}

/** The TypeScript files of an import: one per service, the Alertmanager, and the index. */
export function moduleFiles(imported: Imported, options: ImportOptions): { files: ModuleFile[]; index: string; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const files: ModuleFile[] = [];
  const services = [...imported.services.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
  for (const service of services) {
    const teams = [...service.teams];
    if (teams.length > 1) {
      diagnostics.push({ severity: 'error', code: 'import/team', location: teams[1]![1], subject: `service ${service.id}`, message: `its rules and targets name teams ${teams.map(([t]) => t).join(' and ')}; a service has one team, so split it by service label in the input` });
    }
    const team = teams[0]?.[0] ?? options.team;
    if (!team) {
      diagnostics.push({ severity: 'error', code: 'import/team', location: service.ruleGroups[0]?.location, subject: `service ${service.id} (from ${[...service.sources].sort().join(', ')})`, message: 'no rule, target or SLO of it carries a team label; pass --team' });
    }
    const groups = [...service.ruleGroups].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    groups.forEach((group, i) => {
      if (i > 0 && groups[i - 1]!.name === group.name) {
        diagnostics.push({ severity: 'error', code: 'import/duplicate-group', location: group.location, subject: `service ${service.id}`, message: `a second rule group named ${group.name}; rename one of them in the input` });
      }
    });
    const endpoints = [...service.endpoints].sort((a, b) => ((a as { job: string }).job < (b as { job: string }).job ? -1 : 1));
    files.push({
      path: `services/${service.id}.ts`,
      sources: [...service.sources].sort(),
      declarations: [{
        name: camel(service.id),
        value: new Call('defineService', {
          id: service.id,
          team: team ?? 'unowned',
          endpoints: endpoints.length > 0 ? endpoints : undefined,
          ruleGroups: groups.length > 0 ? groups.map((g) => g.value) : undefined,
          slos: service.slos.length > 0 ? service.slos : undefined,
        }),
      }],
    });
  }
  if (imported.alertmanager) {
    files.push({ path: 'alertmanager.ts', sources: [imported.alertmanager.source], declarations: [{ name: 'alertmanager', value: imported.alertmanager.value }] });
  }
  const dashboards = [...imported.dashboards].sort((a, b) => (a.id < b.id ? -1 : 1));
  for (const dashboard of dashboards) {
    files.push({ path: `dashboards/${dashboard.id}.ts`, sources: [dashboard.source], declarations: [{ name: dashboardName(dashboard.id), value: dashboardCall(dashboard.declaration) }] });
  }
  const imports = new Map<string, string>([
    ...services.map((s): [string, string] => [camel(s.id), `./services/${s.id}.ts`]),
    ...dashboards.map((d): [string, string] => [dashboardName(d.id), `./dashboards/${d.id}.ts`]),
  ]);
  if (imported.alertmanager) imports.set('alertmanager', './alertmanager.ts');
  const index = [
    '// Written by monac import: what this folder holds, for definitions/index.ts to use.',
    ...[...imports].sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, path]) => `import { ${name} } from ${quoted(path)};`),
    '',
    '/** Every imported service: add them to defineProject({ services: [...] }). */',
    `export const services = [${services.map((s) => camel(s.id)).join(', ')}];`,
    '',
    '/** Every imported dashboard: defineProject({ dashboards: [...] }), with grafana settings for the datasource. */',
    `export const dashboards = [${dashboards.map((d) => dashboardName(d.id)).join(', ')}];`,
    ...(imported.alertmanager ? ['', '/** The imported Alertmanager: defineProject({ alertmanager }). */', 'export { alertmanager };'] : []),
    '',
  ].join('\n');
  return { files, index, diagnostics };
}

/**
 * How the folder `into` imports the declaration language: `#schemas` inside
 * this repository (its package.json maps it), `monac` anywhere else (a
 * project that installed the package).
 */
export function languageFor(into: string): '#schemas' | 'monac' {
  for (let dir = resolve(into); ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        const json = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown; imports?: Record<string, unknown> };
        return json.name === 'monac' && json.imports?.['#schemas'] !== undefined ? '#schemas' : 'monac';
      } catch {
        return 'monac';
      }
    }
    if (dirname(dir) === dir) return 'monac';
  }
}

/** Builds the written files once, in a folder beside the target, with every lint rule at most a warning. */
async function buildCheck(into: string, contents: ReadonlyMap<string, string>, hasAlertmanager: boolean): Promise<Diagnostic[]> {
  const target = resolve(into);
  const name = target.split('/').pop()!;
  const staging = join(dirname(target), `.${name}.check-${process.pid}`);
  // Beside the target, so the written files resolve `#schemas` as they will there; git ignores it; Ctrl-C removes it.
  pruneStale(dirname(target), pidSuffixed(`.${name}.check-`));
  const release = scratchFolder(staging);
  try {
    for (const [path, content] of contents) {
      mkdirSync(dirname(join(staging, path)), { recursive: true });
      writeFileSync(join(staging, path), content);
    }
    writeFileSync(join(staging, 'check.ts'), [
      `import { defineProject } from '${languageFor(into)}';`,
      `import * as imported from './index.ts';`,
      `export default defineProject({ name: 'import-check', targets: ${JSON.stringify(checkTargets)}, services: imported.services, dashboards: imported.dashboards, grafana: { datasource: { url: 'http://prometheus:9090' }, serviceDashboards: false, sloDashboards: false, infrastructure: false },${hasAlertmanager ? ' alertmanager: (imported as { alertmanager?: never }).alertmanager,' : ''} });`,
      '',
    ].join('\n'));
    let project: unknown;
    try {
      project = ((await importTypeScript(pathToFileURL(join(staging, 'check.ts')).href)) as { default: unknown }).default;
    } catch (error) {
      return [{ severity: 'error', code: 'import/load', location: undefined, subject: into, message: `the written definitions do not load (a bug of the importer): ${(error as Error).message.split('\n')[0]}` }];
    }
    // Lint findings do not stop an import: they are what the first build will say, reported now as warnings.
    const lintCodes = new Set(lintRules.map((rule) => rule.code));
    const diagnostics = compile(project, { checkOnly: true }).diagnostics.map((d): Diagnostic => (lintCodes.has(d.code) && d.severity === 'error'
      ? { ...d, severity: 'warning', message: `${d.message}; the build reports this as an error: fix it, or set lint: { '${d.code}': 'warning' } in the project` }
      : d));
    // Findings about the written files name them where they will be.
    const moved = <L extends { file: string }>(location: L | undefined): L | undefined =>
      location?.file.startsWith(staging) ? { ...location, file: join(target, relative(staging, location.file)) } : location;
    return diagnostics.map((d) => (d.location?.file.startsWith(staging)
      ? {
        ...d,
        location: moved(d.location),
        related: d.related && { ...d.related, location: moved(d.related.location) },
        message: `${d.message} (in the TypeScript the import would write; fix the input)`,
      }
      : d));
  } finally {
    release();
  }
}

export async function runImportCommand(argv: readonly string[]): Promise<number> {
  const args = parse(argv);
  if (!args) {
    console.log(importUsage);
    return 0;
  }
  const intoRules = { owner: 'import', flag: '--into' } as const;
  assertReplaceable(args.into, intoRules);
  const files = inputFiles(args.inputs);
  const imported = importFiles(files, args.kind, args.options);
  const modules = moduleFiles(imported, args.options);
  const diagnostics = [...imported.diagnostics, ...modules.diagnostics];
  const contents = new Map<string, string>();
  if (!hasErrors(diagnostics)) {
    const language = languageFor(args.into);
    for (const file of modules.files) contents.set(file.path, await printModule(file, language));
    contents.set('index.ts', await formatTypescript(modules.index));
    // The lint warnings of the language's own rules (untested alerts, missing runbooks) would drown the report.
    diagnostics.push(...(await buildCheck(args.into, contents, imported.alertmanager !== undefined)).filter((d) => d.severity === 'error' || d.message.includes('the build reports this as an error')));
  }
  const sorted = sortDiagnostics(diagnostics);
  console.log(`converted ${imported.converted.length} document(s) of ${files.length} file(s):`);
  for (const line of imported.converted) console.log(`  ${line}`);
  const warnings = sorted.filter((d) => d.severity === 'warning');
  const errors = sorted.filter((d) => d.severity === 'error');
  if (warnings.length > 0) console.log(`kept raw, dropped or skipped (${warnings.length}):`);
  for (const d of warnings) console.log(`  ${formatDiagnostic(d)}`);
  if (errors.length > 0) {
    console.error(`refused (${errors.length}):`);
    for (const d of errors) console.error(`  ${formatDiagnostic(d)}`);
    console.error('nothing was written');
    return 1;
  }
  writeOutput(args.into, new Map([...contents].map(([path, content]) => [path, { content, generator: 'import' }])), intoRules);
  const shown = relative(process.cwd(), resolve(args.into)) || '.';
  console.log(`wrote ${contents.size} file(s) to ${shown}/; add them to the project in definitions/index.ts:`);
  console.log(`  import * as imported from './${relative(resolve('definitions'), resolve(args.into)).split('\\').join('/')}/index.ts';`);
  console.log(`  services: [...yourServices, ...imported.services],${imported.alertmanager ? ' alertmanager: imported.alertmanager,' : ''}${imported.dashboards.length > 0 ? ' dashboards: [...yourDashboards, ...imported.dashboards],' : ''}`);
  return 0;
}
