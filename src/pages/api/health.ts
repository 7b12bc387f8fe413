// Liveness and readiness: answers once the database is open and migrated.
// `npm start` calls it right after boot, which also starts the mail worker.
import type { APIRoute } from 'astro';
import { getDb } from '../../lib/platform/db';
import { json } from '../../lib/platform/http';
import { outboxCounts } from '../../lib/mail/outbox';

export const GET: APIRoute = async () => json({ ok: true, mail: await outboxCounts(getDb()) });
