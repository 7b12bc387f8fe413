// Chromium for the browser tests, driven by playwright-core. Which binary:
// CHROMIUM_PATH if set, else Debian's /usr/bin/chromium, else the Chromium that
// ships inside the @sparticuz/chromium npm package, so `npm install && npm test`
// needs no apt step and no download at test time.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const COMMON_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

async function resolveChromium(): Promise<{ executablePath: string; args: string[] }> {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return { executablePath: fromEnv, args: COMMON_ARGS };
  if (existsSync('/usr/bin/chromium')) return { executablePath: '/usr/bin/chromium', args: COMMON_ARGS };
  // Unpacks once to /tmp/chromium (with its own libraries and fonts).
  const { default: packaged } = await import('@sparticuz/chromium');
  packaged.setGraphicsMode = false;
  const executablePath = await packaged.executablePath();
  // Its own flag set minus --single-process / --no-zygote, which make multi-page tests flaky.
  const args = [...new Set([...packaged.args.filter((a) => !/^--(single-process|no-zygote|headless)/.test(a)), ...COMMON_ARGS])];
  return { executablePath, args };
}

export async function launchBrowser(): Promise<Browser> {
  const { executablePath, args } = await resolveChromium();
  return chromium.launch({ executablePath, headless: true, args });
}
