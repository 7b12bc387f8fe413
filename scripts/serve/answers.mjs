// A ready answer held in memory — the same body in identity, brotli and gzip,
// each with its headers built once — and how one is sent: the encoding the
// client accepts, 304 when its If-None-Match still matches, HEAD without a body.
// Static files (static-files.mjs) and cached public pages (page-cache.mjs) both use it.
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/** Smaller bodies are sent as they are: compressing them saves less than it costs. */
export const MIN_COMPRESS_BYTES = 512;

/** Brotli's options for a text body of `size` bytes at `quality` (the build, the page cache and live pages differ only in quality). */
export function brotliOptions(quality, size) {
  return { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: quality, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: size, [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT } };
}

const IDENTITY = Object.freeze([]);
const negotiated = new Map();
/** The encodings an Accept-Encoding header accepts, best first: ['br', 'gzip'], ['gzip'], or none (the body as it is). */
export function negotiate(header) {
  if (!header) return IDENTITY;
  let choice = negotiated.get(header);
  if (choice !== undefined) return choice;
  const accepted = new Map();
  for (const part of header.toLowerCase().split(',')) {
    const [name, ...params] = part.split(';').map((p) => p.trim());
    const q = params.find((p) => p.startsWith('q='));
    accepted.set(name, q === undefined ? 1 : Number(q.slice(2)) || 0);
  }
  const ok = (name) => (accepted.get(name) ?? (name === 'gzip' ? accepted.get('x-gzip') : undefined) ?? accepted.get('*') ?? 0) > 0;
  choice = Object.freeze(['br', 'gzip'].filter(ok));
  // Clients send a handful of distinct headers; the bound only guards against a flood of odd ones.
  if (negotiated.size > 200) negotiated.clear();
  negotiated.set(header, choice);
  return choice;
}

/**
 * An answer from `headers` (lower-case names; no length or encoding) and the
 * body in up to three encodings. The ETag is strong and names the encoding,
 * since the three bodies differ byte for byte.
 */
export function makeAnswer(status, headers, body, br, gz) {
  const hash = createHash('sha256').update(body).digest('base64url').slice(0, 27);
  const variants = {};
  const etags = new Map();
  for (const [encoding, data, suffix] of [['', body, ''], ['br', br, '-br'], ['gzip', gz, '-gz']]) {
    if (!data) continue;
    const etag = `"${hash}${suffix}"`;
    const common = { ...headers, etag, ...(br || gz ? { vary: 'Accept-Encoding' } : {}) };
    variants[encoding] = {
      body: data,
      headers: { ...common, ...(encoding ? { 'content-encoding': encoding } : {}), 'content-length': String(data.length) },
      notModified: withoutEntity(common),
    };
    etags.set(etag, variants[encoding]);
  }
  return { status, variants, etags, bytes: body.length + (br?.length ?? 0) + (gz?.length ?? 0) };
}

/** A 304 carries the validators and caching headers, never the entity's type or length. */
function withoutEntity(headers) {
  const out = { ...headers };
  delete out['content-type'];
  return out;
}

/** An answer for `body` compressed now (off the event loop, in libuv's thread pool). */
export async function compressAnswer(status, headers, body, { brotliQuality = 9, gzipLevel = 9 } = {}) {
  if (body.length < MIN_COMPRESS_BYTES) return makeAnswer(status, headers, body);
  const [br, gz] = await Promise.all([
    brotli(body, brotliOptions(brotliQuality, body.length)),
    gzip(body, { level: gzipLevel }),
  ]);
  return makeAnswer(status, headers, body, br.length < body.length ? br : undefined, gz.length < body.length ? gz : undefined);
}

/** `body` in one encoding, at a moderate level: for pages rendered per person, compressed per request. */
export function compressLive(body, encoding) {
  return encoding === 'br'
    ? brotli(body, brotliOptions(4, body.length))
    : gzip(body, { level: 6 });
}

/** The variant of `answer` an If-None-Match names ("*" or a list; weak comparison, as RFC 9110 asks). */
function matching(answer, ifNoneMatch) {
  if (ifNoneMatch.trim() === '*') return answer.variants[''];
  for (const tag of ifNoneMatch.split(',')) {
    const variant = answer.etags.get(tag.trim().replace(/^W\//, ''));
    if (variant) return variant;
  }
  return undefined;
}

/** Sends `answer` on `res` in the best encoding `req` accepts. */
export function sendAnswer(req, res, answer) {
  const ifNoneMatch = req.headers['if-none-match'];
  const unchanged = ifNoneMatch && answer.status === 200 ? matching(answer, ifNoneMatch) : undefined;
  if (unchanged) {
    res.writeHead(304, unchanged.notModified);
    res.end();
    return;
  }
  let variant = answer.variants[''];
  for (const encoding of negotiate(req.headers['accept-encoding'])) {
    if (answer.variants[encoding]) {
      variant = answer.variants[encoding];
      break;
    }
  }
  res.writeHead(answer.status, variant.headers);
  res.end(req.method === 'HEAD' ? undefined : variant.body);
}
