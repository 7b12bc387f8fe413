// The findings of the hostile review (issue 9), each replayed over HTTP
// against the built server: every test here failed before its fix.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setRole } from '../../src/lib/people';
import { createSession } from '../../src/lib/sessions';
import { startServer, type RunningServer } from '../support/server';

let server: RunningServer;
let memberCookie = '';

beforeAll(async () => {
  server = await startServer({
    prepare: (db) => {
      memberCookie = `fw_session=${createSession(db, setRole(db, 'member@example.com', 'member').id).token}`;
    },
  });
});
afterAll(async () => server?.stop());

describe('open redirect after sign-in', () => {
  it.each(['/%09/evil.example', '/%0a/evil.example', '/%0d/evil.example', '/%E3%80%80/evil.example', '//evil.example', '/%5Cevil.example', 'https://evil.example'])(
    'a signed-in visitor to /login/?next=%s stays on the site',
    async (next) => {
      const res = await fetch(`${server.url}/login/?next=${next}`, { headers: { cookie: memberCookie }, redirect: 'manual' });
      expect(res.status).toBe(302);
      const location = res.headers.get('location')!;
      expect(new URL(location, server.url).origin).toBe(server.url);
      expect(location).toBe('/me/');
    },
  );
});
