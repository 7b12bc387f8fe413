// A small local stand-in for Resend's HTTP API (POST /emails), pointed at by
// RESEND_BASE_URL. Each request takes the next scripted answer (default 200).
import { createServer, type IncomingMessage, type Server } from 'node:http';

export interface ReceivedEmail {
  idempotencyKey: string | undefined;
  authorization: string | undefined;
  body: { from: string; to: string | string[]; subject: string; html: string; text: string; tags?: Array<{ name: string; value: string }>; attachments?: unknown[] };
}

export type ScriptedAnswer = number | 'hang';

export interface FakeResend {
  url: string;
  received: ReceivedEmail[];
  /** Answers for the next requests, in order: a status code, or 'hang' (never answer). */
  script: ScriptedAnswer[];
  /** Until this time (ms since epoch) every request hangs: an outage. */
  hangUntil: number;
  /** Requests this picks hang too, whatever the time: a provider stuck on some mail. */
  hangWhen?: (body: ReceivedEmail['body']) => boolean;
  close: () => Promise<void>;
}

const errorNames: Record<number, string> = { 422: 'validation_error', 429: 'rate_limit_exceeded', 500: 'internal_server_error', 503: 'application_error' };

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

export async function startFakeResend(): Promise<FakeResend> {
  const fake: Omit<FakeResend, 'url' | 'close'> = { received: [], script: [], hangUntil: 0 };
  let ids = 0;
  const server: Server = createServer(async (req, res) => {
    if (req.method !== 'POST' || req.url !== '/emails') {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ statusCode: 404, name: 'not_found', message: 'no route' }));
      return;
    }
    const body = (await readJson(req)) as ReceivedEmail['body'];
    fake.received.push({ idempotencyKey: req.headers['idempotency-key'] as string | undefined, authorization: req.headers.authorization, body });
    if (Date.now() < fake.hangUntil || fake.hangWhen?.(body)) return; // an outage: the connection stays open, unanswered
    const answer = fake.script.shift() ?? 200;
    if (answer === 'hang') return; // the connection stays open until the server closes
    if (answer === 200) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: `fake-${++ids}` }));
      return;
    }
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (answer === 429) headers['retry-after'] = '1';
    res.writeHead(answer, headers).end(JSON.stringify({ statusCode: answer, name: errorNames[answer] ?? 'application_error', message: `scripted ${answer}` }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return Object.assign(fake, {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  });
}
