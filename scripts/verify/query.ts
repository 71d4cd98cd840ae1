import { readFileSync } from 'node:fs';

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

/** An instant query at `at` (seconds): the values of every series, or what went wrong, naming the URL. */
export async function instantQuery(client: PrometheusClient, query: string, at: number): Promise<QueryResult> {
  const url = `${client.url.replace(/\/$/, '')}/api/v1/query`;
  let body: ApiResponse;
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { ...headers(client), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ query, time: String(at) }),
      signal: AbortSignal.timeout(client.timeoutMs),
    });
    body = (await response.json().catch(() => ({ status: 'error', error: `HTTP ${response.status} ${response.statusText}` }))) as ApiResponse;
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return { kind: 'error', message: `${url}: ${cause?.code ?? cause?.message ?? (error as Error).message}` };
  }
  if (body.status !== 'success' || !body.data) return { kind: 'error', message: `${url}: ${body.error ?? 'no data in the answer'}` };
  const { resultType, result } = body.data;
  if (resultType === 'scalar') return { kind: 'values', values: [{ labels: {}, value: Number((result as [number, string])[1]) }] };
  if (resultType !== 'vector') return { kind: 'error', message: `${url}: the query returned a ${resultType}, not an instant vector` };
  return { kind: 'values', values: (result as { metric: Record<string, string>; value: [number, string] }[]).map((r) => ({ labels: r.metric, value: Number(r.value[1]) })) };
}

export type RangeResult =
  | { readonly kind: 'series'; readonly series: readonly { labels: Record<string, string>; points: readonly [number, number][] }[] }
  | { readonly kind: 'error'; readonly message: string };

/** A range query from `start` to `end` (seconds, both inclusive) every `stepSeconds`. */
export async function rangeQuery(client: PrometheusClient, query: string, start: number, end: number, stepSeconds: number): Promise<RangeResult> {
  const url = `${client.url.replace(/\/$/, '')}/api/v1/query_range`;
  let body: ApiResponse;
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { ...headers(client), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ query, start: String(start), end: String(end), step: String(stepSeconds) }),
      signal: AbortSignal.timeout(client.timeoutMs),
    });
    body = (await response.json().catch(() => ({ status: 'error', error: `HTTP ${response.status} ${response.statusText}` }))) as ApiResponse;
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return { kind: 'error', message: `${url}: ${cause?.code ?? cause?.message ?? (error as Error).message}` };
  }
  if (body.status !== 'success' || !body.data) return { kind: 'error', message: `${url}: ${body.error ?? 'no data in the answer'}` };
  const result = body.data.result as { metric: Record<string, string>; values: [number, string][] }[];
  return { kind: 'series', series: result.map((r) => ({ labels: r.metric, points: r.values.map(([t, v]) => [t, Number(v)] as [number, number]) })) };
}
