import type { z } from 'zod';
import { codeOfPattern } from '../../schemas/common.ts';
import { formatPath, type Diagnostic } from './diagnostic.ts';
import { locate } from './locate.ts';

/** Fields that would hold a secret inline, and the `*_file` field to use instead. */
const secretFields: Readonly<Record<string, string>> = {
  password: 'passwordFile',
  credentials: 'credentialsFile',
  bearerToken: 'authorization.credentialsFile',
  bearerTokenFile: 'authorization.credentialsFile',
  token: 'a *File field',
};

type Issue = z.core.$ZodIssue;

/**
 * Validates the declaration found at `base` inside `root` against its schema;
 * every issue becomes one diagnostic at the field's line.
 */
export function validateDeclaration<S extends z.ZodType>(
  schema: S,
  root: unknown,
  base: readonly PropertyKey[],
  subject: string,
): { data?: z.output<S>; diagnostics: Diagnostic[] } {
  const value = base.reduce<unknown>((v, key) => (v as Record<PropertyKey, unknown>)[key], root);
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return { data: result.data, diagnostics: [] };
  return { diagnostics: result.error.issues.flatMap((issue) => toDiagnostics(issue, root, base, subject)) };
}

export function joinSubject(subject: string, path: readonly PropertyKey[]): string {
  const rest = formatPath(path);
  if (!rest) return subject;
  return rest.startsWith('[') ? `${subject}${rest}` : `${subject}.${rest}`;
}

function toDiagnostics(issue: Issue, root: unknown, base: readonly PropertyKey[], subject: string): Diagnostic[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => {
      const path = [...issue.path, key];
      const instead = secretFields[key];
      return {
        severity: 'error',
        code: instead ? 'schema/inline-secret' : 'schema/unknown-field',
        location: locate(root, [...base, ...path]),
        subject: joinSubject(subject, path),
        message: instead
          ? `inline secrets are not accepted: put the secret in a file and reference it with ${instead}`
          : 'is not a field here (check the spelling)',
      };
    });
  }
  // Record keys and map elements wrap the real issue.
  const inner = issue.code === 'invalid_key' || issue.code === 'invalid_element' ? issue.issues[0] : undefined;
  const shown = inner ?? issue;
  const path = issue.path;
  return [{
    severity: 'error',
    code: codeOf(shown),
    location: locate(root, [...base, ...path]),
    subject: joinSubject(subject, path),
    message: issue.code === 'invalid_key' ? `label name ${JSON.stringify(issue.input)} ${shown.message}` : messageOf(shown),
  }];
}

function codeOf(issue: Issue): string {
  const declared = issue.code === 'custom' ? (issue.params as { code?: string } | undefined)?.code : undefined;
  const byPattern = issue.code === 'invalid_format' && issue.pattern ? codeOfPattern(issue.pattern) : undefined;
  return declared ?? byPattern ?? `schema/${issue.code.replace(/_/g, '-')}`;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'an object' : JSON.stringify(value);
}

function messageOf(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? `is required (${issue.expected})` : `must be ${issue.expected}, got ${describe(issue.input)}`;
    case 'invalid_value':
      if (issue.input === undefined) return `is required: one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, got ${describe(issue.input)}`;
    case 'invalid_format':
      return `${issue.message}, got ${describe(issue.input)}`;
    case 'too_small':
      if (issue.origin === 'array') return `must have at least ${issue.minimum} item(s)`;
      return `must be ${issue.inclusive === false ? 'above' : 'at least'} ${issue.minimum}, got ${describe(issue.input)}`;
    case 'too_big':
      if (issue.origin === 'array') return `must have at most ${issue.maximum} item(s)`;
      // A schema's own wording (`.lt(100, { error: 'must be below 100 (...)' })`) explains the bound.
      if (issue.message.startsWith('must ')) return `${issue.message}, got ${describe(issue.input)}`;
      return `must be ${issue.inclusive === false ? 'below' : 'at most'} ${issue.maximum}, got ${describe(issue.input)}`;
    default:
      return issue.message;
  }
}
