import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { parseDuration } from '../../schemas/duration.ts';
import { UsageError } from '../../generators/core/errors.ts';

/** How to reach Prometheus: its URL, credentials read from files (never from the command line), a timeout. */
export interface PrometheusClient {
  readonly url: string;
  readonly timeoutMs: number;
  readonly bearerFile?: string | undefined;
  readonly basicAuth?: { readonly username: string; readonly passwordFile: string } | undefined;
}

export type QueryResult =
  | { readonly kind: 'values'; readonly values: readonly { labels: Record<string, string>; value: number }[] }
  | { readonly kind: 'error'; readonly message: string };

function headers(client: PrometheusClient): Record<string, string> {
  if (client.bearerFile) return { authorization: `Bearer ${readFileSync(client.bearerFile, 'utf8').trim()}` };
  if (client.basicAuth) {
    const password = readFileSync(client.basicAuth.passwordFile, 'utf8').trim();
    return { authorization: `Basic ${Buffer.from(`${client.basicAuth.username}:${password}`).toString('base64')}` };
  }
  return {};
}

/** The most of one answer read: a larger one is refused, not parsed (a query over 300,000 series is not a check). */
export const MAX_ANSWER_BYTES = 32 * 1024 * 1024;

/** A sample value as Prometheus writes it: a decimal, `+Inf`, `-Inf` or `NaN`. Anything else is undefined. */
export function parseSampleValue(text: string): number | undefined {
  if (text === '+Inf' || text === 'Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  if (text === 'NaN') return NaN;
  if (!/^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/.test(text)) return undefined;
  return Number(text);
}

const sampleValue = z.string().transform((text, ctx) => {
  const value = parseSampleValue(text);
  if (value === undefined) ctx.addIssue({ code: 'custom', message: `${JSON.stringify(text.slice(0, 40))} is not a sample value` });
  return value ?? NaN;
});
const sample = z.tuple([z.number(), sampleValue]);
const metric = z.record(z.string(), z.string());
/** The query API's answer, as https://prometheus.io/docs/prometheus/latest/querying/api/ describes it: the envelope, then each kind. */
const envelope = z.object({ status: z.enum(['success', 'error']) });
const failed = z.object({ errorType: z.string().optional(), error: z.string() });
const succeeded = z.object({ data: z.discriminatedUnion('resultType', [
  z.object({ resultType: z.literal('vector'), result: z.array(z.object({ metric, value: sample })) }),
  z.object({ resultType: z.literal('matrix'), result: z.array(z.object({ metric, values: z.array(sample) })) }),
  z.object({ resultType: z.literal('scalar'), result: sample }),
  z.object({ resultType: z.literal('string'), result: z.tuple([z.number(), z.string()]) }),
]) });
type Data = z.output<typeof succeeded>['data'];
/** What `stats=all` adds to an answer (Prometheus 2.35 and later): the samples the query read. */
const stats = z.object({ data: z.object({ stats: z.object({ samples: z.object({ totalQueryableSamples: z.number().int().nonnegative() }) }) }) });

/** The body as text, at most `MAX_ANSWER_BYTES`; what went wrong otherwise. */
async function readBody(response: Response): Promise<{ text: string } | { error: string }> {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > MAX_ANSWER_BYTES) {
    await response.body?.cancel().catch(() => {});
    return { error: `the answer is ${Math.round(declared / 1024 ** 2)} MB, over the ${MAX_ANSWER_BYTES / 1024 ** 2} MB read; narrow the query` };
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body ?? []) {
    size += chunk.byteLength;
    if (size > MAX_ANSWER_BYTES) {
      await response.body?.cancel().catch(() => {});
      return { error: `the answer is over the ${MAX_ANSWER_BYTES / 1024 ** 2} MB read; narrow the query` };
    }
    chunks.push(chunk);
  }
  return { text: Buffer.concat(chunks).toString('utf8') };
}

/** Why a fetch failed, as a person reads it: a timeout says so. */
function failure(error: unknown, client: PrometheusClient, reading: boolean): string {
  const name = (error as { name?: string }).name;
  if (name === 'TimeoutError' || name === 'AbortError') return `timeout after ${client.timeoutMs / 1000} s ${reading ? 'while reading the answer' : 'waiting for an answer'}`;
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message;
}

/**
 * Asks the HTTP API (a form POSTed, or a GET when `params` is undefined) and
 * reads the answer with `schema`: the parsed answer, or what went wrong,
 * naming the URL. Every answer is untrusted: its size is bounded, its shape
 * validated, and nothing it holds can throw past here.
 */
async function ask<T extends z.ZodTypeAny>(client: PrometheusClient, path: string, params: Record<string, string> | undefined, schema: T): Promise<{ answer: z.output<T>; json: unknown } | { error: string }> {
  const url = `${client.url.replace(/\/$/, '')}${path}`;
  let response: Response;
  try {
    response = await fetch(url, params === undefined
      ? { method: 'GET', headers: headers(client), signal: AbortSignal.timeout(client.timeoutMs) }
      : {
        method: 'POST',
        headers: { ...headers(client), 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(params),
        signal: AbortSignal.timeout(client.timeoutMs),
      });
  } catch (error) {
    return { error: `${url}: ${failure(error, client, false)}` };
  }
  let body: { text: string } | { error: string };
  try {
    body = await readBody(response);
  } catch (error) {
    return { error: `${url}: ${failure(error, client, true)}` };
  }
  if ('error' in body) return { error: `${url}: ${body.error}` };
  let json: unknown;
  try {
    json = JSON.parse(body.text);
  } catch {
    return { error: `${url}: HTTP ${response.status} ${response.statusText}, and the answer is not JSON` };
  }
  const shapeError = (error: z.ZodError) => {
    const issue = error.issues[0]!;
    return { error: `${url}: HTTP ${response.status}, an answer not shaped as the query API's (${issue.path.join('.') || 'the body'}: ${issue.message})` };
  };
  const status = envelope.safeParse(json);
  if (!status.success) return shapeError(status.error);
  if (status.data.status === 'error') {
    const problem = failed.safeParse(json);
    return problem.success ? { error: `${url}: ${problem.data.error}` } : shapeError(problem.error);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) return shapeError(parsed.error);
  return { answer: parsed.data, json };
}

/** POSTs a query API call: its data, and the samples it read when asked with stats=all. */
async function call(client: PrometheusClient, path: string, params: Record<string, string>): Promise<{ data: Data; samples?: number | undefined } | { error: string }> {
  const asked = await ask(client, path, params, succeeded);
  if ('error' in asked) return asked;
  return { data: asked.answer.data, samples: stats.safeParse(asked.json).data?.data.stats.samples.totalQueryableSamples };
}

/** The runtime information's retention, as Prometheus writes it: `15d`, `90d or 50GiB`, `50GiB`. */
const runtimeInfo = z.object({ data: z.object({ storageRetention: z.string().max(200) }) });

/**
 * How long the Prometheus keeps samples (/api/v1/status/runtimeinfo): the
 * time part of its storageRetention in milliseconds, and the text; `ms` is
 * undefined when only a size bounds it. An error for a server without the
 * endpoint (a Thanos Querier, Mimir).
 */
export async function serverRetention(client: PrometheusClient): Promise<{ readonly kind: 'retention'; readonly text: string; readonly ms?: number | undefined } | { readonly kind: 'error'; readonly message: string }> {
  const asked = await ask(client, '/api/v1/status/runtimeinfo', undefined, runtimeInfo);
  if ('error' in asked) return { kind: 'error', message: asked.error };
  const text = asked.answer.data.storageRetention;
  const times = text.split(' or ').map((part) => parseDuration(part.trim())).filter((ms): ms is number => ms !== undefined && ms > 0);
  return { kind: 'retention', text, ms: times[0] };
}

/** An instant query at `at` (seconds): the values of every series, or what went wrong, naming the URL. */
export async function instantQuery(client: PrometheusClient, query: string, at: number): Promise<QueryResult> {
  const answered = await call(client, '/api/v1/query', { query, time: String(at) });
  if ('error' in answered) return { kind: 'error', message: answered.error };
  const { data } = answered;
  if (data.resultType === 'scalar') return { kind: 'values', values: [{ labels: {}, value: data.result[1] }] };
  if (data.resultType !== 'vector') return { kind: 'error', message: `${client.url}: the query returned a ${data.resultType}, not an instant vector` };
  return { kind: 'values', values: data.result.map((r) => ({ labels: r.metric, value: r.value[1] })) };
}

/**
 * The samples Prometheus reads to answer `query` at `at`, as its own query
 * statistics count them (`stats=all`: totalQueryableSamples).
 */
export async function querySamples(client: PrometheusClient, query: string, at: number): Promise<{ readonly kind: 'samples'; readonly samples: number } | { readonly kind: 'error'; readonly message: string }> {
  const answered = await call(client, '/api/v1/query', { query, time: String(at), stats: 'all' });
  if ('error' in answered) return { kind: 'error', message: answered.error };
  if (answered.samples === undefined) return { kind: 'error', message: `${client.url}: the answer has no query statistics (stats=all needs Prometheus 2.35 or later)` };
  return { kind: 'samples', samples: answered.samples };
}

export type RangeResult =
  | { readonly kind: 'series'; readonly series: readonly { labels: Record<string, string>; points: readonly [number, number][] }[] }
  | { readonly kind: 'error'; readonly message: string };

/** A range query from `start` to `end` (seconds, both inclusive) every `stepSeconds`. */
export async function rangeQuery(client: PrometheusClient, query: string, start: number, end: number, stepSeconds: number): Promise<RangeResult> {
  const answered = await call(client, '/api/v1/query_range', { query, start: String(start), end: String(end), step: String(stepSeconds) });
  if ('error' in answered) return { kind: 'error', message: answered.error };
  const { data } = answered;
  if (data.resultType !== 'matrix') return { kind: 'error', message: `${client.url}: the range query returned a ${data.resultType}, not a range vector` };
  return { kind: 'series', series: data.result.map((r) => ({ labels: r.metric, points: r.values })) };
}

/** The flags every command that queries Prometheus takes, for node:util's parseArgs. */
export const clientOptions = {
  prometheus: { type: 'string' },
  timeout: { type: 'string' },
  'bearer-file': { type: 'string' },
  'basic-user': { type: 'string' },
  'password-file': { type: 'string' },
} as const;

/** The client from those flags; credentials only ever from files. */
export function clientFromFlags(values: { prometheus?: string | undefined; timeout?: string | undefined; 'bearer-file'?: string | undefined; 'basic-user'?: string | undefined; 'password-file'?: string | undefined }, defaultTimeout: string): PrometheusClient {
  if (!values.prometheus || !/^https?:\/\//.test(values.prometheus)) throw new UsageError(`--prometheus must be an http(s) URL${values.prometheus ? `, got ${values.prometheus}` : ''}`);
  const timeoutMs = parseDuration(values.timeout ?? defaultTimeout);
  if (!timeoutMs) throw new UsageError(`--timeout must be a duration such as 10s, got ${values.timeout}`);
  if (values['basic-user'] && !values['password-file']) throw new UsageError('--basic-user needs --password-file');
  for (const flag of ['bearer-file', 'password-file'] as const) {
    if (values[flag] !== undefined && !existsSync(values[flag])) throw new UsageError(`--${flag} ${values[flag]} does not exist`);
  }
  return {
    url: values.prometheus,
    timeoutMs,
    bearerFile: values['bearer-file'],
    basicAuth: values['basic-user'] ? { username: values['basic-user'], passwordFile: values['password-file']! } : undefined,
  };
}

/** `--at`: RFC 3339 or unix seconds, as seconds; undefined when absent. */
export function parseAt(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const at = /^\d+(\.\d+)?$/.test(text) ? Number(text) : Date.parse(text) / 1000;
  if (Number.isNaN(at)) throw new UsageError(`--at must be RFC 3339 or unix seconds, got ${text}`);
  return at;
}
