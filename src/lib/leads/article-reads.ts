// Article reads by identified visitors: at most one per article, visitor and day.
import { lockFor, writeTransaction, type Db } from '../platform/db';
import { recordActivity } from './activities';
import { hasRecentActivity } from './rescore';

export async function recordArticleRead(db: Db, personId: number, slug: string, now: Date = new Date()): Promise<boolean> {
  return writeTransaction(db, async (tx) => {
    // Two beacons at once for the same read count once.
    await lockFor(tx, `article-read:${personId}`);
    if (await hasRecentActivity(tx, personId, 'article_read', slug, new Date(now.getTime() - 86_400_000))) return false;
    await recordActivity(tx, { personId, type: 'article_read', subject: slug }, now);
    return true;
  });
}
