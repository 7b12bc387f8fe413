// npm run cli -- <command>: the operator's tools. Each command is a thin
// wrapper over a src/lib function that takes the database as an argument.
import { parseArgs } from 'node:util';
import { openDatabase } from '../db/client';
import { seedDemoData } from '../src/lib/seed';
import { backupDatabase } from '../src/lib/backup';
import { progressBar } from '../src/lib/progress';

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
      bar.done(`Added ${summary.people} people, ${summary.activities} activities, ${summary.registrations} registrations, ${summary.memberships} cohort members.`);
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
