import { readFileSync } from 'node:fs';
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

interface ApiResponse {
  status: 'success' | 'error';
  error?: string;
  data?: { resultType: string; result: unknown };
}

/** POSTs a query API call; the data, or what went wrong, naming the URL. */
async function call(client: PrometheusClient, path: string, params: Record<string, string>): Promise<{ data: { resultType: string; result: unknown } } | { error: string }> {
  const url = `${client.url.replace(/\/$/, '')}${path}`;
  let body: ApiResponse;
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { ...headers(client), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(params),
      signal: AbortSignal.timeout(client.timeoutMs),
    });
    body = (await response.json().catch(() => ({ status: 'error', error: `HTTP ${response.status} ${response.statusText}` }))) as ApiResponse;
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return { error: `${url}: ${cause?.code ?? cause?.message ?? (error as Error).message}` };
  }
  if (body.status !== 'success' || !body.data) return { error: `${url}: ${body.error ?? 'no data in the answer'}` };
  return { data: body.data };
}

/** An instant query at `at` (seconds): the values of every series, or what went wrong, naming the URL. */
export async function instantQuery(client: PrometheusClient, query: string, at: number): Promise<QueryResult> {
  const answer = await call(client, '/api/v1/query', { query, time: String(at) });
  if ('error' in answer) return { kind: 'error', message: answer.error };
  const { resultType, result } = answer.data;
  if (resultType === 'scalar') return { kind: 'values', values: [{ labels: {}, value: Number((result as [number, string])[1]) }] };
  if (resultType !== 'vector') return { kind: 'error', message: `${client.url}: the query returned a ${resultType}, not an instant vector` };
  return { kind: 'values', values: (result as { metric: Record<string, string>; value: [number, string] }[]).map((r) => ({ labels: r.metric, value: Number(r.value[1]) })) };
}

export type RangeResult =
  | { readonly kind: 'series'; readonly series: readonly { labels: Record<string, string>; points: readonly [number, number][] }[] }
  | { readonly kind: 'error'; readonly message: string };

/** A range query from `start` to `end` (seconds, both inclusive) every `stepSeconds`. */
export async function rangeQuery(client: PrometheusClient, query: string, start: number, end: number, stepSeconds: number): Promise<RangeResult> {
  const answer = await call(client, '/api/v1/query_range', { query, start: String(start), end: String(end), step: String(stepSeconds) });
  if ('error' in answer) return { kind: 'error', message: answer.error };
  const result = answer.data.result as { metric: Record<string, string>; values: [number, string][] }[];
  return { kind: 'series', series: result.map((r) => ({ labels: r.metric, points: r.values.map(([t, v]) => [t, Number(v)] as [number, number]) })) };
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
  return {
    url: values.prometheus,
    timeoutMs,
    bearerFile: values['bearer-file'],
    basicAuth: values['basic-user'] ? { username: values['basic-user'], passwordFile: values['password-file']! } : undefined,
  };
}
