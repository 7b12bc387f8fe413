// HTTP load from a separate process (autocannon in bench/load-worker.mjs), in
// rounds: each figure is the median of the rounds, printed with min and max.
// While a round runs, the server's resident memory is sampled from /proc.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface LoadJob {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** "[<id>]" in the body becomes a unique id per request. */
  body?: string;
  connections: number;
  /** Seconds per round (or `amount` requests per round). */
  duration?: number;
  amount?: number;
}

export interface RoundResult {
  requests: number;
  perSecond: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  non2xx: number;
  errors: number;
  bytes: number;
  /** Peak resident memory of the server process during the round, in MB (0 when unknown). */
  rssMb: number;
}

/** Resident set size of a process in MB, from /proc (Linux); 0 elsewhere. */
export function rssMb(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) / 1024 : 0;
  } catch {
    return 0;
  }
}

/**
 * CPU time (user + system, every thread) the process has used so far, in ms,
 * from /proc (clock ticks of 10 ms: Linux's USER_HZ is 100); 0 where there is no /proc.
 * It moves with the machine's speed as throughput does; divided by requests and
 * set beside another load's in the same run, it is work per request.
 */
export function cpuMs(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // After "(comm) ", field 3 (state) is index 0: utime (14) and stime (15) are 11 and 12.
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

/** One round of load against `job.url` from a child process; samples `serverPid`'s memory meanwhile. */
export async function loadRound(job: LoadJob, serverPid?: number): Promise<RoundResult> {
  let peak = rssMb(serverPid);
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(serverPid))), 100);
  try {
    const out = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, ['bench/load-worker.mjs', JSON.stringify(job)], { stdio: ['ignore', 'pipe', 'inherit'] });
      let text = '';
      child.stdout.on('data', (d: Buffer) => (text += d));
      child.on('error', reject);
      child.on('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(`load worker exited ${code}`))));
    });
    return { ...(JSON.parse(out.trim().split('\n').at(-1)!) as Omit<RoundResult, 'rssMb'>), rssMb: peak };
  } finally {
    clearInterval(sampler);
  }
}

export interface Spread {
  median: number;
  min: number;
  max: number;
}

export function spread(values: number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: sorted[Math.floor((sorted.length - 1) / 2)]!, min: sorted[0]!, max: sorted.at(-1)! };
}

/** `rounds` rounds of the same load; each field summarised as median with min and max. */
export async function loadRounds(job: LoadJob, rounds: number, serverPid?: number): Promise<{ rounds: RoundResult[]; of: (field: keyof RoundResult) => Spread }> {
  const results: RoundResult[] = [];
  for (let i = 0; i < rounds; i++) results.push(await loadRound(job, serverPid));
  return { rounds: results, of: (field) => spread(results.map((r) => r[field])) };
}

/** "1,234/s (1,100–1,300)": a median with its range. */
export function formatSpread(s: Spread, unit = '', digits = 0): string {
  const f = (n: number): string => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
  return `${f(s.median)}${unit} (${f(s.min)}–${f(s.max)})`;
}

/** Rounds per figure: at least three, as the bench promises. */
export const ROUNDS = Math.max(3, Number(process.env.BENCH_ROUNDS ?? 3));
/** Seconds per round. */
export const ROUND_SECONDS = Number(process.env.BENCH_ROUND_SECONDS ?? 5);
