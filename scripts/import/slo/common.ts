/** What the SLO importers share: adding an SLO to its service, and reading a spec's maps. */
import { serviceOf, type Imported } from '../model.ts';
import { isRecord, kebab, type InputDocument, type Path } from '../source.ts';
import { Call } from '../writer.ts';

/** A map of strings from a spec, values written as text (`true` as 'true'); anything else is empty. */
export function stringMap(value: unknown): Record<string, string> {
  return isRecord(value) ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, String(v)])) : {};
}

/** Adds `defineSlo(value)` to the service named `service`, recording the input file and its team. */
export function addSlo(into: Imported, doc: InputDocument, service: string, path: Path, team: string | undefined, value: Record<string, unknown>): void {
  const imported = serviceOf(into, kebab(service));
  imported.sources.add(doc.file);
  if (team && !imported.teams.has(team)) imported.teams.set(team, doc.locate(path));
  imported.slos.push(new Call('defineSlo', value));
}
