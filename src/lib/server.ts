// Process-wide jobs of the running server, started once on the first request
// (the standalone adapter offers no earlier hook; `npm start` makes that
// request at boot): the mail worker, and salon reminders every minute.
import { getDb } from './db';
import { startMailWorker } from './mail/worker';
import { transportFromEnv } from './mail/transport';
import { queueDueReminders } from './registrations';
import { getAllSalons } from './salon-content';
import { runDailyRescore } from './jobs';

let started = false;

export function ensureBackgroundJobs(): void {
  if (started) return;
  started = true;
  if (process.env.MAIL_WORKER !== 'off') {
    startMailWorker(getDb(), transportFromEnv(), Number(process.env.MAIL_WORKER_INTERVAL_MS ?? 2000));
  }
  const reminders = async (): Promise<void> => {
    try {
      queueDueReminders(getDb(), await getAllSalons());
    } catch (error) {
      console.error('[reminders]', error);
    }
  };
  setInterval(reminders, 60_000).unref();
  void reminders();
  // Scores decay with time even when nobody acts: recompute once a day.
  setInterval(() => runDailyRescore(getDb()), 3_600_000).unref();
}
