// The build's static files (prerendered pages, /_astro/ assets, public files)
// answered from memory: indexed once at start with the .br and .gz copies the
// build wrote (precompress.mjs), each with a strong ETag, Cache-Control and,
// for HTML, its Content-Security-Policy computed once. Only exact files are
// answered (a folder URL ending in "/" is its index.html); anything else —
// a larger file, a folder URL without its slash, redirects, 404s, on-demand
// pages — goes on to disk-files.mjs and Astro's handler unchanged.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { makeAnswer } from './answers.mjs';
import { filesUnder, isCompressedCopy } from './precompress.mjs';
import { BASE_HEADERS, NON_HTML_CSP, pageCsp } from './security.mjs';

const TYPES = {
  html: 'text/html; charset=utf-8',
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  json: 'application/json; charset=utf-8',
  map: 'application/json; charset=utf-8',
  webmanifest: 'application/manifest+json; charset=utf-8',
  xml: 'application/xml; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
  ics: 'text/calendar; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  ico: 'image/x-icon',
  woff: 'font/woff',
  woff2: 'font/woff2',
  ttf: 'font/ttf',
  otf: 'font/otf',
  pdf: 'application/pdf',
};

/** Larger files stream from disk (disk-files.mjs) instead of living in memory. */
const MAX_IN_MEMORY_BYTES = Number(process.env.STATIC_MAX_FILE_BYTES ?? 2 * 1024 * 1024);

/** Hashed build assets never change under their name; everything else is revalidated by its ETag. */
export function staticCacheControl(urlPath) {
  return urlPath.startsWith('/_astro/') ? 'public, max-age=31536000, immutable' : 'public, max-age=0, must-revalidate';
}

/** URL path → answer, for every servable file under `clientDir` (the build's client folder). */
export function indexStaticFiles(clientDir) {
  const answers = new Map();
  if (!existsSync(clientDir)) return answers;
  const files = filesUnder(clientDir);
  const present = new Set(files);
  for (const rel of files) {
    if (isCompressedCopy(rel, present)) continue;
    const ext = rel.slice(rel.lastIndexOf('.') + 1).toLowerCase();
    const type = TYPES[ext];
    const path = join(clientDir, rel);
    if (!type || statSync(path).size > MAX_IN_MEMORY_BYTES) continue;
    const body = readFileSync(path);
    const urlPath = `/${rel}`;
    const headers = {
      ...BASE_HEADERS,
      'content-type': type,
      'cache-control': staticCacheControl(urlPath),
      'content-security-policy': ext === 'html' ? pageCsp(body.toString('utf8')) : NON_HTML_CSP,
    };
    const copy = (suffix) => (present.has(rel + suffix) ? readFileSync(path + suffix) : undefined);
    const answer = makeAnswer(200, headers, body, copy('.br'), copy('.gz'));
    answers.set(urlPath, answer);
    if (rel === 'index.html' || rel.endsWith('/index.html')) answers.set(urlPath.slice(0, -'index.html'.length), answer);
  }
  return answers;
}

/** The answer for a GET or HEAD of an exact static file (the query is ignored, as by Astro's own static handler). */
export function staticAnswerFor(answers, req) {
  if (req.method !== 'GET' && req.method !== 'HEAD') return undefined;
  const url = req.url;
  const q = url.indexOf('?');
  let path = q === -1 ? url : url.slice(0, q);
  if (path.includes('%')) {
    try {
      path = decodeURIComponent(path);
    } catch {
      return undefined;
    }
  }
  return answers.get(path);
}
