// Process-wide jobs of the running server, started once on the first request
// (the standalone adapter offers no earlier hook; `npm start` makes that
// request at boot): the mail worker, and salon reminders every minute.
import { getDb } from './db';
import { startMailWorker } from '../mail/worker';
import { transportFromEnv } from '../mail/transport';
import { queueDueReminders } from '../salons/registrations';
import { getAllSalons } from '../salons/catalogue';
import { runDailyRescore } from './jobs';

let started = false;
const timers: NodeJS.Timeout[] = [];
let mailWorker: { stop: () => Promise<void> } | undefined;

/** Called by scripts/serve.mjs on SIGTERM, after the HTTP server stopped taking requests: finish the mail batch, stop the timers. */
export async function stopBackgroundJobs(): Promise<void> {
  timers.splice(0).forEach(clearInterval);
  await mailWorker?.stop();
}
(globalThis as Record<symbol, unknown>)[Symbol.for('flywheel.stopBackgroundJobs')] = stopBackgroundJobs;

export function ensureBackgroundJobs(): void {
  if (started) return;
  started = true;
  if (process.env.MAIL_WORKER !== 'off') {
    mailWorker = startMailWorker(getDb(), transportFromEnv(), Number(process.env.MAIL_WORKER_INTERVAL_MS ?? 2000));
  }
  const reminders = async (): Promise<void> => {
    try {
      queueDueReminders(getDb(), await getAllSalons());
    } catch (error) {
      console.error('[reminders]', error);
    }
  };
  timers.push(setInterval(reminders, 60_000).unref());
  void reminders();
  // Scores decay with time even when nobody acts: recompute once a day.
  timers.push(setInterval(() => runDailyRescore(getDb()), 3_600_000).unref());
}
