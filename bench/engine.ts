// One part of `npm run bench` on one engine (see run.ts): prints its rows as
// JSON on the last line of stdout. TEST_ENGINE and DATABASE_URL say which engine.
import type { Row } from './stats';

const part = process.argv[2];
const parts: Record<string, () => Promise<Row[]>> = {
  content: async () => (await import('./content')).benchContent(),
  salons: async () => (await import('./salons')).benchSalons(),
  leads: async () => (await import('./leads')).benchLeads(),
  browser: async () => (await import('./browser')).benchBrowser(),
};
const run = parts[part ?? ''];
if (!run) throw new Error(`unknown bench part "${part}"`);
console.log(JSON.stringify(await run()));
