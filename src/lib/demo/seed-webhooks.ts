// Demo hand-offs: a CRM webhook that has been receiving hot leads, new leads
// and won deals for a week (most delivered, one retrying, one dead after the
// CRM's outage), and a WeCom sales-group robot, paused. The events are the
// real payloads of the demo's best leads and latest won deals.
import { and, desc, eq, inArray } from 'drizzle-orm';
import { deals, people, webhookDeliveries, webhooks } from '../../../db/tables';
import { writeTransaction, type Db } from '../platform/db';
import { explainScore } from '../leads/rescore';
import { emitDealWon, emitLeadEvent, forgetWebhooks } from '../webhooks/events';
import { newWebhookSecret } from '../webhooks/signing';

const HOUR = 3_600_000;

export async function seedWebhooks(db: Db, now: Date): Promise<void> {
  if ((await db.select({ id: webhooks.id }).from(webhooks).limit(1)).length) return;
  const admin = (await db.select({ id: people.id }).from(people).where(eq(people.role, 'admin')).limit(1))[0]?.id ?? null;
  const [crm] = await writeTransaction(db, (tx) =>
    tx
      .insert(webhooks)
      .values([
        { kind: 'json', url: 'https://hooks.fxiaoke.example/flywheel/leads', events: ['lead.created', 'lead.grade_a', 'deal.won'], secret: newWebhookSecret(), description: '纷享销客 CRM 同步', createdBy: admin, createdAt: new Date(now.getTime() - 9 * 24 * HOUR) },
        { kind: 'wecom', url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=demo0000-7b1c-4bc4-97a0-0ec2a1fa5aaa', events: ['lead.grade_a'], secret: '', description: '华东销售群 · A 级线索提醒', active: false, createdBy: admin, createdAt: new Date(now.getTime() - 9 * 24 * HOUR) },
      ])
      .returning(),
  );
  forgetWebhooks();
  const hot = await db.select({ id: people.id }).from(people).where(and(eq(people.grade, 'A'), inArray(people.role, ['lead', 'member']))).orderBy(desc(people.score), desc(people.id)).limit(8);
  const won = await db.select({ id: deals.id }).from(deals).where(eq(deals.outcome, 'won')).orderBy(desc(deals.closedAt), desc(deals.id)).limit(3);
  for (const [i, { id }] of hot.entries()) {
    const at = new Date(now.getTime() - (7 * 24 - i * 19) * HOUR);
    const signals = (await explainScore(db, id, now))?.signals ?? [];
    await writeTransaction(db, async (tx) => {
      await emitLeadEvent(tx, 'lead.created', id, at);
      await emitLeadEvent(tx, 'lead.grade_a', id, new Date(at.getTime() + 2 * HOUR), signals);
    });
  }
  for (const [i, { id }] of won.entries()) await writeTransaction(db, (tx) => emitDealWon(tx, id, new Date(now.getTime() - (30 - i * 9) * HOUR)));
  // Delivered at the first try, but for the CRM's outage: one still retrying, one that gave up.
  const rows = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.webhookId, crm!.id)).orderBy(desc(webhookDeliveries.id));
  await writeTransaction(db, async (tx) => {
    for (const [i, r] of rows.entries()) {
      const at = new Date(r.createdAt.getTime() + 1_500);
      const values =
        i === 0
          ? { attempts: 3, lastStatus: 503, lastError: 'HTTP 503: {"error":"CRM maintenance window"}', lastAttemptAt: new Date(now.getTime() - 0.2 * HOUR), nextAttemptAt: new Date(now.getTime() + 0.5 * HOUR) }
          : i === rows.length - 1
            ? { status: 'dead' as const, attempts: 19, lastStatus: 502, lastError: 'HTTP 502: Bad Gateway', lastAttemptAt: new Date(r.createdAt.getTime() + 72 * HOUR) }
            : { status: 'delivered' as const, attempts: 1, lastStatus: 200, lastAttemptAt: at, deliveredAt: at };
      await tx.update(webhookDeliveries).set(values).where(eq(webhookDeliveries.id, r.id));
    }
  });
}
