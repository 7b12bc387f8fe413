// Headline counts for the operations overview.
import type { Db } from '../platform/db';

export function operationsSummary(db: Db): { people: number; members: number; registrations: number } {
  const n = (sql: string): number => (db.$client.prepare(sql).get() as { n: number }).n;
  return {
    people: n('SELECT count(*) AS n FROM people'),
    members: n('SELECT count(*) AS n FROM memberships'),
    registrations: n("SELECT count(*) AS n FROM registrations WHERE status <> 'cancelled'"),
  };
}
