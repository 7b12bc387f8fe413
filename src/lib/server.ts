// Process-wide services of the running server: the mail worker starts once,
// on the first request (the standalone adapter offers no earlier hook).
import { getDb } from './db';
import { startMailWorker } from './mail/worker';
import { transportFromEnv } from './mail/transport';

let started = false;

export function ensureBackgroundJobs(): void {
  if (started || process.env.MAIL_WORKER === 'off') return;
  started = true;
  startMailWorker(getDb(), transportFromEnv(), Number(process.env.MAIL_WORKER_INTERVAL_MS ?? 2000));
}
