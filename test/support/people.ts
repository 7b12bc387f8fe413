// People and sessions the tests need before the first request.
import type { Db } from '../../db/client';
import type { Role } from '../../db/tables';
import { setRole } from '../../src/lib/leads/people';
import { createSession } from '../../src/lib/auth/sessions';

/** A Cookie header value signing in a person with this email and role (created if need be). */
export async function sessionCookie(db: Db, email: string, role: Role): Promise<string> {
  const person = await setRole(db, email, role);
  return `fw_session=${(await createSession(db, person.id)).token}`;
}
