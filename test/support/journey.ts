// What every browser journey test shares: a server (started first) and a
// browser for the whole file, both closed afterwards, the two widths each
// journey is walked at, and the screenshots folder.
import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser } from './browser';
import { startServer, type RunningServer, type StartOptions } from './server';

export const SHOTS = 'test-results/screenshots';

export const VIEWPORTS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1280, height: 800 },
] as const;

/** Registers the hooks; read `.server` and `.browser` inside the tests. */
export function journeyHarness(options: StartOptions = {}): { readonly server: RunningServer; readonly browser: Browser } {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    server = await startServer({ ...options, env: { MAIL_WORKER_INTERVAL_MS: '100', ...options.env } });
    browser = await launchBrowser(); // after the server, so a failed launch still leaves its handle for afterAll
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  return {
    get server(): RunningServer {
      if (!server) throw new Error('the server is not running');
      return server;
    },
    get browser(): Browser {
      if (!browser) throw new Error('the browser is not running');
      return browser;
    },
  };
}
