/**
 * Packs: upstream rules and dashboards (kube-prometheus, a mixin) read from a
 * vendored folder at build time and added to the project as one service (its
 * rule groups) and its dashboards, with the pack's overrides, drops and
 * selector applied. Everything else about them is as upstream published it;
 * each upstream rule and dashboard keeps its file and line, so diagnostics
 * point into the vendored file.
 */
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { closest, distance } from 'fastest-levenshtein';
import type { Diagnostic } from '../../generators/core/diagnostic.ts';
import { locateSite } from '../../generators/core/locate.ts';
import { joinSubject, validateDeclaration } from '../../generators/core/schema-issues.ts';
import { addMatchers, matchersError } from '../../generators/promql/inject.ts';
import { pack as packSchema, type Pack } from '../../schemas/pack.ts';
import { placeSource, sourceOf, type SourceLocation } from '../../schemas/source.ts';
import { dashboardOf, importDashboard, keepRaw, type DashboardImport } from '../import/grafana/index.ts';
import { DEFAULT_MAX_FILE_BYTES, emptyImport, type ImportOptions } from '../import/model.ts';
import { convertAlert, durationField, ruleGroupsOf } from '../import/rules/index.ts';
import { Findings, isRecord, readDocuments, unwrapDocuments, type InputDocument, type Path } from '../import/source.ts';
import { dashboardWithSelector } from './dashboards.ts';

type Json = Record<string, unknown>;

/** The manifest `monac vendor` writes beside the upstream files: not upstream content. */
export const MANIFEST = 'vendor.json';

/** One piece of upstream content found in a pack's folder. */
export type Content =
  | { readonly kind: 'rules'; readonly doc: InputDocument; readonly groups: unknown; readonly path: Path }
  | { readonly kind: 'dashboard'; readonly doc: InputDocument; readonly name: string };

/**
 * The project with each pack's content added: a service named after the pack
 * with the upstream rule groups, and the upstream dashboards. Every pack's
 * `from` is rewritten as the absolute folder it was read from (validate() and
 * the linter know pack content by it). Errors leave no project.
 */
export function expandPacks(project: unknown, definitions: string): { project?: unknown; diagnostics: Diagnostic[] } {
  const packs = isRecord(project) && Array.isArray(project.packs) ? project.packs : [];
  if (packs.length === 0) return { project, diagnostics: [] };
  const diagnostics: Diagnostic[] = [];
  const services: unknown[] = [];
  const dashboards: unknown[] = [];
  const resolved: unknown[] = [];
  packs.forEach((raw, i) => {
    const subject = isRecord(raw) && typeof raw.name === 'string' ? raw.name : `packs[${i}]`;
    const checked = validateDeclaration(packSchema, project, ['packs', i], subject);
    diagnostics.push(...checked.diagnostics);
    if (!checked.data) return;
    const at = (field: readonly PropertyKey[]) => locateSite({ root: project, path: ['packs', i], subject }, field);
    const expanded = expandPack(checked.data, raw as Json, at, definitions);
    diagnostics.push(...expanded.diagnostics);
    if (expanded.service) services.push(expanded.service);
    dashboards.push(...expanded.dashboards);
    resolved.push(placeSource({ ...(raw as Json), from: expanded.folder ?? (raw as Json).from }, sourceOf(raw) ?? at([])!));
  });
  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics };
  const p = project as Json;
  const out = {
    ...p,
    services: [...(Array.isArray(p.services) ? p.services : []), ...services],
    dashboards: [...(Array.isArray(p.dashboards) ? p.dashboards : []), ...dashboards],
    packs: resolved,
  };
  const site = sourceOf(project);
  return { project: site ? placeSource(out, site) : out, diagnostics };
}

function expandPack(pack: Pack, raw: Json, at: (field: readonly PropertyKey[]) => SourceLocation | undefined, definitions: string): { service?: unknown; dashboards: unknown[]; folder?: string; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const error = (code: string, field: readonly PropertyKey[], message: string) =>
    diagnostics.push({ severity: 'error', code, location: at(field), subject: joinSubject(pack.name, field), message });
  if (pack.selector !== undefined) {
    const problem = matchersError(pack.selector);
    if (problem) error('pack/selector', ['selector'], problem);
  }
  const folder = packFolder(pack.from, sourceOf(raw)?.file, definitions);
  if ('problem' in folder) {
    error('pack/from', ['from'], folder.problem);
    return { dashboards: [], diagnostics };
  }
  const contents: Content[] = [];
  for (const file of filesUnder(folder.path)) {
    const read = readDocuments(relative(process.cwd(), file) || file, file, DEFAULT_MAX_FILE_BYTES);
    diagnostics.push(...read.diagnostics);
    for (const doc of read.documents) {
      const found = contentOf(doc);
      if (found.length === 0) {
        diagnostics.push({ severity: 'warning', code: 'pack/skipped', location: doc.locate([]), subject: `pack ${pack.name}`, message: 'is neither rules nor a Grafana dashboard (nor a List or ConfigMap of them); skipped' });
      }
      contents.push(...found);
    }
  }
  const rules = packRules(pack, contents, error);
  diagnostics.push(...rules.diagnostics);
  const boards = packDashboards(pack, contents, error);
  diagnostics.push(...boards.diagnostics);
  const service = rules.groups.length === 0 ? undefined : placeSource(
    { id: pack.name, team: pack.team, description: `Upstream rules of the pack ${pack.name} (${relative(definitions, folder.path) || '.'})`, ruleGroups: rules.groups },
    at([])!,
  );
  return { service, dashboards: boards.dashboards, folder: folder.path, diagnostics };
}

/** The pack's folder, which must be inside the definitions folder (after symbolic links), as no build reads outside it. */
function packFolder(from: string, declaredIn: string | undefined, definitions: string): { path: string } | { problem: string } {
  const root = realpathSync(resolve(definitions));
  const base = declaredIn && isAbsolute(declaredIn) ? dirname(declaredIn) : root;
  let path: string;
  try {
    path = realpathSync(resolve(base, from));
  } catch {
    return { problem: `${from} does not exist (read relative to the file that declares the pack)` };
  }
  if (path !== root && !path.startsWith(root + sep)) return { problem: `${from} is outside the definitions folder (after following symbolic links); vendor the upstream files under it (monac vendor)` };
  if (!statSync(path).isDirectory()) return { problem: `${from} is not a folder` };
  return { path };
}

/** The YAML and JSON files under a folder, dot-files and dot-folders left out, in a stable order; links leading out of it are not followed. */
function filesUnder(folder: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      // Dot-files (the vendor marker) and the vendor manifest are not upstream content.
      if (entry.name.startsWith('.') || (dir === folder && entry.name === MANIFEST)) continue;
      const path = join(dir, entry.name);
      const real = realpathSync(path);
      if (real !== folder && !real.startsWith(folder + sep)) continue;
      if (statSync(real).isDirectory()) walk(path);
      else if (/\.(ya?ml|json)$/i.test(entry.name)) out.push(path);
    }
  };
  walk(folder);
  return out;
}

/** What a document holds: rule groups and dashboards, through Lists and ConfigMaps as kube-prometheus ships them. */
export function contentOf(doc: InputDocument): Content[] {
  return unwrapDocuments(doc).flatMap(({ doc: inner, key }): Content[] => {
    const stem = inner.file.split('/').pop()!.replace(/\.(ya?ml|json)$/i, '');
    const rules = key === undefined ? ruleGroupsOf(inner) : undefined;
    if (rules) return [{ kind: 'rules', doc: inner, groups: rules.groups, path: rules.path }];
    if (dashboardOf(inner.value)) return [{ kind: 'dashboard', doc: inner, name: key ?? stem }];
    return [];
  });
}

/** `Name` or `Name{label="value", ...}`: the name and the static labels it picks. */
function parseKey(key: string): { name: string; labels: Record<string, string> } {
  const brace = key.indexOf('{');
  if (brace < 0) return { name: key, labels: {} };
  const labels = Object.fromEntries([...key.slice(brace).matchAll(/([a-zA-Z_]\w*)\s*=\s*"([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
  return { name: key.slice(0, brace), labels };
}

const matches = (key: { name: string; labels: Record<string, string> }, name: string, labels: Record<string, unknown>) =>
  key.name === name && Object.entries(key.labels).every(([k, v]) => labels[k] === v);

/** Names that are close to `name`, for "did you mean". */
export function suggestions(name: string, known: readonly string[]): string {
  const unique = [...new Set(known)];
  if (unique.length === 0) return 'the pack holds none';
  const best = closest(name, unique);
  const near = unique.filter((k) => distance(name, k) <= Math.max(2, Math.floor(name.length / 4))).sort((a, b) => distance(name, a) - distance(name, b)).slice(0, 3);
  return near.length > 0 ? `did you mean ${near.join(' or ')}?` : `the closest is ${best}`;
}

function packRules(pack: Pack, contents: readonly Content[], error: (code: string, field: readonly PropertyKey[], message: string) => void) {
  const diagnostics: Diagnostic[] = [];
  const options: ImportOptions = { team: pack.team, severityMap: new Map(Object.entries(pack.severityMap ?? {})), maxFileBytes: DEFAULT_MAX_FILE_BYTES };
  const alertKeys = Object.keys(pack.alerts ?? {}).map((key) => ({ key, ...parseKey(key), used: false }));
  const recordKeys = Object.keys(pack.records ?? {}).map((key) => ({ key, ...parseKey(key), used: false }));
  const drops = (pack.drop ?? []).map((key) => ({ key, ...parseKey(key), used: false }));
  const names = { alerts: [] as string[], records: [] as string[], groups: [] as string[] };
  const groups: Json[] = [];
  const seen = new Map<string, SourceLocation>();
  for (const content of contents) {
    if (content.kind !== 'rules') continue;
    const found = new Findings(content.doc);
    if (!Array.isArray(content.groups)) {
      found.error('pack/rules', content.path, pack.name, 'groups must be a list');
      diagnostics.push(...found.diagnostics);
      continue;
    }
    content.groups.forEach((group, g) => {
      const path = [...content.path, g];
      if (!isRecord(group) || typeof group.name !== 'string') return found.error('pack/rules', path, pack.name, 'a group needs a name');
      names.groups.push(group.name);
      const first = seen.get(group.name);
      if (first) return found.error('pack/duplicate-group', [...path, 'name'], `group ${group.name}`, `is also declared at ${first.file === content.doc.absolute ? 'line ' : `${relative(dirname(content.doc.absolute), first.file)}:`}${first.line}; Prometheus refuses two groups of one name in one file`);
      seen.set(group.name, content.doc.locate([...path, 'name']));
      const groupDrop = drops.find((d) => Object.keys(d.labels).length === 0 && d.name === group.name);
      if (groupDrop) {
        groupDrop.used = true;
        return;
      }
      const alerts: Json[] = [];
      const records: Json[] = [];
      let interval = durationField(group.interval, [...path, 'interval'], `group ${group.name}`, found);
      let intervalFrom: string | undefined;
      (Array.isArray(group.rules) ? group.rules : []).forEach((rule, r) => {
        const rulePath = [...path, 'rules', r];
        if (!isRecord(rule)) return found.error('pack/rules', rulePath, `group ${group.name}`, 'a rule must be a mapping');
        const name = typeof rule.alert === 'string' ? rule.alert : typeof rule.record === 'string' ? rule.record : undefined;
        const subject = `group ${group.name}, rule ${r + 1}${name ? ` ${name}` : ''}`;
        if (name === undefined) return found.error('pack/rules', rulePath, subject, 'a rule needs alert or record');
        if (typeof rule.expr !== 'string' && typeof rule.expr !== 'number') return found.error('pack/rules', [...rulePath, 'expr'], subject, 'a rule needs an expr');
        const labels = isRecord(rule.labels) ? rule.labels : {};
        const drop = drops.filter((d) => matches(d, name, labels));
        if (drop.length > 0) {
          drop.forEach((d) => (d.used = true));
          return;
        }
        const upstream = String(rule.expr).trim();
        const withSelectorAdded = pack.selector ? addMatchers(upstream, pack.selector) : upstream;
        if (typeof rule.alert === 'string') {
          names.alerts.push(name);
          const alert: Json = convertAlert({ ...rule, expr: withSelectorAdded }, labels, rulePath, subject, options, found);
          for (const key of alertKeys.filter((k) => matches(k, name, labels)).sort((a, b) => Object.keys(a.labels).length - Object.keys(b.labels).length)) {
            key.used = true;
            applyAlertOverride(alert, pack.alerts![key.key]!);
          }
          alerts.push(placeSource(dropUndefined(alert), content.doc.locate(rulePath)));
          return;
        }
        names.records.push(name);
        const record: Json = { record: name, expr: withSelectorAdded, labels: Object.keys(labels).length > 0 ? Object.fromEntries(Object.entries(labels).map(([k, v]) => [k, String(v)])) : undefined };
        for (const key of recordKeys.filter((k) => matches(k, name, labels)).sort((a, b) => Object.keys(a.labels).length - Object.keys(b.labels).length)) {
          key.used = true;
          const override = pack.records![key.key]!;
          if (override.expr !== undefined) record.expr = override.expr;
          if (override.labels) record.labels = { ...(record.labels as Json | undefined), ...override.labels };
          if (override.interval !== undefined) {
            if (intervalFrom !== undefined && interval !== override.interval) error('pack/group-interval', ['records', key.key, 'interval'], `${name} is in group ${group.name}, whose interval ${intervalFrom} already sets to ${interval}; a group has one interval`);
            interval = override.interval;
            intervalFrom = key.key;
          }
        }
        records.push(placeSource(dropUndefined(record), content.doc.locate(rulePath)));
      });
      // A group whose every rule is dropped is left out: Prometheus refuses a group without rules.
      if (alerts.length + records.length === 0) return;
      groups.push(placeSource(dropUndefined({
        name: group.name,
        interval,
        limit: typeof group.limit === 'number' && group.limit > 0 ? group.limit : undefined,
        records: records.length > 0 ? records : undefined,
        alerts: alerts.length > 0 ? alerts : undefined,
      }), content.doc.locate(path)));
    });
    // The importer's findings, in the pack's terms.
    diagnostics.push(...found.diagnostics.map((d) => ({
      ...d,
      code: d.code.replace(/^import\//, 'pack/'),
      message: d.message.replace(/pass --severity-map ([^=\s]*)=TIER/, (_, from: string) => `add severityMap: { ${from === '' ? "''" : from}: 'TIER' } to the pack`),
    })));
  }
  for (const key of alertKeys.filter((k) => !k.used)) {
    error('pack/unknown-name', ['alerts', key.key], `no alert of the pack is called ${key.key}; ${suggestions(key.name, names.alerts)}`);
  }
  for (const key of recordKeys.filter((k) => !k.used)) {
    error('pack/unknown-name', ['records', key.key], `no recording rule of the pack is called ${key.key}; ${suggestions(key.name, names.records)}`);
  }
  (pack.drop ?? []).forEach((key, i) => {
    if (drops[i]!.used) return;
    error('pack/unknown-name', ['drop', i], `no rule or group of the pack is called ${key}; ${suggestions(drops[i]!.name, [...names.alerts, ...names.records, ...names.groups])}`);
  });
  return { groups, diagnostics };
}

function applyAlertOverride(alert: Json, override: NonNullable<Pack['alerts']>[string]): void {
  if (override.expr !== undefined) alert.expr = override.expr;
  if (override.for !== undefined) alert.for = override.for;
  if (override.keepFiringFor !== undefined) alert.keepFiringFor = override.keepFiringFor;
  if (override.severity !== undefined) alert.severity = override.severity;
  if (override.labels) alert.labels = { ...(alert.labels as Json | undefined), ...override.labels };
  const { summary, description, runbook_url: runbookUrl, ...others } = override.annotations ?? {};
  if (summary !== undefined) alert.summary = summary;
  if (description !== undefined) alert.description = description;
  if (runbookUrl !== undefined) {
    alert.runbookUrl = runbookUrl;
    if (isRecord(alert.annotations)) delete alert.annotations.runbook_url;
  }
  if (Object.keys(others).length > 0) alert.annotations = { ...(alert.annotations as Json | undefined), ...others };
}

function dropUndefined<T extends Json>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function packDashboards(pack: Pack, contents: readonly Content[], error: (code: string, field: readonly PropertyKey[], message: string) => void) {
  const drops = (pack.dashboards?.drop ?? []).map((name) => ({ name, used: false }));
  const imported = emptyImport();
  const taken = new Set<string>();
  const names: string[] = [];
  const kept: DashboardImport[] = [];
  for (const content of contents) {
    if (content.kind !== 'dashboard') continue;
    const { dashboard, path } = dashboardOf(content.doc.value)!;
    const uid = typeof dashboard.uid === 'string' ? dashboard.uid : undefined;
    names.push(content.name, ...(uid ? [uid] : []));
    const drop = drops.filter((d) => d.name === content.name || d.name === uid);
    if (drop.length > 0) {
      drop.forEach((d) => (d.used = true));
      continue;
    }
    const json = pack.selector ? dashboardWithSelector(dashboard, pack.selector) : dashboard;
    const value = path.length === 0 ? json : { ...(content.doc.value as Json), dashboard: json };
    const declared = importDashboard({ ...content.doc, value }, pack.dashboards?.folder ?? pack.name, taken, imported);
    if (!declared) continue;
    declared.declaration.folder = pack.dashboards?.folder ?? pack.name;
    kept.push(declared);
  }
  drops.forEach((d, i) => {
    if (!d.used) error('pack/unknown-name', ['dashboards', 'drop', i], `no dashboard of the pack has the uid or file name ${d.name}; ${suggestions(d.name, names)}`);
  });
  imported.dashboards.push(...kept);
  // keepRaw keeps the upstream uid where it cannot be the id: links and bookmarks to the dashboard still open it.
  if (!imported.diagnostics.some((d) => d.severity === 'error')) keepRaw(kept, imported);
  const dashboards = kept.map((d) => placeSource(d.declaration, d.doc.locate(d.path)));
  // What the importer says it kept raw is how the upstream JSON is built, not news to the pack's user.
  const diagnostics = imported.diagnostics.filter((d) => d.severity === 'error');
  return { dashboards, diagnostics };
}
