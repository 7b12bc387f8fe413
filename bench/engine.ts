// One engine's half of `npm run bench` (see run.ts): prints its rows as JSON on
// the last line of stdout. TEST_ENGINE and DATABASE_URL say which engine.
import { benchSalons } from './salons';
import { benchLeads } from './leads';

const part = process.argv[2];
const rows = part === 'salons' ? await benchSalons() : await benchLeads();
console.log(JSON.stringify(rows));
