// Process-wide jobs of the running server, started once on the first request
// (the adapter offers no earlier hook; `npm start` makes that
// request at boot), after the database is migrated: the mail worker
// (MAIL_WORKER=off leaves it to other processes), and salon reminders every
// minute (with lapsed waitlist offers) and the daily rescore (JOBS=off leaves those to other processes).
import { databaseReady, getDb } from './db';
import { config } from './config';
import { startMailWorker } from '../mail/worker';
import { transportFromEnv } from '../mail/transport';
import { queueDueReminders } from '../salons/registrations';
import { settleLapsedOffers } from '../salons/offers';
import { getAllSalons } from '../salons/catalogue';
import { runDailyRescore } from './jobs';
import { startWebhookWorker } from '../webhooks/delivery-worker';
import { settleOverdueLeads } from '../routing/lead-routing';
import { runNightlyCustomerGrades } from '../accounts/customer-grades';

let started = false;
let stopping = false;
const timers: NodeJS.Timeout[] = [];
let mailWorker: { stop: () => Promise<void> } | undefined;
let webhookWorker: { stop: () => Promise<void> } | undefined;

/** Called by scripts/serve.mjs on SIGTERM, after the HTTP server stopped taking requests: finish the mail batch, stop the timers. */
export async function stopBackgroundJobs(): Promise<void> {
  stopping = true; // jobs still waiting for the database never start
  timers.splice(0).forEach(clearInterval);
  await Promise.all([mailWorker?.stop(), webhookWorker?.stop()]);
}
(globalThis as Record<symbol, unknown>)[Symbol.for('flywheel.stopBackgroundJobs')] = stopBackgroundJobs;

export function ensureBackgroundJobs(): void {
  if (started) return;
  started = true;
  startBackgroundJobs().catch((error: unknown) => {
    started = false; // the database is not ready: the next request tries again
    console.error('[jobs] not started', error);
  });
}

async function startBackgroundJobs(): Promise<void> {
  await databaseReady();
  if (stopping) return;
  const settings = config();
  if (settings.mail.worker) {
    mailWorker = startMailWorker(getDb(), transportFromEnv(), settings.mail.workerIntervalMs);
    // Webhook deliveries follow the same switch: the process that sends mail sends hand-offs.
    webhookWorker = startWebhookWorker(getDb(), settings.mail.workerIntervalMs);
  }
  if (!settings.jobs) return;
  const reminders = async (): Promise<void> => {
    try {
      const salons = await getAllSalons();
      await queueDueReminders(getDb(), salons);
      // A seat offered to a waitlisted person and not taken in time passes to the next one.
      await settleLapsedOffers(getDb(), salons);
      // A lead whose first-touch SLA passed untouched goes back to the queue.
      await settleOverdueLeads(getDb());
    } catch (error) {
      console.error('[reminders]', error);
    }
  };
  timers.push(setInterval(reminders, 60_000).unref());
  void reminders();
  // Scores decay with time even when nobody acts: recompute once a day.
  const rescore = async (): Promise<void> => {
    try {
      await runDailyRescore(getDb());
      await runNightlyCustomerGrades(getDb());
    } catch (error) {
      console.error('[rescore]', error);
    }
  };
  timers.push(setInterval(rescore, 3_600_000).unref());
}
