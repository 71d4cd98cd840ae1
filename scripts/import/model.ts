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
