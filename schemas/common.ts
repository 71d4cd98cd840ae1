import { z } from 'zod';
import { durationPattern, parseDuration } from './duration.ts';

const patternCodes = new Map<string, string>();

/**
 * A string that must match `re`. The diagnostic code is kept by pattern so the
 * validator can name it, and the pattern stays in the exported JSON Schema.
 */
export function pattern(re: RegExp, code: string, message: string) {
  patternCodes.set(re.toString(), code);
  return z.string().regex(re, message);
}

/** The diagnostic code registered by {@link pattern}, keyed as zod reports the pattern (`/.../`). */
export function codeOfPattern(pattern: string): string | undefined {
  return patternCodes.get(pattern);
}

/** kebab-case identifier: `genesis-orchestrator`. Every output name derives from ids. */
export const id = pattern(/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/, 'schema/id',
  'must be kebab-case: lowercase letters, digits and single dashes, starting with a letter');

/** A Prometheus duration such as `15s`, `1m30s` or `90d`. */
export const duration = pattern(durationPattern, 'schema/duration', 'must be a Prometheus duration such as 15s, 1m30s or 90d');

/** A Prometheus duration that is more than zero. */
export const positiveDuration = duration.refine((text) => (parseDuration(text) ?? 1) > 0, {
  message: 'must be more than zero',
  params: { code: 'schema/duration' },
});

/** A Prometheus label name. Names starting with `__` are reserved for Prometheus itself. */
export const labelName = pattern(/^(?!__)[a-zA-Z_][a-zA-Z0-9_]*$/, 'schema/label-name',
  'must be a Prometheus label name ([a-zA-Z_][a-zA-Z0-9_]*) not starting with __, which Prometheus reserves');

/** Labels: a map of label name to value. */
export const labels = z.record(labelName, z.string());

/** Target labels: `service` and `team` come from the service declaration and cannot be set here. */
export const targetLabels = labels.refine((l) => !('service' in l) && !('team' in l), {
  message: 'the service and team labels are set from the service declaration; remove them here',
  params: { code: 'schema/reserved-label' },
});

/** `host:port` as Prometheus scrapes it. */
export const hostPort = pattern(/^(?:\[[0-9a-fA-F:.]+\]|[a-zA-Z0-9._-]+):\d{1,5}$/, 'schema/target',
  'must be host:port, such as api:8000 (no scheme, no path)');

/** Query parameters that carry a credential by name: `token`, `access_token`, `api_key`, `client_secret`, `sig`, `password`. */
const credentialParameter = /^(?:.*[-_])?(?:token|secret|key|apikey|sig|signature|password|passwd|pwd|auth|credentials?)$/i;

/** What in a URL is a credential (`user:password@`, `?token=`), or undefined when it carries none. */
export function urlCredential(text: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    return undefined;
  }
  if (parsed.username || parsed.password) return `a user${parsed.password ? ' and password' : ''} before @`;
  const names = [...parsed.searchParams.keys()].filter((name) => credentialParameter.test(name));
  return names.length > 0 ? `the query parameter${names.length > 1 ? 's' : ''} ${names.map((n) => `${n}=`).join(', ')}` : undefined;
}

/** An absolute http(s) URL that carries no credential, which would reach every file it is written to; `instead` says where the credential goes. */
export function credentialFreeUrl(instead: string) {
  return pattern(/^https?:\/\/[^\s/$.?#][^\s]*$/, 'schema/url', 'must be an absolute http:// or https:// URL').superRefine((text, ctx) => {
    const found = urlCredential(text);
    if (found) ctx.addIssue({ code: 'custom', message: `carries a credential (${found}), which would be written into the generated files; ${instead}`, params: { code: 'schema/url-credential' } });
  });
}

/** An absolute http(s) URL, without credentials. */
export const url = credentialFreeUrl('where a credential is needed, give it through the field that reads it from a file (passwordFile, credentialsFile, urlFile)');

/** A path to a file on the Prometheus host, used for credentials and certificates. */
export const filePath = pattern(/^\S*[^\s/]$/, 'schema/file', 'must be a file path without spaces, not a directory');

/** An HTTP path starting with `/`. */
export const httpPath = pattern(/^\/\S*$/, 'schema/path', 'must be an HTTP path starting with /');

/** A version number `major.minor.patch`, such as `2.42.0`. */
export const version = pattern(/^\d+\.\d+(?:\.\d+)?$/, 'schema/version', 'must be a version such as 2.42.0');

export type Labels = z.input<typeof labels>;
