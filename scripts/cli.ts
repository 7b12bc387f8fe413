// npm run cli -- <command>: the operator's tools. Each command is a thin
// wrapper over a src/lib function that takes the database as an argument.
import { parseArgs } from 'node:util';
import { count } from 'drizzle-orm';
import { closeDatabase, connectDatabase, openDatabase, sqliteClient, type Db } from '../db/client';
import { databaseLocation, engineOf } from '../db/engine';
import { seedDemoData } from '../src/lib/demo/seed';
import { backupDatabase } from '../src/lib/platform/backup';
import { progressBar } from '../src/lib/platform/progress';
import { people, roles, type Role } from '../db/tables';
import { setRole } from '../src/lib/leads/people';
import { createApiToken, listApiTokens, revokeApiToken } from '../src/lib/auth/api-tokens';
import { findPersonByEmail } from '../src/lib/leads/people';
import { deliverDueMail } from '../src/lib/mail/worker';
import { transportFromEnv } from '../src/lib/mail/transport';
import { queueDueReminders } from '../src/lib/salons/registrations';
import { readSalonSeeds } from '../src/lib/salons/salon-files';
import { importSalons } from '../src/lib/salons/salon-import';
import { getAllSalons } from '../src/lib/salons/catalogue';
import { rescoreAll } from '../src/lib/leads/rescore';
import { leadCsvBatches, leadFilterSchema } from '../src/lib/sales/lead-queries';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

/** DATABASE_URL (PostgreSQL), else DATABASE_PATH (a SQLite file), else data/app.db. */
const location = databaseLocation();
/** The database as messages name it: a PostgreSQL URL without its password. */
const databaseName = ((): string => {
  if (engineOf(location) !== 'postgres') return location;
  try {
    const url = new URL(location);
    if (url.password) url.password = '***';
    return url.href;
  } catch {
    return 'the PostgreSQL database';
  }
})();

type Command = (args: string[]) => Promise<void> | void;

/** Opens (and migrates) the database, runs fn, and closes it whatever happens. */
async function withDatabase<T>(fn: (db: Db) => Promise<T>, open: (location: string) => Promise<Db> = openDatabase): Promise<T> {
  const db = await open(location);
  try {
    return await fn(db);
  } finally {
    await closeDatabase(db);
  }
}

async function countPeople(db: Db): Promise<number> {
  return (await db.select({ n: count() }).from(people))[0]!.n;
}

const commands: Record<string, { usage: string; run: Command }> = {
  'db:migrate': {
    usage: 'db:migrate                 apply pending migrations',
    run: async () => {
      await withDatabase(async () => {});
      console.log(`Migrated ${databaseName}`);
    },
  },
  'db:seed': {
    usage: 'db:seed [--if-empty]       fill the demo data set (idempotent)',
    run: async (args) => {
      const { values } = parseArgs({ args, options: { 'if-empty': { type: 'boolean' } } });
      await withDatabase(async (db) => {
        if (values['if-empty']) {
          const n = await countPeople(db);
          if (n > 0) {
            console.log(`${databaseName} already holds ${n} people; not seeding.`);
            return;
          }
        }
        const bar = progressBar('Seeding', 1400);
        const summary = await seedDemoData(db, { onProgress: (done) => bar.tick(done) });
        bar.done(`Added ${summary.people} people, ${summary.activities} activities, ${summary.registrations} registrations, ${summary.memberships} cohort members, ${summary.coupons} coupons, ${summary.rewards} gifts, ${summary.mails} mails.`);
      });
    },
  },
  'user:add': {
    usage: 'user:add <email> --role member|door|sales|admin   create or promote a person',
    run: async (args) => {
      const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { role: { type: 'string', default: 'member' } } });
      const email = positionals[0];
      if (!email || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) throw new UsageError('user:add needs an email address');
      if (!roles.includes(values.role as Role) || values.role === 'lead') throw new UsageError('--role must be member, door, sales or admin');
      await withDatabase(async (db) => {
        const person = await setRole(db, email, values.role as Role);
        console.log(`${person.email} is now ${person.role} (person #${person.id}).`);
      });
    },
  },
  'token:create': {
    usage: 'token:create <email> [--label text]   an API token for the sales API, printed once',
    run: async (args) => {
      const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { label: { type: 'string' } } });
      await withDatabase(async (db) => {
        const person = positionals[0] ? await findPersonByEmail(db, positionals[0]) : undefined;
        if (!person) throw new UsageError(`token:create needs the email of an existing person (add one with user:add)`);
        if (person.role !== 'sales' && person.role !== 'admin') console.error(`Note: ${person.email} is a ${person.role}; the sales API will answer 403 until they are sales or admin.`);
        const { id, token } = await createApiToken(db, person.id, values.label);
        console.error(`Token #${id} for ${person.email}. It is shown only this once; only its hash is stored.`);
        console.log(token);
      });
    },
  },
  'token:list': {
    usage: 'token:list                 API tokens, without their secrets',
    run: async () => {
      await withDatabase(async (db) => {
        for (const t of await listApiTokens(db)) {
          console.log(`#${t.id}\t${t.email}\t${t.label ?? ''}\tcreated ${t.createdAt.toISOString()}\t${t.revokedAt ? `revoked ${t.revokedAt.toISOString()}` : `last used ${t.lastUsedAt?.toISOString() ?? 'never'}`}`);
        }
      });
    },
  },
  'token:revoke': {
    usage: 'token:revoke <id>          stop a token working',
    run: async (args) => {
      const id = Number(args[0]);
      if (!Number.isInteger(id)) throw new UsageError('token:revoke needs a token number (see token:list)');
      await withDatabase(async (db) => {
        console.log((await revokeApiToken(db, id)) ? `Token #${id} revoked.` : `No live token #${id}.`);
      });
    },
  },
  'mail:send': {
    usage: 'mail:send                  queue due salon reminders, send what the outbox holds that is due, once',
    run: async () => {
      await withDatabase(async (db) => {
        const transport = transportFromEnv();
        // The shipped salons are rows once any process has started; the CLI may be first.
        await importSalons(db, readSalonSeeds());
        const reminders = await queueDueReminders(db, await getAllSalons('en', db));
        if (reminders) console.log(`Queued ${reminders} salon reminders.`);
        let total = { sent: 0, retried: 0, dead: 0 };
        for (;;) {
          const r = await deliverDueMail(db, transport, { limit: 100 });
          total = { sent: total.sent + r.sent, retried: total.retried + r.retried, dead: total.dead + r.dead };
          if (r.sent + r.retried + r.dead < 100) break;
        }
        console.log(`Sent ${total.sent} through ${transport.name}; ${total.retried} will be retried; ${total.dead} failed for good.`);
      });
    },
  },
  'leads:rescore': {
    usage: 'leads:rescore              recompute every lead score from its activities',
    run: async () => {
      await withDatabase(async (db) => {
        const total = await countPeople(db);
        const bar = progressBar('Rescoring', total);
        const started = Date.now();
        const r = await rescoreAll(db, { onProgress: (done) => bar.tick(done) });
        bar.done(`Rescored ${r.rescored} people in ${((Date.now() - started) / 1000).toFixed(1)} s; ${r.changed} changed.`);
      });
    },
  },
  'leads:export': {
    usage: 'leads:export [--grade A,B] [--status mql] [--source x] [--out file.csv]   CSV by score',
    run: async (args) => {
      const { values } = parseArgs({ args, options: { grade: { type: 'string' }, status: { type: 'string' }, source: { type: 'string' }, out: { type: 'string' } } });
      const filter = leadFilterSchema.safeParse({ ...(values.grade ? { grade: values.grade } : {}), ...(values.status ? { status: values.status } : {}), ...(values.source ? { source: values.source } : {}) });
      if (!filter.success) throw new UsageError(filter.error.issues.map((i) => i.message).join(' '));
      await withDatabase(async (db) => {
        const { limit: _l, format: _f, cursor: _c, ...rest } = filter.data;
        const out = values.out ? createWriteStream(values.out) : process.stdout;
        let n = 0;
        // The API's export, chunk for chunk: the same bytes in a file as over HTTP.
        for await (const chunk of leadCsvBatches(db, rest)) {
          // Waits while the file or pipe is behind, so a large export is not held in memory.
          if (!out.write(chunk.text)) await once(out, 'drain');
          if (!chunk.leads) continue;
          n += chunk.leads;
          if (values.out) process.stderr.write(`\rExported ${n} leads`);
        }
        if (values.out) {
          await new Promise<void>((r) => (out as NodeJS.WritableStream).end(r));
          process.stderr.write(`\nWrote ${n} leads to ${values.out}\n`);
        }
      });
    },
  },
  'db:backup': {
    usage: 'db:backup <file>           a consistent copy of the live database (SQLite; use pg_dump for PostgreSQL)',
    run: async (args) => {
      const target = args[0];
      if (!target) throw new UsageError('db:backup needs a file name');
      // Copied as it is: no migration first.
      await withDatabase(
        async (db) => {
          const bar = progressBar('Backing up', 100);
          const pages = await backupDatabase(db, target, (done, total) => bar.tick(Math.round((done / total) * 100))).catch((error: unknown) => {
            // PostgreSQL: the message says to use pg_dump; no stack trace for that.
            throw sqliteClient(db) ? error : new CommandError((error as Error).message);
          });
          bar.done(`Wrote ${target} (${pages} pages).`);
        },
        async (l) => connectDatabase(l),
      );
    },
  },
};

class UsageError extends Error {}
/** A command that cannot do what was asked: its message, no stack, exit code 1. */
class CommandError extends Error {}

function usage(): string {
  return ['Usage: npm run cli -- <command>', '', ...Object.values(commands).map((c) => `  ${c.usage}`)].join('\n');
}

async function main(): Promise<void> {
  const [name, ...args] = process.argv.slice(2);
  const command = name ? commands[name] : undefined;
  if (!command) {
    console.error(name ? `Unknown command: ${name}\n\n${usage()}` : usage());
    process.exit(2);
  }
  try {
    await command.run(args);
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`${(error as Error).message}\n\n${usage()}`);
      process.exit(2);
    }
    if (error instanceof CommandError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

await main();
