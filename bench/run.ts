// npm run bench: speed figures, each printed beside a bare baseline measured in
// the same run on the same machine. Needs a build (npm run build).
import { existsSync } from 'node:fs';
import { benchSalons } from './salons';
import { benchLeads } from './leads';
import { printTable } from './stats';

if (!existsSync('dist/server/entry.mjs')) {
  console.error('No build found: run `npm run build` first.');
  process.exit(1);
}
console.log(`Flywheel bench — Node ${process.version}, ${new Date().toISOString()}`);
const only = process.argv[2];
if (!only || only === 'salons') printTable('Salon registration (POST /api/events/<slug>/register)', await benchSalons());
if (!only || only === 'leads') printTable('Leads at scale (sales API over HTTP)', await benchLeads());
