// The pause between tries while another process holds SQLite's write lock,
// shared by the group commit's BEGIN (db/client.ts) and requests waiting out a
// busy database (src/lib/platform/http.ts): 10 ms doubling to 200 ms, each
// jittered ±50 % so waiting processes do not retry in step.
export function busyPause(attempt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.min(200, 10 * 2 ** attempt) * (0.5 + Math.random())));
}
