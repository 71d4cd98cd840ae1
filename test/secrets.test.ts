import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { listFiles } from '../generators/core/output.ts';
import { compile } from '../generators/compile.ts';
import { defineAlertmanager, defineProject, defineService } from '../schemas/index.ts';
import { goldenCases, goldenRoot, repoRoot } from './support/compile-case.ts';

/** Things that are secrets, or fields that hold one inline. */
const secretPatterns: readonly [string, RegExp][] = [
  ['Slack webhook URL', /hooks\.slack\.com\/services\//],
  // Keys may start a YAML list item (`- api_url: ...`), where receivers' credentials sit.
  ['inline password', /^\s*(?:-\s+)?(?:password|auth_password|smtp_auth_password):/m],
  // With a value on its line: a mapping below it is a reference to a Kubernetes Secret (`credentials: { name, key }`).
  ['inline credentials or token', /^\s*(?:-\s+)?(?:credentials|bearer_token|routing_key|service_key|api_key|auth_secret|webhook_url|api_url):[ \t]*[^\s{]/m],
  ['private key', /-----BEGIN [A-Z ]*PRIVATE KEY-----/],
  ['PagerDuty integration key', /\b[a-f0-9]{32}\b/],
  ['AWS access key', /\bAKIA[0-9A-Z]{16}\b/],
  // In every format: a URL that carries a user and password, or a token as a query parameter.
  ['URL with a user and password', /\bhttps?:\/\/[^\s/"'@:]+:[^\s/"'@]*@/],
  ['URL with a credential parameter', /\bhttps?:\/\/[^\s"']*[?&](?:[\w.-]*[-_])?(?:token|secret|key|apikey|sig|signature|password|passwd|pwd|auth|credentials?)=/i],
  // JSON (dashboards, provisioning, compose) names its keys in quotes.
  ['inline credential as a JSON key', /"(?:password|basicAuthPassword|auth_password|credentials|bearer_token|token|routing_key|service_key|api_key|apiKey|auth_secret|webhook_url|api_url|url_with_token)"\s*:/],
];

/** out/ and every golden case's expected output: each format the compiler writes, from many declarations. */
const scanned = [
  ...listFiles(join(repoRoot, 'out')).map((file) => join('out', file)),
  ...goldenCases().filter((name) => !name.startsWith('invalid-')).flatMap((name) => listFiles(join(goldenRoot, name, 'expected')).map((file) => join('test/golden', name, 'expected', file))),
];

describe('no secret in out/ or any golden output', () => {
  test('there are files of every format to scan', () => {
    expect(scanned.filter((f) => f.startsWith('out/')).length).toBeGreaterThan(0);
    for (const extension of ['.yml', '.yaml', '.json', '.md', '.tmpl']) expect(scanned.some((f) => f.endsWith(extension)), extension).toBe(true);
  });

  test.each(secretPatterns)('no %s anywhere', (_, pattern) => {
    const hits = scanned.filter((file) => pattern.test(readFileSync(join(repoRoot, file), 'utf8')));
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
    ['URL with a user and password', '      - url: https://bot:hunter2@automation.example.org/alerts\n'],
    ['URL with a user and password', '{"url":"http://admin:s3cr3t@grafana:3000"}'],
    ['URL with a credential parameter', '- webhook `https://automation.example.org/hook?team=a&token=abc`'],
    ['URL with a credential parameter', '"url": "https://x.example.org/api?sig=abc&se=2026"'],
    ['URL with a credential parameter', 'url: https://x.example.org/?api_key=abc'],
    ['inline credential as a JSON key', '{"secureJsonData": {"basicAuthPassword": "hunter2"}}'],
    ['inline credential as a JSON key', '[{"name": "x", "api_key": "k"}]'],
  ])('the %s pattern finds a planted value, so the scan can fail', (name, text) => {
    const pattern = secretPatterns.find(([n]) => n === name)![1];
    expect(pattern.test(text)).toBe(true);
  });

  test('a *_file reference or a URL without a credential is not a secret, in a mapping or a list item', () => {
    const references = '  - api_url_file: /etc/alertmanager/secrets/slack\n    routing_key_file: /x\n    password_file: /y\n    credentials_file: /z\n'
      + '  - url: https://grafana.example.org/d/x?orgId=1&var-monkey=a\n    runbook: https://example.org/a@b\n{"url_file": "/x", "passwordFile": "/y"}\n';
    expect(secretPatterns.filter(([, p]) => p.test(references)).map(([n]) => n)).toEqual([]);
  });
});

describe('credentials kept out of URLs', () => {
  const project = (alertmanager: string, url: { url?: string; urlFile?: string }) => defineProject({
    name: 'webhooks',
    targets: { prometheus: '2.42.0', alertmanager, grafana: '11.3.0', kubernetes: '1.30' },
    services: [defineService({ id: 'api', team: 'shop', endpoints: [{ job: 'api', targets: ['api:8000'] }] })],
    alertmanager: defineAlertmanager({ receivers: [{ name: 'default', webhook: [url] }], route: { receiver: 'default' } }),
    links: { runbooks: 'https://example.org/runbooks' },
  });

  test('a webhook URL kept in a file is written as url_file for Alertmanager 0.26, and never inline', () => {
    const { files, diagnostics } = compile(project('0.26.0', { urlFile: '/etc/alertmanager/secrets/automation-url' }));
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const config = parse(files!.get('alertmanager/alertmanager.yml')!.content) as { receivers: { webhook_configs?: Record<string, unknown>[] }[] };
    expect(config.receivers[0]!.webhook_configs).toEqual([{ url_file: '/etc/alertmanager/secrets/automation-url', send_resolved: true }]);
  });

  test.each([
    ['https://bot:hunter2@automation.example.org/alerts', 'a user and password before @'],
    ['https://TOKEN@automation.example.org/alerts', 'a user before @'],
    ['https://automation.example.org/alerts?access_token=x', 'the query parameter access_token='],
    ['https://automation.example.org/alerts?sig=x&client_secret=y', 'the query parameters sig=, client_secret='],
  ])('refuses the webhook URL %s, naming %s, and writes nothing', (url, what) => {
    const { files, diagnostics } = compile(project('0.26.0', { url }));
    expect(files).toBeUndefined();
    expect(diagnostics.map((d) => `${d.code} ${d.subject}: ${d.message}`)).toEqual([
      `schema/url-credential project.alertmanager.receivers[0].webhook[0].url: carries a credential (${what}), which would be written into the generated files; write the whole URL into a file and declare urlFile instead (url_file, Alertmanager 0.26 or later)`,
    ]);
  });
});
