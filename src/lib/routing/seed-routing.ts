// Demo data for routing: Kevin (weight 2) and Lily (weight 1) in the rotation
// with the leads they were given, routing switched on by operations a month
// ago, and a few A/B leads with their SLA in each state (due soon, met,
// overdue in the unclaimed queue). Written once: nothing is added when the
// rotation already has rows.
import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import { writeTransaction, type Db } from '../platform/db';
import { appendVersion } from '../operations/rule-versions';
import { people, salesRouting } from '../../../db/tables';
import { defaultRouting, ROUTING } from './routing-rules';

const HOUR = 3_600_000;

export async function seedRouting(db: Db, now: Date): Promise<void> {
  await writeTransaction(db, async (tx) => {
    if ((await tx.select({ id: salesRouting.personId }).from(salesRouting).limit(1)).length) return;
    const staff = await tx.select({ id: people.id, email: people.email }).from(people).where(inArray(people.email, ['admin@flywheel.example', 'sales@flywheel.example', 'lily.sun@flywheel.example']));
    const id = (email: string) => staff.find((s) => s.email === email)?.id;
    const [admin, kevin, lily] = [id('admin@flywheel.example'), id('sales@flywheel.example'), id('lily.sun@flywheel.example')];
    if (!admin || !kevin || !lily) return;
    await appendVersion(tx, ROUTING, { ...defaultRouting, enabled: true }, { note: '华东销售团队开启 A/B 线索轮询', actorId: admin, defaults: defaultRouting }, new Date(now.getTime() - 30 * 24 * HOUR));
    await tx.insert(salesRouting).values([
      { personId: kevin, available: true, weight: 2, credit: -1, assignedCount: 38, lastAssignedAt: new Date(now.getTime() - 5 * HOUR) },
      { personId: lily, available: true, weight: 1, credit: 1, assignedCount: 19, lastAssignedAt: new Date(now.getTime() - 26 * HOUR) },
      { personId: admin, available: false, weight: 0 },
    ]);
    const open = await tx
      .select({ id: people.id })
      .from(people)
      .where(and(inArray(people.grade, ['A', 'B']), inArray(people.status, ['new', 'mql']), inArray(people.role, ['lead', 'member']), isNull(people.ownerId)))
      .orderBy(desc(people.score))
      .limit(12);
    const states = [
      { ownerId: kevin, assignedAt: -1, slaDueAt: 2, firstTouchAt: null }, // due in 2 h
      { ownerId: lily, assignedAt: -28, slaDueAt: -22, firstTouchAt: -25 }, // met
      { ownerId: null, assignedAt: null, slaDueAt: -3, firstTouchAt: null }, // overdue, unclaimed
      { ownerId: kevin, assignedAt: -2, slaDueAt: 6, firstTouchAt: null }, // due later today
    ];
    const at = (hours: number | null) => (hours === null ? null : new Date(now.getTime() + hours * HOUR));
    for (const [i, lead] of open.entries()) {
      const s = states[i % states.length]!;
      await tx.update(people).set({ ownerId: s.ownerId, assignedAt: at(s.assignedAt), slaDueAt: at(s.slaDueAt), firstTouchAt: at(s.firstTouchAt) }).where(eq(people.id, lead.id));
    }
  });
}
