import { relative } from 'node:path';
import type { SourceLocation } from '../../schemas/source.ts';

export type Severity = 'error' | 'warning';

/** One finding about the user's declarations, printed on one line. */
export interface Diagnostic {
  readonly severity: Severity;
  /** `stage/what`, such as `schema/duration` or `scrape/duplicate-job`. */
  readonly code: string;
  /** The user's file, line and column; absent only when no call site could be recorded. */
  readonly location?: SourceLocation | undefined;
  /** The declaration and field: `genesis-orchestrator.endpoints[0].interval`. */
  readonly subject: string;
  readonly message: string;
  /** The other place involved, such as the first declaration of a duplicate. */
  readonly related?: { readonly location?: SourceLocation | undefined; readonly subject: string } | undefined;
}

function formatLocation(location: SourceLocation | undefined, root: string): string {
  if (!location) return '<unknown>';
  return `${relative(root, location.file)}:${location.line}:${location.column}`;
}

/** `file:line:col severity code subject: message`, with paths relative to `root`. */
export function formatDiagnostic(diagnostic: Diagnostic, root = process.cwd()): string {
  const { severity, code, subject, message, related } = diagnostic;
  const also = related ? ` (see ${formatLocation(related.location, root)} ${related.subject})` : '';
  return `${formatLocation(diagnostic.location, root)} ${severity} ${code} ${subject}: ${message}${also}`;
}

/** Diagnostics in file, line, column, then code order, so output never depends on discovery order. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const key = (d: Diagnostic) => [d.location?.file ?? '', d.location?.line ?? 0, d.location?.column ?? 0, d.code, d.subject] as const;
  return [...diagnostics].sort((a, b) => {
    const [ka, kb] = [key(a), key(b)];
    for (let i = 0; i < ka.length; i++) {
      if (ka[i]! < kb[i]!) return -1;
      if (ka[i]! > kb[i]!) return 1;
    }
    return 0;
  });
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Path segments as users write them: `endpoints[0].interval`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((segment, i) => (typeof segment === 'number' ? `[${segment}]` : `${i === 0 ? '' : '.'}${String(segment)}`))
    .join('');
}
