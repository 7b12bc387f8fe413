// Build-time compression of the static files (prerendered pages, assets,
// public files): a .br and a .gz beside each compressible file, at the
// strongest levels, so the server never compresses them per request
// (scripts/serve/static-files.mjs reads them at start). Runs from the Astro
// integration in astro.config.mjs after every build (npm run build and
// npm run build:test alike).
import { readdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { brotliOptions, MIN_COMPRESS_BYTES } from './answers.mjs';

/** Text-like files worth compressing; images, fonts (woff2) and archives are compressed already. */
export const COMPRESSIBLE = /\.(html|css|js|mjs|json|xml|txt|svg|ico|map|webmanifest|ics|ttf|otf|csv|md)$/i;

/** Every file under `dir`, as paths relative to it with "/" separators. */
export function filesUnder(dir, prefix = '') {
  const out = [];
  for (const entry of readdirSync(join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...filesUnder(dir, rel));
    else if (entry.isFile()) out.push(rel);
  }
  return out;
}

/** Whether `rel` is the .br or .gz copy the build wrote beside another file of `present`, not a file of its own. */
export function isCompressedCopy(rel, present) {
  return (rel.endsWith('.br') || rel.endsWith('.gz')) && present.has(rel.slice(0, -3));
}

/** Writes name.br and name.gz beside each compressible file of `dir`; returns how many files got them. */
export function precompressDir(dir) {
  let count = 0;
  const files = filesUnder(dir);
  const present = new Set(files);
  for (const rel of files) {
    if (!COMPRESSIBLE.test(rel) || isCompressedCopy(rel, present)) continue;
    const path = join(dir, rel);
    if (statSync(path).size < MIN_COMPRESS_BYTES) continue;
    const raw = readFileSync(path);
    const br = brotliCompressSync(raw, brotliOptions(constants.BROTLI_MAX_QUALITY, raw.length));
    const gz = gzipSync(raw, { level: 9 });
    // A copy that is not smaller is not written (and an older one is removed), so the server sends the file itself.
    for (const [ext, data] of [['.br', br], ['.gz', gz]]) {
      if (data.length < raw.length) writeFileSync(path + ext, data);
      else if (present.has(rel + ext)) unlinkSync(path + ext);
    }
    count++;
  }
  return count;
}

/** The Astro integration: compresses the client output once the build is done. */
export function precompress() {
  return {
    name: 'flywheel:precompress',
    hooks: {
      'astro:build:done': ({ dir, logger }) => {
        const started = performance.now();
        const count = precompressDir(dir.pathname);
        logger.info(`${count} files compressed (brotli and gzip) in ${Math.round(performance.now() - started)} ms`);
      },
    },
  };
}
