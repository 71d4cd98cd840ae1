/** What the importers produce: declaration values gathered per service, plus what they converted, kept raw and refused. */
import type { Diagnostic } from '../../generators/core/diagnostic.ts';
import type { SourceLocation } from '../../schemas/source.ts';
import type { DashboardImport } from './grafana/index.ts';
import type { Call } from './writer.ts';

export const severityTiers = ['critical', 'high', 'warning', 'info'] as const;

export interface ImportOptions {
  /** The team of services whose rules and targets carry no team label. */
  readonly team?: string | undefined;
  /** Input severity label values mapped to the language's tiers: `page` -> `critical`. */
  readonly severityMap: ReadonlyMap<string, string>;
  /** The Grafana folder of dashboards whose export does not say. */
  readonly folder?: string | undefined;
  /** The largest input file read, in bytes (rule files, dashboards, templates): a larger one is refused, not read. */
  readonly maxFileBytes: number;
  /** Skip, with a warning, documents of no kind the importer reads, instead of refusing them. */
  readonly skipUnknown?: boolean | undefined;
}

/** 20 MB: far above any real rule file or dashboard, far below what exhausts memory. */
export const DEFAULT_MAX_FILE_BYTES = 20 * 1024 * 1024;

/** `20MB`, `512KB`, `1GB` or a number of bytes. */
export function parseSize(text: string): number | undefined {
  const found = /^(\d+(?:\.\d+)?)\s*(B|KB|MB|GB)?$/i.exec(text.trim());
  if (!found) return undefined;
  const unit = { B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 }[(found[2] ?? 'B').toUpperCase() as 'B' | 'KB' | 'MB' | 'GB'];
  const bytes = Math.floor(Number(found[1]) * unit);
  return bytes > 0 ? bytes : undefined;
}

/** A size as the messages show it: `52.4 MB`. */
export function showSize(bytes: number): string {
  return bytes >= 1024 ** 2 ? `${(bytes / 1024 ** 2).toFixed(1)} MB` : bytes >= 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${bytes} B`;
}

/** A service assembled from every input that names it. */
export interface ImportedService {
  readonly id: string;
  /** Each team label seen, with where. */
  readonly teams: Map<string, SourceLocation>;
  readonly endpoints: unknown[];
  readonly ruleGroups: { readonly name: string; readonly value: unknown; readonly location: SourceLocation }[];
  readonly slos: unknown[];
  readonly sources: Set<string>;
}

export interface Imported {
  readonly services: Map<string, ImportedService>;
  alertmanager?: { readonly value: Call; readonly source: string; readonly location: SourceLocation } | undefined;
  /** Dashboards as plain declarations (panels carry their kind); raw passthroughs are added once they are built. */
  readonly dashboards: DashboardImport[];
  /** Scrape job names, with where each is declared: one name, one job, across every input. */
  readonly jobs: Map<string, SourceLocation>;
  /** Each severity label value the rules carry, with where it is first seen. */
  readonly severities: Map<string, SourceLocation>;
  /** One line per converted input document: what it became. */
  readonly converted: string[];
  readonly diagnostics: Diagnostic[];
}

export function emptyImport(): Imported {
  return { services: new Map(), jobs: new Map(), severities: new Map(), dashboards: [], converted: [], diagnostics: [] };
}

export function serviceOf(imported: Imported, id: string): ImportedService {
  let service = imported.services.get(id);
  if (!service) {
    service = { id, teams: new Map(), endpoints: [], ruleGroups: [], slos: [], sources: new Set() };
    imported.services.set(id, service);
  }
  return service;
}
