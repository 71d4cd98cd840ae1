import { createServer, type ServerResponse } from 'node:http';

/** A Prometheus on loopback that answers every query with what `answer` writes: the shapes a real one, a proxy or a broken one sends. */
export async function fakePrometheus(answer: (response: ServerResponse) => void) {
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => answer(response));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}

/** An answer of this JSON (a string is sent as it is). */
export const json = (body: unknown) => (response: ServerResponse) => {
  response.setHeader('content-type', 'application/json');
  response.end(typeof body === 'string' ? body : JSON.stringify(body));
};

/** A query API answer: an instant vector of one series per value, as Prometheus writes sample values. */
export const vector = (values: readonly string[]) => ({ status: 'success', data: { resultType: 'vector', result: values.map((value, i) => ({ metric: { pod: `p${i}` }, value: [1, value] })) } });
