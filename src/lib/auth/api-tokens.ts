// API tokens for the sales API: shown once, stored as a SHA-256 hash, revocable.
import { and, eq, isNull } from 'drizzle-orm';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import type { Db } from '../platform/db';
import { apiTokens, people } from '../../../db/schema';
import { sha256Hex } from '../platform/crypto';
import { randomBytes } from '../platform/random';
import type { SessionPerson } from './sessions';

const PREFIX = 'fw_';

export function createApiToken(db: Db, personId: number, label?: string): { id: number; token: string } {
  const token = PREFIX + encodeBase32LowerCaseNoPadding(randomBytes(20));
  const row = db.insert(apiTokens).values({ personId, tokenHash: sha256Hex(token), label: label ?? null }).returning({ id: apiTokens.id }).get();
  return { id: row.id, token };
}

/** The person behind a live token. Lookup is by hash, so no comparison of secrets happens in code. */
export function validateApiToken(db: Db, token: string, now: Date = new Date()): SessionPerson | null {
  if (!token.startsWith(PREFIX) || token.length > 80) return null;
  const row = db
    .select({ tokenId: apiTokens.id, id: people.id, email: people.email, name: people.name, role: people.role })
    .from(apiTokens)
    .innerJoin(people, eq(people.id, apiTokens.personId))
    .where(and(eq(apiTokens.tokenHash, sha256Hex(token)), isNull(apiTokens.revokedAt)))
    .get();
  if (!row) return null;
  db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.tokenId)).run();
  return { id: row.id, email: row.email, name: row.name, role: row.role };
}

export function revokeApiToken(db: Db, tokenId: number, now: Date = new Date()): boolean {
  return db.update(apiTokens).set({ revokedAt: now }).where(and(eq(apiTokens.id, tokenId), isNull(apiTokens.revokedAt))).run().changes === 1;
}

export function listApiTokens(db: Db, personId?: number): Array<{ id: number; email: string; label: string | null; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null }> {
  const q = db
    .select({ id: apiTokens.id, email: people.email, label: apiTokens.label, createdAt: apiTokens.createdAt, lastUsedAt: apiTokens.lastUsedAt, revokedAt: apiTokens.revokedAt })
    .from(apiTokens)
    .innerJoin(people, eq(people.id, apiTokens.personId));
  return (personId ? q.where(eq(apiTokens.personId, personId)) : q).all();
}
