/**
 * Input files as the importers read them: each YAML or JSON document as plain
 * data, with the line of any path inside it, so every diagnostic names the
 * user's file and line.
 */
import { readFileSync, statSync } from 'node:fs';
import { showSize } from './model.ts';
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

/** A document inside another (an item of a List, a dashboard inside a ConfigMap), located in the outer file; `whole`: every path at `prefix`. */
export function innerDocument(doc: InputDocument, prefix: Path, value: unknown, whole = false): InputDocument {
  return { ...doc, value, locate: (path) => doc.locate(whole ? prefix : [...prefix, ...path]) };
}

/**
 * The documents Kubernetes wraps as kube-prometheus ships them: the items of
 * a List or ConfigMapList (unwrapped again), and each `.json` key of a
 * ConfigMap parsed as JSON, named by its key (a key that is no JSON stays
 * its text, for the caller to refuse). Any other document, or a ConfigMap
 * with no `.json` key, is itself.
 */
export function unwrapDocuments(doc: InputDocument): { readonly doc: InputDocument; readonly key?: string }[] {
  const value = doc.value;
  if (!isRecord(value)) return [{ doc }];
  if ((value.kind === 'List' || value.kind === 'ConfigMapList') && Array.isArray(value.items)) {
    return value.items.flatMap((item, n) => unwrapDocuments(innerDocument(doc, ['items', n], item)));
  }
  if (value.kind === 'ConfigMap' && isRecord(value.data)) {
    const json = Object.entries(value.data).filter(([key, text]) => /\.json$/i.test(key) && typeof text === 'string');
    if (json.length === 0) return [{ doc }];
    return json.map(([key, text]) => {
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text as string);
      } catch {
        // Left as text: no reader recognizes it.
      }
      return { doc: innerDocument(doc, ['data', key], parsed, true), key: key.replace(/\.json$/i, '') };
    });
  }
  return [{ doc }];
}

/**
 * Parses every document of a YAML or JSON file; syntax errors, a file over
 * `maxBytes` and a document that cannot be read as data (an alias bomb, nesting
 * too deep) come back as diagnostics with their line, never as an exception.
 */
export function readDocuments(file: string, absolute: string, maxBytes: number): { documents: InputDocument[]; diagnostics: Diagnostic[] } {
  const size = statSync(absolute).size;
  if (size > maxBytes) {
    return { documents: [], diagnostics: [{ severity: 'error', code: 'import/too-large', location: { file: absolute, line: 1, column: 1 }, subject: file, message: `is ${showSize(size)}, over the ${showSize(maxBytes)} limit for one input file; pass --max-file-size ${Math.ceil(size / 1024 ** 2)}MB to read it` }] };
  }
  const text = readFileSync(absolute, 'utf8');
  const lineCounter = new LineCounter();
  const at = (offset: number): SourceLocation => {
    const { line, col } = lineCounter.linePos(offset);
    return { file: absolute, line, column: col };
  };
  let docs: unknown;
  try {
    docs = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  } catch (error) {
    return { documents: [], diagnostics: [{ severity: 'error', code: 'import/syntax', location: at(0), subject: file, message: `cannot be parsed: ${(error as Error).message.split('\n')[0]}` }] };
  }
  const list: readonly Document.Parsed[] = Array.isArray(docs) ? docs as Document.Parsed[] : [];
  const diagnostics: Diagnostic[] = [];
  for (const doc of list) {
    for (const error of doc.errors) {
      diagnostics.push({ severity: 'error', code: 'import/syntax', location: at(error.pos[0]), subject: file, message: `not valid YAML: ${error.message.split('\n')[0]}` });
    }
  }
  if (diagnostics.length > 0) return { documents: [], diagnostics };
  const documents: InputDocument[] = [];
  for (const [index, doc] of list.filter((d) => d.contents !== null).entries()) {
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 1000 });
    } catch (error) {
      // yaml refuses an alias bomb ("excessive alias count"); a stack overflow is nesting no configuration has.
      diagnostics.push({ severity: 'error', code: 'import/syntax', location: at(doc.range[0]), subject: file, message: `cannot be read as data: ${(error as Error).message.split('\n')[0]}` });
      continue;
    }
    documents.push({
      file,
      absolute,
      index,
      value,
      locate(path) {
        for (let n = path.length; n >= 0; n--) {
          const node = doc.getIn(path.slice(0, n), true);
          if (isNode(node) && node.range) return at(node.range[0]);
        }
        return at(doc.range[0]);
      },
    });
  }
  return diagnostics.length > 0 ? { documents: [], diagnostics } : { documents, diagnostics };
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
