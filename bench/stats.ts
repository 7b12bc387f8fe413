// Latency percentiles and a printed comparison table.
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** The 95th percentile of `samples` timed calls, in ms. */
export async function p95(samples: number, fn: () => Promise<unknown> | unknown): Promise<number> {
  const ms: number[] = [];
  for (let i = 0; i < samples; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  return percentile(ms.sort((a, b) => a - b), 95);
}

export interface Row {
  measure: string;
  value: string;
  baseline: string;
  note?: string;
}

export function printTable(title: string, rows: Row[]): void {
  const w = [Math.max(7, ...rows.map((r) => r.measure.length)), Math.max(5, ...rows.map((r) => r.value.length)), Math.max(8, ...rows.map((r) => r.baseline.length))];
  console.log(`\n${title}`);
  console.log(`${'measure'.padEnd(w[0]!)}  ${'value'.padStart(w[1]!)}  ${'baseline'.padStart(w[2]!)}  note`);
  console.log(`${'-'.repeat(w[0]!)}  ${'-'.repeat(w[1]!)}  ${'-'.repeat(w[2]!)}  ----`);
  for (const r of rows) console.log(`${r.measure.padEnd(w[0]!)}  ${r.value.padStart(w[1]!)}  ${r.baseline.padStart(w[2]!)}  ${r.note ?? ''}`);
}

/** Runs `total` async jobs with at most `concurrency` in flight; returns each job's milliseconds. */
export async function runConcurrent(total: number, concurrency: number, job: (i: number) => Promise<void>, onProgress?: (done: number) => void): Promise<{ latencies: number[]; seconds: number }> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const i = next++;
        const t = performance.now();
        await job(i);
        latencies.push(performance.now() - t);
        onProgress?.(latencies.length);
      }
    }),
  );
  return { latencies: latencies.sort((a, b) => a - b), seconds: (performance.now() - started) / 1000 };
}
