// The build the tests run against: the real site plus fixture salons dated
// relative to now (test/fixtures/salons.ts), written to dist-test/ so the
// production build in dist/ never contains them.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURE_EVENTS_DIR, fixtureSalonFiles } from '../test/fixtures/salons';

rmSync(FIXTURE_EVENTS_DIR, { recursive: true, force: true });
mkdirSync(FIXTURE_EVENTS_DIR, { recursive: true });
// The salons as they are (with their translations in zh/), plus the fixtures.
cpSync('content/events', FIXTURE_EVENTS_DIR, { recursive: true });
for (const { file, text } of fixtureSalonFiles()) writeFileSync(join(FIXTURE_EVENTS_DIR, file), text);

const result = spawnSync('astro', ['build'], {
  stdio: 'inherit',
  env: { ...process.env, FLYWHEEL_EVENTS_DIR: FIXTURE_EVENTS_DIR, FLYWHEEL_OUT_DIR: 'dist-test' },
});
process.exit(result.status ?? 1);
