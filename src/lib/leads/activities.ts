// The append-only activity log: every meaningful act of a person.
import { activities } from '../../../db/tables';
import type { Tx } from './people';
import { driverValue, lockFor, reusableQuery, unencoded } from '../platform/db';
import { sql } from 'drizzle-orm';
import { rescorePerson } from './rescore';

export type ActivityType =
  | 'article_read'
  | 'resource_download'
  | 'demo_request'
  | 'newsletter_signup'
  | 'package_interest'
  | 'contact'
  | 'salon_registration'
  | 'salon_cancellation'
  | 'salon_checkin'
  | 'cohort_join'
  | 'question'
  | 'answer'
  | 'referral_converted';

// Every act goes in through this one statement, built once.
const insertActivity = reusableQuery('insert_activity', (db) => {
  const p = sql.placeholder;
  return db.insert(activities).values({ personId: p('personId'), type: p('type'), subject: p('subject'), source: p('source'), medium: p('medium'), campaign: p('campaign'), data: unencoded('data'), occurredAt: p('occurredAt') });
});

export async function recordActivity(
  tx: Tx,
  a: { personId: number; type: ActivityType; subject?: string | null; source?: string | null; medium?: string | null; campaign?: string | null; data?: Record<string, unknown> },
  now: Date = new Date(),
): Promise<void> {
  // One act of a person at a time, so each rescore sees the acts before it.
  await lockFor(tx, `activity:${a.personId}`);
  await insertActivity(tx, { personId: a.personId, type: a.type, subject: a.subject ?? null, source: a.source ?? null, medium: a.medium ?? null, campaign: a.campaign ?? null, data: driverValue(activities.data, a.data), occurredAt: now });
  // Scores follow the log at once, in the same transaction; the score's UPDATE also stamps the person's last activity.
  await rescorePerson(tx, a.personId, now, { activityAt: now });
}
