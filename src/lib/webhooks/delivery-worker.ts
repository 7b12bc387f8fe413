// Sends pending webhook deliveries. STUB: filled in by the webhooks work.
import type { Db } from '../platform/db';

export function startWebhookWorker(_db: Db, _intervalMs = 2000): { stop: () => Promise<void> } {
  return { stop: async () => {} };
}
