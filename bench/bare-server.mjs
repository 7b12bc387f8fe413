// The baseline for the content pages: a bare node:http server, in its own
// process, answering each captured path with exactly the bytes and headers
// Flywheel's server sent for it (bench/content.ts captures them). Reads the
// pages from the JSON file named in argv, prints its port, serves until killed.
import { readFileSync } from 'node:fs';
import http from 'node:http';

const pages = new Map(
  JSON.parse(readFileSync(process.argv[2], 'utf8')).map((p) => [p.path, { status: p.status, headers: p.headers, body: Buffer.from(p.body, 'base64') }]),
);
const server = http.createServer((req, res) => {
  const page = pages.get(req.url);
  if (!page) {
    res.writeHead(404);
    res.end();
    return;
  }
  res.writeHead(page.status, page.headers);
  res.end(page.body);
});
server.listen(0, '127.0.0.1', () => console.log(String(server.address().port)));
