import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { listFiles } from '../generators/core/output.ts';
import { repoRoot } from './support/compile-case.ts';

/** Things that are secrets, or fields that hold one inline. */
const secretPatterns: readonly [string, RegExp][] = [
  ['Slack webhook URL', /hooks\.slack\.com\/services\//],
  ['inline password', /^\s*(?:password|auth_password|smtp_auth_password):/m],
  ['inline credentials or token', /^\s*(?:credentials|bearer_token|routing_key|service_key|api_key|auth_secret|webhook_url|api_url):/m],
  ['private key', /-----BEGIN [A-Z ]*PRIVATE KEY-----/],
  ['PagerDuty integration key', /\b[a-f0-9]{32}\b/],
  ['AWS access key', /\bAKIA[0-9A-Z]{16}\b/],
];

describe('no secret in out/', () => {
  const files = listFiles(join(repoRoot, 'out'));

  test('out/ holds files to scan', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  test.each(secretPatterns)('no %s anywhere in out/', (_, pattern) => {
    const hits = files.filter((file) => pattern.test(readFileSync(join(repoRoot, 'out', file), 'utf8')));
    expect(hits).toEqual([]);
  });

  test('the scan finds a planted secret, so it can fail', () => {
    expect(secretPatterns.some(([, p]) => p.test('  routing_key: 0123456789abcdef0123456789abcdef\n'))).toBe(true);
    expect(secretPatterns.some(([, p]) => p.test('api_url: https://hooks.slack.com/services/T0/B0/X'))).toBe(true);
  });
});
