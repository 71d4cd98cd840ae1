import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { repoRoot } from './support/compile-case.ts';
import { fakePrometheus, json, vector } from './support/fake-prometheus.ts';
import { useBackfilledPrometheus } from './support/backfill.ts';
import { freePort } from '../scripts/stack/processes.ts';
import { evaluateCheck } from '../scripts/verify/evaluate.ts';

/**
 * Six hours of the orchestrator's history, one sample a minute, from 2026-11-01T00:00Z:
 * steady until 03:00 (1 error in 2,001 requests a minute), a breach until 04:00
 * (40 in 2,040), no requests at all until 05:00, then steady again. The test suite
 * reports 98 passed and 2 failed throughout.
 */
const T0 = Date.UTC(2026, 10, 1) / 1000;
const at = (hh: number, mm: number) => T0 + hh * 3600 + mm * 60;
const phase = (minute: number): 'steady' | 'breach' | 'gap' => (minute >= 180 && minute < 240 ? 'breach' : minute >= 240 && minute < 300 ? 'gap' : 'steady');
const STEADY = { ok: 2000, errors: 1 };
const BREACH = { ok: 2000, errors: 40 };

function openMetrics(): string {
  const series: Record<string, string[]> = {};
  const add = (name: string, value: number, t: number) => (series[name] ??= []).push(`${name} ${value} ${t}`);
  const totals = { ok: 0, errors: 0, fast: 0, medium: 0 };
  for (let minute = 0; minute < 360; minute++) {
    const t = T0 + minute * 60;
    const p = phase(minute);
    if (p !== 'gap') {
      const { ok, errors } = p === 'breach' ? BREACH : STEADY;
      totals.ok += ok;
      totals.errors += errors;
      totals.fast += Math.round((ok + errors) * 0.98);
      totals.medium += ok + errors;
      add('http_requests_total{job="genesis-orchestrator",code="200"}', totals.ok, t);
      add('http_requests_total{job="genesis-orchestrator",code="500"}', totals.errors, t);
      add('http_request_duration_seconds_bucket{job="genesis-orchestrator",le="0.1"}', totals.fast, t);
      add('http_request_duration_seconds_bucket{job="genesis-orchestrator",le="0.25"}', totals.medium, t);
      add('http_request_duration_seconds_bucket{job="genesis-orchestrator",le="+Inf"}', totals.medium, t);
    }
    add('genesis_test_suite_tests{job="genesis-test-suite",result="passed"}', 98, t);
    add('genesis_test_suite_tests{job="genesis-test-suite",result="failed"}', 2, t);
  }
  const family = (name: string, type: string) => `# TYPE ${name} ${type}\n${Object.keys(series).filter((k) => k.startsWith(`${name}{`) || k.startsWith(`${name}_`)).flatMap((k) => series[k]!).join('\n')}`;
  return [family('http_requests', 'counter'), family('http_request_duration_seconds', 'histogram'), family('genesis_test_suite_tests', 'gauge'), '# EOF', ''].join('\n');
}

function verify(prometheus: string, ...args: string[]) {
  const result = spawnSync(process.execPath, ['scripts/monac.mjs', 'verify', '--prometheus', prometheus, ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 120_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** `verify` prints four significant digits. */
const close = (printed: string | undefined, expected: number) => expect(Math.abs(Number(printed) - expected) / expected).toBeLessThan(1e-3);

/** The value column of a check's row. */
const valueOf = (stdout: string, check: string) => stdout.split('\n').find((l) => l.startsWith(`genesis-orchestrator/${check} `))?.split(/\s+/)[1];

describe('monac verify against a real Prometheus on backfilled history (Debian 2.42)', () => {
  const prometheus = useBackfilledPrometheus(openMetrics);

  test('a steady hour passes every check, with the values computed here', () => {
    const result = verify(prometheus.url, '--at', String(at(2, 30)));
    expect(result.code, result.stdout + result.stderr).toBe(0);
    close(valueOf(result.stdout, 'error-rate'), STEADY.errors / (STEADY.ok + STEADY.errors));
    close(valueOf(result.stdout, 'test-pass-rate'), 0.98);
    // The burn rate is the error ratio over the 0.1% budget of the 99.9% availability SLO.
    close(valueOf(result.stdout, 'availability-burn'), STEADY.errors / (STEADY.ok + STEADY.errors) / 0.001);
    expect(Number(valueOf(result.stdout, 'p95-latency'))).toBeLessThan(0.1);
  });

  test('the breach hour exits 1 and names the checks that broke', () => {
    // At the breach hour's last sample the burn rate's one-hour window holds only breach minutes.
    const result = verify(prometheus.url, '--at', String(at(3, 59)));
    expect(result.code, result.stdout + result.stderr).toBe(1);
    close(valueOf(result.stdout, 'error-rate'), BREACH.errors / (BREACH.ok + BREACH.errors));
    close(valueOf(result.stdout, 'availability-burn'), BREACH.errors / (BREACH.ok + BREACH.errors) / 0.001);
    expect(result.stdout).toMatch(/genesis-orchestrator\/error-rate\s+\S+\s+<= 0\.001\s+breach/);
    expect(result.stdout).toMatch(/genesis-orchestrator\/availability-burn\s+\S+\s+<= 14\.4\s+breach/);
    expect(result.stdout).toMatch(/genesis-orchestrator\/test-pass-rate\s+0\.98\s+>= 0\.95\s+pass/);
  });

  test('a traffic gap is inconclusive (exit 3), never a pass', () => {
    // Half a minute before traffic returns: even the burn rate's one-hour window holds no request.
    const result = verify(prometheus.url, '--at', String(at(4, 59) + 30));
    expect(result.code, result.stdout + result.stderr).toBe(3);
    expect(result.stdout).toMatch(/genesis-orchestrator\/error-rate\s+-\s+<= 0\.001\s+inconclusive/);
    expect(result.stdout).toContain('genesis-orchestrator/error-rate: no data');
  });

  test('an unreachable Prometheus is inconclusive, with the URL and the error', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const result = verify(closed, '--service', 'genesis-orchestrator', '--timeout', '2s');
    expect(result.code).toBe(3);
    expect(result.stdout).toContain(`${closed}/api/v1/query: ECONNREFUSED`);
  });

  test('--watch stops at the first breach and runs the hook with the breached checks', () => {
    const hookOutput = join(prometheus.dir, 'hook.txt');
    const result = verify(prometheus.url, '--at', String(at(2, 59) + 57), '--watch', '30s', '--every', '1s', '--on-breach', `printf '%s' "$MONAC_BREACHED" > ${hookOutput}`);
    expect(result.code, result.stdout + result.stderr).toBe(1);
    expect(result.stdout).toMatch(/^measurement 1 at \+0s: pass/m);
    expect(readFileSync(hookOutput, 'utf8')).toContain('genesis-orchestrator/error-rate');
    expect(result.stdout).not.toMatch(/^measurement 15 /m);
  }, 60_000);
});

describe('verify credentials', () => {
  test('reads a bearer token, or a basic auth password, from a file and sends it', async () => {
    const seen: string[] = [];
    const server = createServer((request, response) => {
      seen.push(request.headers.authorization ?? '');
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ status: 'success', data: { resultType: 'vector', result: [{ metric: {}, value: [0, '0.5'] }] } }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
      const dir = mkdtempSync(join(tmpdir(), 'monac-creds-'));
      writeFileSync(join(dir, 'token'), 's3cret-token\n');
      writeFileSync(join(dir, 'password'), 'pa55\n');
      const check = { name: 'x', service: 's', query: 'vector(0.5)', bound: 'max' as const, threshold: 1, onEmpty: 'inconclusive' as const, site: { root: {}, path: [], subject: 's' } };
      expect((await evaluateCheck({ url, timeoutMs: 5000, bearerFile: join(dir, 'token') }, check, 0)).verdict).toBe('pass');
      expect((await evaluateCheck({ url, timeoutMs: 5000, basicAuth: { username: 'monac', passwordFile: join(dir, 'password') } }, check, 0)).value).toBe(0.5);
      expect(seen).toEqual(['Bearer s3cret-token', `Basic ${Buffer.from('monac:pa55').toString('base64')}`]);
    } finally {
      server.close();
    }
  });
});

/** `verify` without blocking this process: the fake Prometheus below answers from it. */
function verifyAsync(prometheus: string, ...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['scripts/monac.mjs', 'verify', '--prometheus', prometheus, ...args], { cwd: repoRoot, timeout: 120_000 });
    let [stdout, stderr] = ['', ''];
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}


describe('verify against what a Prometheus may answer', () => {
  test('+Inf (latency past the top bucket) is a breach, exit 1, printed as Prometheus writes it', async () => {
    const server = await fakePrometheus(json(vector(['+Inf'])));
    try {
      const result = await verifyAsync(server.url, '--service', 'genesis-orchestrator', '--at', '1000');
      expect(result.code, result.stdout + result.stderr).toBe(1);
      expect(result.stdout).toMatch(/^genesis-orchestrator\/p95-latency\s+\+Inf\s+<= 0\.2\s+breach$/m);
    } finally {
      server.close();
    }
  });

  test.each([
    ['a null body', json('null'), 'an answer not shaped as the query API\'s'],
    ['a result that is not a list', json({ status: 'success', data: { resultType: 'vector', result: {} } }), 'data.result'],
    ['a sample without value', json({ status: 'success', data: { resultType: 'vector', result: [{ metric: {} }] } }), 'value'],
    ['a range result without values', json({ status: 'success', data: { resultType: 'matrix', result: [{ metric: {} }] } }), 'values'],
    ['a sample value that is not a number', json(vector(['fast'])), '"fast" is not a sample value'],
    ['a body that is not JSON', (r: import('node:http').ServerResponse) => r.end('<html>proxy error</html>'), 'HTTP 200 OK, and the answer is not JSON'],
    ['an error answer', json({ status: 'error', errorType: 'bad_data', error: 'parse error' }), 'parse error'],
    ['an answer over 32 MB', (r: import('node:http').ServerResponse) => {
      r.setHeader('content-type', 'application/json');
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      let sent = 0;
      const more = () => {
        while (sent < 40) {
          sent++;
          if (!r.write(chunk)) return void r.once('drain', more);
        }
        r.end();
      };
      r.on('error', () => {});
      more();
    }, 'over the 32 MB read'],
  ])('%s is inconclusive (exit 3) with what was wrong, never a crash', async (_, answer, message) => {
    const server = await fakePrometheus(answer);
    try {
      const result = await verifyAsync(server.url, '--service', 'genesis-orchestrator', '--at', '1000');
      expect(result.stderr).not.toContain('internal error');
      expect(result.code, result.stdout + result.stderr).toBe(3);
      expect(result.stdout).toContain(message);
    } finally {
      server.close();
    }
  });

  test('a timeout while the body is read says timeout, not HTTP 200 OK', async () => {
    const server = await fakePrometheus((response) => {
      response.setHeader('content-type', 'application/json');
      response.write('{"status":"success","data":');
    });
    try {
      const result = await verifyAsync(server.url, '--service', 'genesis-orchestrator', '--at', '1000', '--timeout', '1s');
      expect(result.code, result.stdout + result.stderr).toBe(3);
      expect(result.stdout).toContain('timeout after 1 s while reading the answer');
      expect(result.stdout).not.toContain('HTTP 200 OK');
    } finally {
      server.close();
    }
  });

  // Here, not in test/unit: a slow answer to build, and no mutant of the stack-safe loop needs it to die.
  test('300,000 series are read and judged by the worst, without overflowing the stack', async () => {
    const values = Array.from({ length: 300_000 }, (_, i) => (i === 123_456 ? '0.5' : '0.0001'));
    const server = await fakePrometheus(json(vector(values)));
    try {
      const client = { url: server.url, timeoutMs: 30_000 };
      const check = { name: 'x', service: 's', query: 'q', bound: 'max' as const, threshold: 0.3, onEmpty: 'inconclusive' as const, site: { root: {}, path: [], subject: 's' } };
      const outcome = await evaluateCheck(client, check, 0);
      expect(outcome).toMatchObject({ verdict: 'breach', value: 0.5 });
    } finally {
      server.close();
    }
  });

});
