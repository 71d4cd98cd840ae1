/**
 * The stack's capture webhook: every receiver of the overlaid alertmanager.yml
 * posts here instead of to Slack, PagerDuty or mail. Each notification is one
 * JSON line: when, the receiver it would have reached, and Alertmanager's payload.
 *
 * Usage: node --import tsx scripts/stack/capture.ts PORT FILE
 */
import { appendFileSync } from 'node:fs';
import { createServer } from 'node:http';

const [port, file] = process.argv.slice(2);
if (!port || !file) {
  console.error('usage: capture.ts PORT FILE');
  process.exit(2);
}

const server = createServer((request, response) => {
  if (request.method === 'GET') {
    response.end('capture webhook\n');
    return;
  }
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    let payload: unknown;
    try {
      payload = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      response.statusCode = 400;
      response.end('not JSON\n');
      return;
    }
    let receiver: string;
    try {
      receiver = decodeURIComponent((request.url ?? '/').slice(1));
    } catch {
      // A malformed escape (/%E0%A4%A) is the sender's mistake, not a reason to stop capturing.
      response.statusCode = 400;
      response.end('malformed receiver in the path\n');
      return;
    }
    appendFileSync(file, `${JSON.stringify({ receivedAt: new Date().toISOString(), receiver, payload })}\n`);
    response.end('ok\n');
  });
});

server.listen(Number(port), '127.0.0.1', () => console.log(`capture webhook on http://127.0.0.1:${port}/, writing ${file}`));
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => server.close(() => process.exit(0)));
