// What the Node adapter's standalone mode did before it rendered, for the
// requests static-files.mjs does not answer from memory. The adapter runs in
// middleware mode (its handler only renders), so its static handler
// (@astrojs/node dist/standalone.js and serve-static.js) is redone here with
// the same answers: a URL decodeURI rejects is "400 Bad request."; a path that
// names something in the build's client folder — a folder URL without its
// slash (its index.html: trailingSlash 'ignore'), a file kept out of memory
// (too large, or a type static-files.mjs does not know), a .br/.gz copy, any
// method — is sent from disk by `send` with the adapter's options. Whether a
// path names anything is looked up in the folder's listing taken once at
// start, where the adapter stat'ed the disk for every request: on-demand pages
// and APIs now reach Astro without touching the disk.
import { readdirSync } from 'node:fs';
import { join, normalize, posix, resolve, sep } from 'node:path';
import send from 'send';

/** The build's client folder: its absolute path and every file and folder under it (absolute paths, no trailing separator). */
export function listClientDir(clientDir) {
  const root = resolve(clientDir);
  const entries = new Set();
  const folders = new Set([root]);
  const walk = (dir) => {
    let found;
    try {
      found = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of found) {
      const path = join(dir, entry.name);
      entries.add(path);
      if (entry.isDirectory()) {
        folders.add(path);
        walk(path);
      }
    }
  };
  walk(root);
  // The names at the top: a plain path under any other name (/api/…, /events/…) names nothing on disk.
  const top = new Set([...entries].filter((path) => resolve(path, '..') === root).map((path) => path.slice(root.length + 1)));
  return { root, entries, folders, top };
}

/** Letters, digits, - _ . and slashes, with no empty, "." or ".." segment: a path nothing can decode or normalise elsewhere. */
const PLAIN_PATH = /^(\/[A-Za-z0-9_-][A-Za-z0-9_.-]*)+\/?$/;

const withoutTrailingSep = (path) => (path.length > 1 && path.endsWith(sep) ? path.slice(0, -1) : path);

/**
 * The path the adapter's static handler gave `send` for `url` when `send`
 * could find something for it in `listing` (a file, its index.html, or a
 * folder `send` redirects to with a slash); undefined when `send` would have
 * failed before opening anything and the request went on to Astro. The steps
 * are the adapter's and `send`'s own (site base "/", build format "directory",
 * trailingSlash "ignore"); `send` still makes every decision about what it finds.
 */
export function diskPathFor(listing, url) {
  const end = url.indexOf('#');
  const fullUrl = end === -1 ? url : url.slice(0, end);
  const q = fullUrl.indexOf('?');
  const urlPath = q === -1 ? fullUrl : fullUrl.slice(0, q);
  // Most requests (every API call, every on-demand page): decided by the first segment, without building paths.
  if (PLAIN_PATH.test(urlPath)) {
    const slash = urlPath.indexOf('/', 1);
    if (!listing.top.has(urlPath.slice(1, slash === -1 ? undefined : slash))) return undefined;
  }
  let pathname = urlPath;
  if (!urlPath.endsWith('/')) {
    let fsPath = urlPath;
    try {
      fsPath = decodeURI(fsPath);
    } catch {
      // The adapter checks the undecoded path then.
    }
    if (listing.folders.has(withoutTrailingSep(join(listing.root, fsPath)))) pathname = `${urlPath}/index.html`;
  }
  const sendPath = posix.normalize(pathname.startsWith('/') ? pathname : `/${pathname}`);
  let decoded;
  try {
    decoded = decodeURIComponent(sendPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const target = normalize(join(listing.root, normalize(`.${sep}${decoded}`)));
  const opened = sendPath.endsWith('/') ? join(target, 'index.html') : withoutTrailingSep(target);
  return listing.entries.has(opened) ? sendPath : undefined;
}

/**
 * A handler answering a request the way the adapter's standalone handler did:
 * 400 for a URL decodeURI rejects, a file of `clientDir` through `send`, and
 * everything else by `render` (Astro's handler).
 */
export function createDiskFallback(clientDir, render) {
  const listing = listClientDir(clientDir);
  return (req, res) => {
    try {
      decodeURI(req.url);
    } catch {
      res.writeHead(400);
      res.end('Bad request.');
      return;
    }
    const sendPath = req.url ? diskPathFor(listing, req.url) : undefined;
    if (sendPath === undefined) return render(req, res);
    const stream = send(req, sendPath, {
      root: listing.root,
      dotfiles: sendPath.startsWith('/.well-known/') ? 'allow' : 'deny',
      extensions: [],
    });
    // As the adapter: an error before a file is found goes on to Astro; after, it is the answer.
    let found = false;
    stream.on('error', (err) => {
      if (!found) return render(req, res);
      const status = 'statusCode' in err ? err.statusCode : 500;
      if (status >= 500) console.error(err.toString());
      res.writeHead(status);
      res.end(status >= 500 ? 'Internal server error' : '');
    });
    stream.on('file', () => {
      found = true;
    });
    stream.on('stream', () => {
      if (sendPath.startsWith('/_astro/')) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    });
    stream.pipe(res);
  };
}
