// The production HTTP server around Astro's Node handler (middleware mode:
// it only renders). It adds what the adapter does not do for every response:
// security headers and a Content-Security-Policy whose script hashes are
// computed from each HTML page (scripts/serve/security.mjs); static files
// answered from memory, precompressed at build, with ETag and Cache-Control
// (serve/static-files.mjs); what the adapter's standalone mode answered before
// rendering (a 400 for a malformed URL, other files from disk), without its
// stat per request (serve/disk-files.mjs); a few seconds' cache of public
// on-demand pages for anonymous visitors (serve/page-cache.mjs); other HTML
// compressed per request; the client address from X-Forwarded-For when the
// peer is a trusted proxy (TRUST_PROXY); and a graceful shutdown on SIGTERM
// (no new requests, in-flight ones and the mail batch finish, then exit).
import http from 'node:http';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { compressAnswer, compressLive, MIN_COMPRESS_BYTES, negotiate, sendAnswer } from './serve/answers.mjs';
import { createPageCache, shareable } from './serve/page-cache.mjs';
import { applyTrustedProxy } from './serve/proxy.mjs';
import { BASE_HEADERS, NON_HTML_CSP, pageCsp } from './serve/security.mjs';
import { createDiskFallback } from './serve/disk-files.mjs';
import { indexStaticFiles, staticAnswerFor } from './serve/static-files.mjs';

const entry = resolve(process.env.FLYWHEEL_ENTRY ?? 'dist/server/entry.mjs');
const { handler, options } = await import(pathToFileURL(entry).href);
// A build from before astro.config.mjs chose middleware mode would start a server of its own.
if (options?.mode !== 'middleware') throw new Error(`${entry} was built for the adapter's ${options?.mode} mode; build again (npm run build).`);

const port = Number(process.env.PORT ?? 4321);
const host = process.env.HOST ?? 'localhost';

const clientDir = resolve(dirname(entry), '../client');
const staticAnswers = indexStaticFiles(clientDir);
const fromDiskOrAstro = createDiskFallback(clientDir, handler);
// PAGE_CACHE_SECONDS=0 turns the page cache off.
const pageCacheSeconds = Number(process.env.PAGE_CACHE_SECONDS ?? 5);
const pageCache = createPageCache({ seconds: Number.isFinite(pageCacheSeconds) ? pageCacheSeconds : 5 });
// src/lib/platform/page-cache.ts calls this when salons or seats change.
globalThis[Symbol.for('flywheel.publicPagesChanged')] = () => pageCache.invalidate();

/**
 * Hands Astro's response to `finish` once complete when it is HTML (so the
 * CSP can name its inline scripts, and it can be compressed or kept); anything
 * else streams through untouched.
 */
function captureHtml(req, res, ticket) {
  for (const [name, value] of Object.entries(BASE_HEADERS)) res.setHeader(name, value);
  const writeHead = res.writeHead.bind(res);
  const write = res.write.bind(res);
  const end = res.end.bind(res);
  let html;
  const chunks = [];
  const decide = () => {
    if (html !== undefined) return;
    html = String(res.getHeader('content-type') ?? '').startsWith('text/html');
    if (!html) {
      ticket?.release();
      if (!res.hasHeader('content-security-policy')) res.setHeader('content-security-policy', NON_HTML_CSP);
      writeHead(res.statusCode);
    }
  };
  res.writeHead = (status, reason, headers) => {
    if (typeof reason === 'object' && reason !== null) [headers, reason] = [reason, undefined];
    res.statusCode = status;
    if (typeof reason === 'string') res.statusMessage = reason;
    if (Array.isArray(headers)) for (let i = 0; i < headers.length; i += 2) res.setHeader(headers[i], headers[i + 1]);
    else if (headers) for (const [name, value] of Object.entries(headers)) if (value !== undefined) res.setHeader(name, value);
    return res;
  };
  res.write = (chunk, encoding, callback) => {
    decide();
    if (!html) return write(chunk, encoding, callback);
    chunks.push(Buffer.from(chunk, typeof encoding === 'string' ? encoding : undefined));
    (typeof encoding === 'function' ? encoding : callback)?.();
    return true;
  };
  res.end = (chunk, encoding, callback) => {
    decide();
    if (!html) return end(chunk, encoding, callback);
    if (chunk && typeof chunk !== 'function') chunks.push(Buffer.from(chunk, typeof encoding === 'string' ? encoding : undefined));
    // From here on the response is written with Node's own methods.
    delete res.writeHead;
    delete res.write;
    delete res.end;
    const done = typeof chunk === 'function' ? chunk : typeof encoding === 'function' ? encoding : callback;
    finishHtml(req, res, Buffer.concat(chunks), ticket).then(
      () => done?.(),
      (error) => {
        console.error('[serve] could not finish a page:', error);
        if (!res.headersSent) res.writeHead(500);
        res.end();
      },
    );
    return res;
  };
}

/** Headers of a rendered response that belong to every copy of it, not to one transfer. */
const PER_TRANSFER = new Set(['content-length', 'transfer-encoding', 'content-encoding', 'connection', 'keep-alive', 'date']);

async function finishHtml(req, res, body, ticket) {
  res.setHeader('content-security-policy', pageCsp(body.toString('utf8')));
  if (ticket && shareable(res)) {
    const headers = {};
    for (const [name, value] of Object.entries(res.getHeaders())) if (!PER_TRANSFER.has(name)) headers[name] = value;
    const answer = await compressAnswer(200, headers, body);
    ticket.keep(answer);
    ticket.release();
    for (const name of res.getHeaderNames()) res.removeHeader(name);
    sendAnswer(req, res, answer);
    return;
  }
  ticket?.release();
  res.removeHeader('transfer-encoding');
  const head = req.method === 'HEAD';
  let out = body;
  if (body.length >= MIN_COMPRESS_BYTES && !res.hasHeader('content-encoding')) {
    res.setHeader('vary', res.hasHeader('vary') ? `${res.getHeader('vary')}, Accept-Encoding` : 'Accept-Encoding');
    const [encoding] = negotiate(req.headers['accept-encoding']);
    if (encoding && !head) {
      out = await compressLive(body, encoding);
      res.setHeader('content-encoding', encoding);
    }
  }
  if (!head) res.setHeader('content-length', out.length);
  res.writeHead(res.statusCode);
  res.end(head ? undefined : out);
}

function renderWithAstro(req, res, ticket) {
  applyTrustedProxy(req);
  captureHtml(req, res, ticket);
  fromDiskOrAstro(req, res);
}

const server = http.createServer((req, res) => {
  const file = staticAnswerFor(staticAnswers, req);
  if (file) return sendAnswer(req, res, file);
  pageCache.handle(
    req,
    (answer) => sendAnswer(req, res, answer),
    (ticket) => renderWithAstro(req, res, ticket),
    res,
  );
});
server.listen(port, host, () => console.log(`Flywheel listening on http://${host}:${port}`));

let stopping = false;
async function shutdown(signal) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: no new requests; finishing the ones in flight and the mail batch…`);
  const force = setTimeout(() => process.exit(1), Number(process.env.SHUTDOWN_TIMEOUT_MS ?? 25_000));
  force.unref();
  const closed = new Promise((r) => server.close(r));
  server.closeIdleConnections();
  await closed;
  await globalThis[Symbol.for('flywheel.stopBackgroundJobs')]?.();
  process.exit(0);
}
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => void shutdown(signal));
