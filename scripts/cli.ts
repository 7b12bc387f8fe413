// npm run cli -- <command>: the operator's tools. Each command is a thin
// wrapper over a src/lib function that takes the database as an argument.
import { parseArgs } from 'node:util';
import { openDatabase } from '../db/client';
import { seedDemoData } from '../src/lib/demo/seed';
import { backupDatabase } from '../src/lib/platform/backup';
import { progressBar } from '../src/lib/platform/progress';
import { roles, type Role } from '../db/schema';
import { setRole } from '../src/lib/leads/people';
import { createApiToken, listApiTokens, revokeApiToken } from '../src/lib/auth/api-tokens';
import { findPersonByEmail } from '../src/lib/leads/people';
import { deliverDueMail } from '../src/lib/mail/worker';
import { transportFromEnv } from '../src/lib/mail/transport';
import { queueDueReminders } from '../src/lib/salons/registrations';
import { readSalons } from '../src/lib/salons/salon-files';
import { rescoreAll } from '../src/lib/leads/rescore';
import { iterateLeads, leadFieldNames, leadFilterSchema } from '../src/lib/sales/lead-queries';
import { toCsv } from '../src/lib/platform/csv';
import { createWriteStream } from 'node:fs';

const databasePath = process.env.DATABASE_PATH ?? 'data/app.db';

type Command = (args: string[]) => Promise<void> | void;

const commands: Record<string, { usage: string; run: Command }> = {
  'db:migrate': {
    usage: 'db:migrate                 apply pending migrations',
    run: () => {
      openDatabase(databasePath).$client.close();
      console.log(`Migrated ${databasePath}`);
    },
  },
  'db:seed': {
    usage: 'db:seed [--if-empty]       fill the demo data set (idempotent)',
    run: (args) => {
      const { values } = parseArgs({ args, options: { 'if-empty': { type: 'boolean' } } });
      const db = openDatabase(databasePath);
      if (values['if-empty']) {
        const n = (db.$client.prepare('SELECT count(*) AS n FROM people').get() as { n: number }).n;
        if (n > 0) {
          console.log(`${databasePath} already holds ${n} people; not seeding.`);
          return;
        }
      }
      const bar = progressBar('Seeding', 1400);
      const summary = seedDemoData(db, { onProgress: (done) => bar.tick(done) });
      bar.done(`Added ${summary.people} people, ${summary.activities} activities, ${summary.registrations} registrations, ${summary.memberships} cohort members, ${summary.coupons} coupons, ${summary.rewards} gifts, ${summary.mails} mails.`);
      db.$client.close();
    },
  },
  'user:add': {
    usage: 'user:add <email> --role member|door|sales|admin   create or promote a person',
    run: (args) => {
      const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { role: { type: 'string', default: 'member' } } });
      const email = positionals[0];
      if (!email || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) throw new UsageError('user:add needs an email address');
      if (!roles.includes(values.role as Role) || values.role === 'lead') throw new UsageError('--role must be member, door, sales or admin');
      const db = openDatabase(databasePath);
      const person = setRole(db, email, values.role as Role);
      console.log(`${person.email} is now ${person.role} (person #${person.id}).`);
      db.$client.close();
    },
  },
  'token:create': {
    usage: 'token:create <email> [--label text]   an API token for the sales API, printed once',
    run: (args) => {
      const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { label: { type: 'string' } } });
      const db = openDatabase(databasePath);
      const person = positionals[0] ? findPersonByEmail(db, positionals[0]) : undefined;
      if (!person) throw new UsageError(`token:create needs the email of an existing person (add one with user:add)`);
      if (person.role !== 'sales' && person.role !== 'admin') console.error(`Note: ${person.email} is a ${person.role}; the sales API will answer 403 until they are sales or admin.`);
      const { id, token } = createApiToken(db, person.id, values.label);
      console.error(`Token #${id} for ${person.email}. It is shown only this once; only its hash is stored.`);
      console.log(token);
      db.$client.close();
    },
  },
  'token:list': {
    usage: 'token:list                 API tokens, without their secrets',
    run: () => {
      const db = openDatabase(databasePath);
      for (const t of listApiTokens(db)) {
        console.log(`#${t.id}\t${t.email}\t${t.label ?? ''}\tcreated ${t.createdAt.toISOString()}\t${t.revokedAt ? `revoked ${t.revokedAt.toISOString()}` : `last used ${t.lastUsedAt?.toISOString() ?? 'never'}`}`);
      }
      db.$client.close();
    },
  },
  'token:revoke': {
    usage: 'token:revoke <id>          stop a token working',
    run: (args) => {
      const id = Number(args[0]);
      if (!Number.isInteger(id)) throw new UsageError('token:revoke needs a token number (see token:list)');
      const db = openDatabase(databasePath);
      console.log(revokeApiToken(db, id) ? `Token #${id} revoked.` : `No live token #${id}.`);
      db.$client.close();
    },
  },
  'mail:send': {
    usage: 'mail:send                  queue due salon reminders, send what the outbox holds that is due, once',
    run: async () => {
      const db = openDatabase(databasePath);
      const transport = transportFromEnv();
      const reminders = queueDueReminders(db, readSalons());
      if (reminders) console.log(`Queued ${reminders} salon reminders.`);
      let total = { sent: 0, retried: 0, dead: 0 };
      for (;;) {
        const r = await deliverDueMail(db, transport, { limit: 100 });
        total = { sent: total.sent + r.sent, retried: total.retried + r.retried, dead: total.dead + r.dead };
        if (r.sent + r.retried + r.dead < 100) break;
      }
      console.log(`Sent ${total.sent} through ${transport.name}; ${total.retried} will be retried; ${total.dead} failed for good.`);
      db.$client.close();
    },
  },
  'leads:rescore': {
    usage: 'leads:rescore              recompute every lead score from its activities',
    run: () => {
      const db = openDatabase(databasePath);
      const total = (db.$client.prepare('SELECT count(*) AS n FROM people').get() as { n: number }).n;
      const bar = progressBar('Rescoring', total);
      const started = Date.now();
      const r = rescoreAll(db, { onProgress: (done) => bar.tick(done) });
      bar.done(`Rescored ${r.rescored} people in ${((Date.now() - started) / 1000).toFixed(1)} s; ${r.changed} changed.`);
      db.$client.close();
    },
  },
  'leads:export': {
    usage: 'leads:export [--grade A,B] [--status mql] [--source x] [--out file.csv]   CSV by score',
    run: async (args) => {
      const { values } = parseArgs({ args, options: { grade: { type: 'string' }, status: { type: 'string' }, source: { type: 'string' }, out: { type: 'string' } } });
      const filter = leadFilterSchema.safeParse({ ...(values.grade ? { grade: values.grade } : {}), ...(values.status ? { status: values.status } : {}), ...(values.source ? { source: values.source } : {}) });
      if (!filter.success) throw new UsageError(filter.error.issues.map((i) => i.message).join(' '));
      const db = openDatabase(databasePath);
      const { limit: _l, format: _f, cursor: _c, ...rest } = filter.data;
      const out = values.out ? createWriteStream(values.out) : process.stdout;
      let first = true;
      let n = 0;
      for (const batch of iterateLeads(db, rest)) {
        const csv = toCsv(leadFieldNames, batch.map((l) => leadFieldNames.map((k) => l[k])));
        out.write(first ? csv : csv.slice(csv.indexOf('\n') + 1));
        first = false;
        n += batch.length;
        if (values.out) process.stderr.write(`\rExported ${n} leads`);
      }
      if (first) out.write(toCsv(leadFieldNames, []));
      if (values.out) {
        await new Promise<void>((r) => (out as NodeJS.WritableStream).end(r));
        process.stderr.write(`\nWrote ${n} leads to ${values.out}\n`);
      }
      db.$client.close();
    },
  },
  'db:backup': {
    usage: 'db:backup <file>           a consistent copy of the live database',
    run: async (args) => {
      const target = args[0];
      if (!target) throw new UsageError('db:backup needs a file name');
      const db = openDatabase(databasePath, { migrate: false });
      const bar = progressBar('Backing up', 100);
      const pages = await backupDatabase(db, target, (done, total) => bar.tick(Math.round((done / total) * 100)));
      bar.done(`Wrote ${target} (${pages} pages).`);
      db.$client.close();
    },
  },
};

class UsageError extends Error {}

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
    throw error;
  }
}

await main();
