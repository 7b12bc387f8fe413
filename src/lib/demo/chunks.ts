// The seed's bulk inserts: many rows a statement, in the order given, never
// more than PostgreSQL's 65,535 parameters (or SQLite's 32,766) a statement.
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Tx } from '../platform/db';

/** Rows a statement: 500 rows of the widest seeded table (people, ~21 values a row) stay far below either limit. */
export const CHUNK = 500;

export function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Inserts rows in order, CHUNK rows a statement; `ignoreConflicts` skips rows whose unique key is taken. */
export async function insertChunks<T extends PgTable>(tx: Tx, table: T, rows: Array<T['$inferInsert']>, ignoreConflicts = false): Promise<void> {
  for (const chunk of chunks(rows)) {
    const q = tx.insert(table).values(chunk);
    await (ignoreConflicts ? q.onConflictDoNothing() : q);
  }
}
