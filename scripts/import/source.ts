/**
 * Input files as the importers read them: each YAML or JSON document as plain
 * data, with the line of any path inside it, so every diagnostic names the
 * user's file and line.
 */
import { readFileSync } from 'node:fs';
import { isNode, LineCounter, parseAllDocuments, type Document } from 'yaml';
import type { SourceLocation } from '../../schemas/source.ts';
import type { Diagnostic, Severity } from '../../generators/core/diagnostic.ts';

export type Path = readonly (string | number)[];

/** One document of an input file. */
export interface InputDocument {
  /** The file as the user named it (relative to the working folder). */
  readonly file: string;
  /** The absolute path, for diagnostics. */
  readonly absolute: string;
  /** Index of the document in a multi-document YAML file. */
  readonly index: number;
  readonly value: unknown;
  /** Where a path of the document starts; the document's start when the path is absent. */
  locate(path: Path): SourceLocation;
}

/** Parses every document of a YAML or JSON file; syntax errors come back as diagnostics with their line. */
export function readDocuments(file: string, absolute: string): { documents: InputDocument[]; diagnostics: Diagnostic[] } {
  const text = readFileSync(absolute, 'utf8');
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const list: readonly Document.Parsed[] = Array.isArray(docs) ? docs : [];
  const diagnostics: Diagnostic[] = [];
  const at = (offset: number): SourceLocation => {
    const { line, col } = lineCounter.linePos(offset);
    return { file: absolute, line, column: col };
  };
  for (const doc of list) {
    for (const error of doc.errors) {
      diagnostics.push({ severity: 'error', code: 'import/syntax', location: at(error.pos[0]), subject: file, message: `not valid YAML: ${error.message.split('\n')[0]}` });
    }
  }
  if (diagnostics.length > 0) return { documents: [], diagnostics };
  const documents = list
    .filter((doc) => doc.contents !== null)
    .map((doc, index): InputDocument => ({
      file,
      absolute,
      index,
      value: doc.toJS({ maxAliasCount: 1000 }),
      locate(path) {
        for (let n = path.length; n >= 0; n--) {
          const node = doc.getIn(path.slice(0, n), true);
          if (isNode(node) && node.range) return at(node.range[0]);
        }
        return at(doc.range[0]);
      },
    }));
  return { documents, diagnostics };
}

/** Collects an importer's findings about one document. */
export class Findings {
  readonly diagnostics: Diagnostic[] = [];
  constructor(readonly doc: InputDocument) {}

  add(severity: Severity, code: string, path: Path, subject: string, message: string): void {
    this.diagnostics.push({ severity, code, location: this.doc.locate(path), subject, message });
  }
  error(code: string, path: Path, subject: string, message: string): void {
    this.add('error', code, path, subject, message);
  }
  warning(code: string, path: Path, subject: string, message: string): void {
    this.add('warning', code, path, subject, message);
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** kebab-case id from any name: `Node.Rules` -> `node-rules`. */
export function kebab(name: string): string {
  const id = name
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return /^[a-z]/.test(id) ? id : `x-${id}`;
}

/** camelCase TypeScript name from an id: `genesis-orchestrator` -> `genesisOrchestrator`. */
export function camel(id: string): string {
  const name = id.replace(/[-_.]+([a-z0-9])/g, (_, c: string) => c.toUpperCase());
  return /^[a-zA-Z_$]/.test(name) ? name : `_${name}`;
}
