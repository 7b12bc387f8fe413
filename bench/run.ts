// npm run bench: speed figures, each printed beside a bare baseline measured in
// the same run on the same machine. Needs the test build (npm run build:test),
// whose fixture salon stays open whatever the date.
import { existsSync } from 'node:fs';
import { benchSalons } from './salons';
import { benchLeads } from './leads';
import { printTable } from './stats';

if (!existsSync('dist-test/server/entry.mjs')) {
  console.error('No build found: run `npm run build:test` first.');
  process.exit(1);
}
console.log(`Flywheel bench — Node ${process.version}, ${new Date().toISOString()}`);
const only = process.argv[2];
if (!only || only === 'salons') printTable('Salon registration (POST /api/events/<slug>/register)', await benchSalons());
if (!only || only === 'leads') printTable('Leads at scale (sales API over HTTP)', await benchLeads());
