// Article reads by identified visitors: at most one per article, visitor and day.
import type { Db } from '../platform/db';
import { recordActivity } from './activities';
import { hasRecentActivity } from './rescore';

export function recordArticleRead(db: Db, personId: number, slug: string, now: Date = new Date()): boolean {
  return db.transaction((tx) => {
    if (hasRecentActivity(tx, personId, 'article_read', slug, new Date(now.getTime() - 86_400_000))) return false;
    recordActivity(tx, { personId, type: 'article_read', subject: slug }, now);
    return true;
  }, { behavior: 'immediate' });
}
