// The load generator, in its own process so the server's event loop never
// runs it (bench/load.ts starts it). Reads one JSON job from argv, runs
// autocannon, prints one JSON line: requests/s, latency percentiles, non-2xx.
// A body containing "[<id>]" gets a fresh unique id per request (autocannon's
// idReplacement), so every registration is a new person.
import autocannon from 'autocannon';

const job = JSON.parse(process.argv[2]);
const result = await autocannon({
  url: job.url,
  method: job.method ?? 'GET',
  headers: job.headers ?? {},
  body: job.body,
  idReplacement: Boolean(job.body?.includes('[<id>]')),
  connections: job.connections,
  pipelining: 1,
  duration: job.duration,
  amount: job.amount,
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
