// The load generator, in its own process so the server's event loop never
// runs it (bench/load.ts starts it). Reads one JSON job from argv, runs
// autocannon, prints one JSON line: requests/s, latency percentiles, non-2xx.
// A body containing "[<id>]" gets a fresh unique id per request (autocannon's
// idReplacement), so every registration is a new person. "[<n>]" becomes a
// fresh lower-case token (this round's start time and a counter), which fits
// where autocannon's ids cannot, such as an email's domain.
import autocannon from 'autocannon';

const job = JSON.parse(process.argv[2]);
const salt = Date.now().toString(36);
let n = 0;
const numbered = job.body?.includes('[<n>]') ? [{ setupRequest: (req) => ({ ...req, body: job.body.replaceAll('[<n>]', `${salt}${(n++).toString(36)}`) }) }] : undefined;
const result = await autocannon({
  url: job.url,
  method: job.method ?? 'GET',
  headers: job.headers ?? {},
  body: job.body,
  ...(numbered ? { requests: numbered } : {}),
  idReplacement: Boolean(job.body?.includes('[<id>]')),
  connections: job.connections,
  pipelining: 1,
  // Only what the job gives: an undefined duration would fail autocannon's validation when the job counts requests instead.
  ...(job.duration !== undefined ? { duration: job.duration } : {}),
  ...(job.amount !== undefined ? { amount: job.amount } : {}),
  timeout: 10,
});
process.stdout.write(
  JSON.stringify({
    requests: result.requests.total,
    perSecond: result.requests.total / (result.duration || 1),
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    bytes: result.throughput.total,
  }) + '\n',
);
