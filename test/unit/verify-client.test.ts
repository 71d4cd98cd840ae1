import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { fakePrometheus, json, vector } from '../support/fake-prometheus.ts';
import { evaluateCheck, formatOutcomes, overall, type CheckOutcome } from '../../scripts/verify/evaluate.ts';
import { instantQuery, MAX_ANSWER_BYTES, parseAt, parseSampleValue, querySamples, rangeQuery, serverRetention } from '../../scripts/verify/query.ts';
import { checkSeries } from '../../scripts/plan/series.ts';
import type { Model } from '../../generators/core/model.ts';
import { UsageError } from '../../generators/core/errors.ts';

/** One fake Prometheus for the file; each test says what it answers next. */
let answer: (response: ServerResponse, body: string) => void = () => {};
/** What the last request carried: its path and headers. */
let seen: { url?: string | undefined; headers: IncomingHttpHeaders } = { headers: {} };
const server = createServer((request, response) => {
  seen = { url: request.url, headers: request.headers };
  let body = '';
  request.on('data', (chunk) => (body += chunk));
  request.on('end', () => answer(response, body));
});
let url = '';
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe('sample values as Prometheus writes them', () => {
  test.each([
    ['+Inf', Infinity], ['Inf', Infinity], ['-Inf', -Infinity], ['0.25', 0.25], ['-3', -3], ['1e-05', 1e-5], ['2.5E+3', 2500], ['.5', 0.5], ['7.', 7],
    ['12.5', 12.5], ['.25', 0.25], ['2e3', 2000],
  ])('%s is %d', (text, value) => expect(parseSampleValue(text)).toBe(value));
  test('NaN is NaN', () => expect(parseSampleValue('NaN')).toBeNaN());
  test.each(['', 'fast', '0x10', '1,5', 'Infinity', ' 1', '1 ', '--1', 'nan'])('%j is not a sample value', (text) => expect(parseSampleValue(text)).toBeUndefined());
});

describe('verify evaluates the worst series', () => {
  test('the worst of several series decides; NaN series (no traffic) are left out; only NaN is inconclusive', async () => {
    let values = ['0.1', 'NaN', '0.5', '0.05'];
    const server = await fakePrometheus((response) => json(vector(values))(response));
    try {
      const client = { url: server.url, timeoutMs: 5000 };
      const check = (bound: 'max' | 'min', threshold: number) => ({ name: 'x', service: 's', query: 'q', bound, threshold, onEmpty: 'inconclusive' as const, site: { root: {}, path: [], subject: 's' } });
      expect(await evaluateCheck(client, check('max', 0.3), 0)).toMatchObject({ verdict: 'breach', value: 0.5 });
      expect(await evaluateCheck(client, check('max', 0.6), 0)).toMatchObject({ verdict: 'pass', value: 0.5 });
      expect(await evaluateCheck(client, check('min', 0.08), 0)).toMatchObject({ verdict: 'breach', value: 0.05 });
      expect(await evaluateCheck(client, check('min', 0.01), 0)).toMatchObject({ verdict: 'pass', value: 0.05 });
      values = ['NaN', 'NaN'];
      expect(await evaluateCheck(client, check('max', 0.3), 0)).toMatchObject({ verdict: 'inconclusive', note: 'NaN: no traffic' });
      values = ['-Inf', '0.2'];
      expect(await evaluateCheck(client, check('min', 0), 0)).toMatchObject({ verdict: 'breach', value: -Infinity });
      // A value at the threshold holds, for a maximum and a minimum alike.
      values = ['0.25', '0.1'];
      expect(await evaluateCheck(client, check('max', 0.25), 0)).toMatchObject({ verdict: 'pass', value: 0.25 });
      expect(await evaluateCheck(client, check('min', 0.1), 0)).toMatchObject({ verdict: 'pass', value: 0.1 });
    } finally {
      server.close();
    }
  });
});

describe('the query client validates every answer', () => {
  const client = () => ({ url, timeoutMs: 5000 });

  test('an instant vector gives each series with its labels and value; the form posted names the query and time', async () => {
    let posted = '';
    answer = (response, body) => {
      posted = body;
      json({ status: 'success', data: { resultType: 'vector', result: [{ metric: { job: 'a' }, value: [1, '0.5'] }, { metric: {}, value: [1, '+Inf'] }] } })(response);
    };
    expect(await instantQuery(client(), 'up == 0', 1700000000)).toEqual({ kind: 'values', values: [{ labels: { job: 'a' }, value: 0.5 }, { labels: {}, value: Infinity }] });
    expect(new URLSearchParams(posted).get('query')).toBe('up == 0');
    expect(new URLSearchParams(posted).get('time')).toBe('1700000000');
  });

  test('querySamples asks for the query statistics and reads totalQueryableSamples; an answer without them, or with a count that is not one, is an error', async () => {
    let posted = '';
    const stats = (samples: unknown) => (response: ServerResponse, body: string) => {
      posted = body;
      json({ status: 'success', data: { resultType: 'vector', result: [], stats: { timings: {}, samples: { totalQueryableSamples: samples, peakSamples: 3 } } } })(response);
    };
    answer = stats(1440);
    expect(await querySamples(client(), 'rate(x[1d])', 1700000000)).toEqual({ kind: 'samples', samples: 1440 });
    expect(Object.fromEntries(new URLSearchParams(posted))).toEqual({ query: 'rate(x[1d])', time: '1700000000', stats: 'all' });
    answer = stats(0);
    expect(await querySamples(client(), 'q', 0)).toEqual({ kind: 'samples', samples: 0 });
    for (const wrong of [-1, 1.5, '12', null]) {
      answer = stats(wrong);
      expect(await querySamples(client(), 'q', 0)).toEqual({ kind: 'error', message: `${url}: the answer has no query statistics (stats=all needs Prometheus 2.35 or later)` });
    }
    answer = json(vector(['1']));
    expect(await querySamples(client(), 'q', 0)).toMatchObject({ kind: 'error', message: expect.stringContaining('no query statistics') });
    answer = json({ status: 'error', error: 'parse error' });
    expect(await querySamples(client(), 'q', 0)).toEqual({ kind: 'error', message: `${url}/api/v1/query: parse error` });
  });

  test('serverRetention GETs the runtime information and reads the time part of its retention; a size alone is no time', async () => {
    const retention = (text: unknown) => json({ status: 'success', data: { startTime: 'x', storageRetention: text } });
    answer = retention('15d');
    expect(await serverRetention(client())).toEqual({ kind: 'retention', text: '15d', ms: 15 * 86_400_000 });
    expect(seen.url).toBe('/api/v1/status/runtimeinfo');
    answer = retention('90d or 50GiB');
    expect(await serverRetention(client())).toEqual({ kind: 'retention', text: '90d or 50GiB', ms: 90 * 86_400_000 });
    answer = retention('50GiB');
    expect(await serverRetention(client())).toEqual({ kind: 'retention', text: '50GiB', ms: undefined });
    for (const wrong of [15, null, 'x'.repeat(201)]) {
      answer = retention(wrong);
      expect(await serverRetention(client())).toMatchObject({ kind: 'error', message: expect.stringContaining('an answer not shaped as the query API\'s (data.storageRetention') });
    }
    answer = (response) => {
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('404 page not found');
    };
    expect(await serverRetention(client())).toEqual({ kind: 'error', message: `${url}/api/v1/status/runtimeinfo: HTTP 404 Not Found, and the answer is not JSON` });
  });

  test('checkSeries against a server without runtime information (a Thanos Querier, Mimir) checks and costs as before, with no error', async () => {
    answer = (response) => {
      if (seen.url === '/api/v1/status/runtimeinfo') {
        response.writeHead(404);
        response.end('404 page not found');
      } else json({ status: 'success', data: { resultType: 'vector', result: [{ metric: { monac_batch: '0' }, value: [1, '3'] }, { metric: { monac_batch: '1' }, value: [1, '3'] }] } })(response);
    };
    const model = { project: { prometheus: { scrapeInterval: '1m', evaluationInterval: '1m' } }, services: [], scrapeJobs: [], metrics: new Map() } as unknown as Model;
    const report = await checkSeries(client(), [{ kind: 'alert', name: 'A', service: 's', group: 'g', expr: 'rate(x_total[90d]) > 0' }], model, { lookbackMs: 7 * 86_400_000, at: 0 });
    expect(report.errors).toEqual([]);
    expect(report.retention).toBeUndefined();
    expect(report.findings).toEqual([]);
    expect(report.costs).toEqual([{ rule: 'A', service: 's', group: 'g', series: 3, samples: 3 * 90 * 1440 }]);
  });

  test('checkSeries: a window over the retention the server says is one finding per selector of a rule, and its cost is capped there', async () => {
    answer = (response) => {
      if (seen.url === '/api/v1/status/runtimeinfo') json({ status: 'success', data: { storageRetention: '1d or 10GiB' } })(response);
      else json({ status: 'success', data: { resultType: 'vector', result: [0, 1, 2, 3].map((i) => ({ metric: { monac_batch: String(i) }, value: [1, '2'] })) } })(response);
    };
    const model = { project: { prometheus: { scrapeInterval: '1m', evaluationInterval: '1m' } }, services: [], scrapeJobs: [], metrics: new Map() } as unknown as Model;
    const report = await checkSeries(client(), [{ kind: 'alert', name: 'A', service: 's', group: 'g', expr: 'rate(x_total[2d]) / rate(x_total[2d]) > rate(y_total[1d])' }], model, { lookbackMs: 7 * 86_400_000, at: 0 });
    expect(report.retention).toBe('1d or 10GiB');
    expect(report.findings.map((f) => `${f.problem}: ${f.message}`)).toEqual(['over-retention: x_total[2d] reads 2d, but the Prometheus keeps 1d or 10GiB: the window covers at most 1d']);
    // Three windows of two series each, every one read for at most the day kept.
    expect(report.costs[0]).toMatchObject({ series: 6, samples: 3 * 2 * 1440 });
  });

  test('a scalar is one value without labels; a matrix or string is not an instant vector', async () => {
    answer = json({ status: 'success', data: { resultType: 'scalar', result: [1, '-Inf'] } });
    expect(await instantQuery(client(), 'q', 0)).toEqual({ kind: 'values', values: [{ labels: {}, value: -Infinity }] });
    answer = json({ status: 'success', data: { resultType: 'matrix', result: [] } });
    expect(await instantQuery(client(), 'q', 0)).toEqual({ kind: 'error', message: `${url}: the query returned a matrix, not an instant vector` });
    answer = json({ status: 'success', data: { resultType: 'string', result: [1, 'x'] } });
    expect(await instantQuery(client(), 'q', 0)).toEqual({ kind: 'error', message: `${url}: the query returned a string, not an instant vector` });
  });

  test('a range query gives each series\' points; its form names start, end and step; a vector answer is refused', async () => {
    let posted = '';
    answer = (response, body) => {
      posted = body;
      json({ status: 'success', data: { resultType: 'matrix', result: [{ metric: { a: 'b' }, values: [[60, '1'], [120, 'NaN']] }] } })(response);
    };
    const result = await rangeQuery(client(), 'ALERTS', 0, 120, 60);
    expect(result.kind).toBe('series');
    const series = result.kind === 'series' ? result.series : [];
    expect(series[0]!.labels).toEqual({ a: 'b' });
    expect(series[0]!.points[0]).toEqual([60, 1]);
    expect(series[0]!.points[1]![1]).toBeNaN();
    expect(Object.fromEntries(new URLSearchParams(posted))).toEqual({ query: 'ALERTS', start: '0', end: '120', step: '60' });
    answer = json(vector(['1']));
    expect(await rangeQuery(client(), 'q', 0, 60, 60)).toEqual({ kind: 'error', message: `${url}: the range query returned a vector, not a range vector` });
  });

  test.each([
    ['null', `HTTP 200, an answer not shaped as the query API's (the body: `],
    [JSON.stringify({ status: 'success', data: { resultType: 'vector', result: {} } }), `HTTP 200, an answer not shaped as the query API's (data.result: `],
    [JSON.stringify({ status: 'success', data: { resultType: 'vector', result: [{ metric: {}, value: [1, 'fast'] }] } }), '(data.result.0.value.1: "fast" is not a sample value)'],
    [JSON.stringify({ status: 'error' }), `HTTP 200, an answer not shaped as the query API's (error: `],
    [JSON.stringify({ status: 'error', errorType: 'bad_data', error: 'parse error at char 3' }), 'parse error at char 3'],
    ['not json', 'HTTP 200 OK, and the answer is not JSON'],
  ])('%s is an error naming the URL and what was wrong', async (body, message) => {
    answer = json(body);
    const result = await instantQuery(client(), 'q', 0);
    expect(result.kind).toBe('error');
    expect((result as { message: string }).message).toContain(`${url}/api/v1/query: `);
    expect((result as { message: string }).message).toContain(message);
  });

  test('credentials come from their files, trimmed: a bearer token, or basic auth; the form is posted as a form', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'monac-verify-client-'));
    writeFileSync(join(dir, 'token'), 'abc123\n');
    writeFileSync(join(dir, 'password'), 's3cret\n');
    answer = json(vector(['1']));
    await instantQuery({ url, timeoutMs: 5000, bearerFile: join(dir, 'token') }, 'q', 0);
    expect(seen.headers.authorization).toBe('Bearer abc123');
    expect(seen.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(seen.url).toBe('/api/v1/query');
    await instantQuery({ url, timeoutMs: 5000, basicAuth: { username: 'monac', passwordFile: join(dir, 'password') } }, 'q', 0);
    expect(seen.headers.authorization).toBe(`Basic ${Buffer.from('monac:s3cret').toString('base64')}`);
    await rangeQuery({ url: `${url}/`, timeoutMs: 5000 }, 'q', 0, 60, 60);
    expect(seen.url).toBe('/api/v1/query_range');
    expect(seen.headers.authorization).toBeUndefined();
  });

  test('a sample value that is not one is named by its first 40 characters', async () => {
    answer = json(vector(['x'.repeat(100)]));
    const result = await instantQuery(client(), 'q', 0);
    expect((result as { message: string }).message).toContain(`"${'x'.repeat(40)}" is not a sample value`);
    expect((result as { message: string }).message).not.toContain('x'.repeat(41));
  });

  /** An empty vector answer padded with spaces to `size` bytes, sent whole (with its length) or in chunks (without). */
  const padded = (size: number, chunked: boolean) => (response: ServerResponse) => {
    const body = Buffer.alloc(size, ' ');
    body.write(JSON.stringify({ status: 'success', data: { resultType: 'vector', result: [] } }));
    if (!chunked) return response.end(body);
    for (let at = 0; at < size; at += 1024 * 1024) response.write(body.subarray(at, Math.min(size, at + 1024 * 1024)));
    response.end();
  };

  test('an answer of exactly the limit is read, declared or not; one byte more in chunks is refused while it is read', async () => {
    answer = padded(MAX_ANSWER_BYTES, false);
    expect(await instantQuery(client(), 'q', 0)).toEqual({ kind: 'values', values: [] });
    answer = padded(MAX_ANSWER_BYTES, true);
    expect(await instantQuery(client(), 'q', 0)).toEqual({ kind: 'values', values: [] });
    answer = padded(MAX_ANSWER_BYTES + 1, true);
    expect(await instantQuery(client(), 'q', 0)).toEqual({ kind: 'error', message: `${url}/api/v1/query: the answer is over the 32 MB read; narrow the query` });
  }, 60_000);

  test('an answer that stops halfway is a timeout while reading it', async () => {
    answer = (response) => {
      response.setHeader('content-type', 'application/json');
      response.write('{"status":"success",');
    };
    expect(await instantQuery({ url, timeoutMs: 300 }, 'q', 0)).toEqual({ kind: 'error', message: `${url}/api/v1/query: timeout after 0.3 s while reading the answer` });
  });

  test('an answer that declares more than the limit is refused before it is read', async () => {
    answer = (response) => {
      response.setHeader('content-length', String(MAX_ANSWER_BYTES + 1));
      response.flushHeaders();
      response.write('{');
    };
    const result = await instantQuery(client(), 'q', 0);
    expect(result).toEqual({ kind: 'error', message: `${url}/api/v1/query: the answer is 32 MB, over the 32 MB read; narrow the query` });
  });

  test('a Prometheus that does not answer in time is a timeout, and one that is not there names its error', async () => {
    answer = () => {};
    expect(await instantQuery({ url, timeoutMs: 300 }, 'q', 0)).toEqual({ kind: 'error', message: `${url}/api/v1/query: timeout after 0.3 s waiting for an answer` });
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as { port: number }).port;
    closed.close();
    expect(await instantQuery({ url: `http://127.0.0.1:${port}/`, timeoutMs: 2000 }, 'q', 0)).toEqual({ kind: 'error', message: `http://127.0.0.1:${port}/api/v1/query: ECONNREFUSED` });
  });
});

describe('verdicts', () => {
  const outcome = (verdict: CheckOutcome['verdict'], value?: number, note?: string): CheckOutcome => ({
    check: { name: verdict, service: 'api', query: 'q', bound: 'max', threshold: 0.2, onEmpty: 'inconclusive', site: { root: {}, path: [], subject: 'api' } }, verdict, value, note,
  });

  test('a breach wins over inconclusive, which wins over a pass', () => {
    expect(overall([outcome('pass'), outcome('inconclusive'), outcome('breach')])).toBe('breach');
    expect(overall([outcome('pass'), outcome('inconclusive')])).toBe('inconclusive');
    expect(overall([outcome('pass'), outcome('pass')])).toBe('pass');
    expect(overall([])).toBe('pass');
  });

  test('the table prints four significant digits, infinities as Prometheus writes them, and the notes after it', () => {
    expect(formatOutcomes([outcome('breach', Infinity), outcome('pass', 0.123456), outcome('pass', 3), outcome('inconclusive', undefined, 'no data'), outcome('breach', -Infinity)])).toEqual([
      'check             value   threshold  verdict',
      'api/breach        +Inf    <= 0.2     breach',
      'api/pass          0.1235  <= 0.2     pass',
      'api/pass          3       <= 0.2     pass',
      'api/inconclusive  -       <= 0.2     inconclusive',
      'api/breach        -Inf    <= 0.2     breach',
      'api/inconclusive: no data',
    ]);
  });

  test('a minimum\'s threshold reads >=, and a value that is not a number NaN', () => {
    const min = { ...outcome('breach', Number.NaN), check: { ...outcome('breach').check, bound: 'min' as const, threshold: 0.99 } };
    expect(formatOutcomes([min])).toEqual([
      'check       value  threshold  verdict',
      'api/breach  NaN    >= 0.99    breach',
    ]);
  });

  test('a query that cannot even be sent is inconclusive, with why', async () => {
    const check = { name: 'x', service: 's', query: 'q', bound: 'max' as const, threshold: 1, onEmpty: 'inconclusive' as const, site: { root: {}, path: [], subject: 's' } };
    const outcome = await evaluateCheck({ url: 'not a url', timeoutMs: 5000 }, check, 0);
    expect(outcome).toMatchObject({ verdict: 'inconclusive' });
    expect(outcome.note).toBe('not a url/api/v1/query: ERR_INVALID_URL');
  });

  test('onEmpty decides what no series means: inconclusive by default, or pass or breach when declared', async () => {
    answer = json(vector([]));
    const check = (onEmpty: 'pass' | 'fail' | 'inconclusive') => ({ name: 'x', service: 's', query: 'q', bound: 'max' as const, threshold: 1, onEmpty, site: { root: {}, path: [], subject: 's' } });
    expect(await evaluateCheck({ url, timeoutMs: 5000 }, check('inconclusive'), 0)).toMatchObject({ verdict: 'inconclusive', note: 'no data' });
    expect(await evaluateCheck({ url, timeoutMs: 5000 }, check('pass'), 0)).toMatchObject({ verdict: 'pass', note: 'no data' });
    expect(await evaluateCheck({ url, timeoutMs: 5000 }, check('fail'), 0)).toMatchObject({ verdict: 'breach', note: 'no data' });
    answer = json({ status: 'error', error: 'boom' });
    expect(await evaluateCheck({ url, timeoutMs: 5000 }, check('pass'), 0)).toMatchObject({ verdict: 'inconclusive', note: `${url}/api/v1/query: boom` });
  });
});

describe('--at', () => {
  test('unix seconds, fractions included, or RFC 3339; absent is undefined; anything else is a usage error naming it', () => {
    expect(parseAt(undefined)).toBeUndefined();
    expect(parseAt('1790000000')).toBe(1_790_000_000);
    expect(parseAt('1790000000.5')).toBe(1_790_000_000.5);
    expect(parseAt('2026-11-01T00:00:00Z')).toBe(Date.UTC(2026, 10, 1) / 1000);
    expect(parseAt('2026-11-01T02:00:00+02:00')).toBe(Date.UTC(2026, 10, 1) / 1000);
    expect(() => parseAt('yesterday')).toThrow(UsageError);
    expect(() => parseAt('yesterday')).toThrow('--at must be RFC 3339 or unix seconds, got yesterday');
    expect(() => parseAt('12a')).toThrow('got 12a');
  });
});
