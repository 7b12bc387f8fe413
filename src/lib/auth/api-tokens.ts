// API tokens for the sales API: shown once, stored as a SHA-256 hash, revocable.
import { and, eq, isNull } from 'drizzle-orm';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import { writeTransaction, type Db } from '../platform/db';
import { apiTokens, people } from '../../../db/tables';
import { sha256Hex } from '../platform/crypto';
import { randomBytes } from '../platform/random';
import type { SessionPerson } from './sessions';

const PREFIX = 'fw_';

export async function createApiToken(db: Db, personId: number, label?: string): Promise<{ id: number; token: string }> {
  const token = PREFIX + encodeBase32LowerCaseNoPadding(randomBytes(20));
  const row = await writeTransaction(db, async (tx) => (await tx.insert(apiTokens).values({ personId, tokenHash: sha256Hex(token), label: label ?? null }).returning({ id: apiTokens.id }))[0]!);
  return { id: row.id, token };
}

/** The person behind a live token. Lookup is by hash, so no comparison of secrets happens in code. */
export async function validateApiToken(db: Db, token: string, now: Date = new Date()): Promise<SessionPerson | null> {
  if (!token.startsWith(PREFIX) || token.length > 80) return null;
  const row = (
    await db
      .select({ tokenId: apiTokens.id, id: people.id, email: people.email, name: people.name, role: people.role })
      .from(apiTokens)
      .innerJoin(people, eq(people.id, apiTokens.personId))
      .where(and(eq(apiTokens.tokenHash, sha256Hex(token)), isNull(apiTokens.revokedAt)))
  )[0];
  if (!row) return null;
  await writeTransaction(db, async (tx) => {
    await tx.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.tokenId));
  });
  return { id: row.id, email: row.email, name: row.name, role: row.role };
}

export async function revokeApiToken(db: Db, tokenId: number, now: Date = new Date()): Promise<boolean> {
  return writeTransaction(db, async (tx) => (await tx.update(apiTokens).set({ revokedAt: now }).where(and(eq(apiTokens.id, tokenId), isNull(apiTokens.revokedAt))).returning({ id: apiTokens.id })).length === 1);
}

export async function listApiTokens(db: Db, personId?: number): Promise<Array<{ id: number; email: string; label: string | null; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null }>> {
  const q = db
    .select({ id: apiTokens.id, email: people.email, label: apiTokens.label, createdAt: apiTokens.createdAt, lastUsedAt: apiTokens.lastUsedAt, revokedAt: apiTokens.revokedAt })
    .from(apiTokens)
    .innerJoin(people, eq(people.id, apiTokens.personId));
  return personId ? await q.where(eq(apiTokens.personId, personId)) : await q;
}
