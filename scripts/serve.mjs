// The production HTTP server around Astro's Node handler (standalone mode,
// autostart off). It adds what the adapter does not do for every response,
// static files included: security headers and a Content-Security-Policy whose
// script hashes are computed from each HTML page; the client address from
// X-Forwarded-For when the peer is a trusted proxy (TRUST_PROXY); and a
// graceful shutdown on SIGTERM (no new requests, in-flight ones and the mail
// batch finish, then exit).
import { createHash } from 'node:crypto';
import http from 'node:http';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

process.env.ASTRO_NODE_AUTOSTART = 'disabled';
const entry = resolve(process.env.FLYWHEEL_ENTRY ?? 'dist/server/entry.mjs');
const { handler } = await import(pathToFileURL(entry).href);

const port = Number(process.env.PORT ?? 4321);
const host = process.env.HOST ?? 'localhost';
const httpsSite = (process.env.SITE_URL ?? '').startsWith('https://');
const trustedProxies = new Set((process.env.TRUST_PROXY ?? '').split(',').map((a) => normalizeAddress(a.trim())).filter(Boolean));

/** "::ffff:127.0.0.1" and "127.0.0.1" are the same peer. */
function normalizeAddress(address) {
  return (address ?? '').replace(/^::ffff:/, '');
}

const BASE_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  // The door check-in page may use the camera; nothing else may use anything.
  'permissions-policy': 'camera=(self), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  ...(httpsSite ? { 'strict-transport-security': 'max-age=31536000; includeSubDomains' } : {}),
};
const NON_HTML_CSP = "default-src 'none'; frame-ancestors 'none'";
// With WeChat sharing configured, pages load the WeChat JS-SDK (src/components/WeChatShare.astro).
const WECHAT_SDK = process.env.WECHAT_APP_ID && process.env.WECHAT_APP_SECRET ? ' https://res.wx.qq.com' : '';

/** Inline scripts are allowed only by the hash of their exact text: no injected script can run. */
function pageCsp(html) {
  const hashes = new Set();
  for (const match of html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)) {
    hashes.add(`'sha256-${createHash('sha256').update(match[1]).digest('base64')}'`);
  }
  return [
    "default-src 'self'",
    `script-src 'self'${WECHAT_SDK} ${[...hashes].join(' ')}`.trim(),
    // Style attributes and Astro's inlined stylesheets; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "media-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * Buffers HTML responses (rendered pages and prerendered files alike) so the
 * CSP can name their inline scripts; anything else streams through untouched.
 */
function withSecurityHeaders(res) {
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
    const body = Buffer.concat(chunks);
    res.setHeader('content-security-policy', pageCsp(body.toString('utf8')));
    res.removeHeader('transfer-encoding');
    if (res.req?.method !== 'HEAD') res.setHeader('content-length', body.length);
    writeHead(res.statusCode);
    return end(res.req?.method === 'HEAD' ? undefined : body, typeof chunk === 'function' ? chunk : typeof encoding === 'function' ? encoding : callback);
  };
}

/** Behind a trusted proxy, the client is the last X-Forwarded-For hop that is not itself a trusted proxy. */
const peers = new WeakMap();
function applyTrustedProxy(req) {
  const socket = req.socket;
  if (!peers.has(socket)) peers.set(socket, normalizeAddress(socket.remoteAddress));
  const peer = peers.get(socket);
  let client = peer;
  if (trustedProxies.has(peer)) {
    const hops = String(req.headers['x-forwarded-for'] ?? '').split(',').map((h) => normalizeAddress(h.trim())).filter(Boolean);
    for (let i = hops.length - 1; i >= 0; i--) {
      client = hops[i];
      if (!trustedProxies.has(client)) break;
    }
  }
  // Astro reads the socket's address for Astro.clientAddress; a keep-alive socket keeps its real peer in `peers`.
  Object.defineProperty(socket, 'remoteAddress', { value: client, configurable: true });
}

const server = http.createServer((req, res) => {
  applyTrustedProxy(req);
  withSecurityHeaders(res);
  handler(req, res);
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
