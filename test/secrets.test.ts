import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { listFiles } from '../generators/core/output.ts';
import { repoRoot } from './support/compile-case.ts';

/** Things that are secrets, or fields that hold one inline. */
const secretPatterns: readonly [string, RegExp][] = [
  ['Slack webhook URL', /hooks\.slack\.com\/services\//],
  // Keys may start a YAML list item (`- api_url: ...`), where receivers' credentials sit.
  ['inline password', /^\s*(?:-\s+)?(?:password|auth_password|smtp_auth_password):/m],
  ['inline credentials or token', /^\s*(?:-\s+)?(?:credentials|bearer_token|routing_key|service_key|api_key|auth_secret|webhook_url|api_url):/m],
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

  /** One planted secret per pattern, as a key of a mapping and as the first key of a list item. */
  const planted: readonly [string, string][] = [
    ['inline password', 'password: hunter2'],
    ['inline password', 'auth_password: hunter2'],
    ['inline password', 'smtp_auth_password: hunter2'],
    ...['credentials', 'bearer_token', 'routing_key', 'service_key', 'api_key', 'auth_secret', 'webhook_url', 'api_url']
      .map((key): [string, string] => ['inline credentials or token', `${key}: s3cr3t`]),
  ];

  test.each(planted.flatMap(([name, line]) => [
    [name, `receivers:\n  - name: x\n    slack_configs:\n      ${line}\n`],
    [name, `receivers:\n  - name: x\n    slack_configs:\n      - ${line}\n`],
    [name, `- ${line}\n`],
  ]))('the %s pattern finds a planted secret in %j, so the scan can fail', (name, text) => {
    const pattern = secretPatterns.find(([n]) => n === name)![1];
    expect(pattern.test(text)).toBe(true);
  });

  test.each([
    ['Slack webhook URL', '      - api_url_file: x\n        channel: https://hooks.slack.com/services/T0/B0/X\n'],
    ['private key', '-----BEGIN RSA PRIVATE KEY-----\n'],
    ['PagerDuty integration key', '  - routing_key_file: /x\n    description: 0123456789abcdef0123456789abcdef\n'],
    ['AWS access key', 'x: AKIAABCDEFGHIJKLMNOP\n'],
  ])('the %s pattern finds a planted value, so the scan can fail', (name, text) => {
    const pattern = secretPatterns.find(([n]) => n === name)![1];
    expect(pattern.test(text)).toBe(true);
  });

  test('a *_file reference is not a secret, in a mapping or a list item', () => {
    const references = '  - api_url_file: /etc/alertmanager/secrets/slack\n    routing_key_file: /x\n    password_file: /y\n    credentials_file: /z\n';
    expect(secretPatterns.filter(([, p]) => p.test(references)).map(([n]) => n)).toEqual([]);
  });
});
