// The test browser draws Chinese with real glyphs, not "tofu" boxes, on a
// machine with no CJK system font: launchBrowser points Chromium's fontconfig
// at the npm Noto Sans SC. Two different characters in the site's own font
// stack must draw differently, and differently from a character no font has.
import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser';
import { startServer, type RunningServer } from '../support/server';

let server: RunningServer;
let browser: Browser;
beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser(); // after the server, so a failed launch still leaves its handle for afterAll
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('Chinese in the test browser', () => {
  it('draws real glyphs with the site font stack', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 800 } });
    await page.goto(`${server.url}/zh/events/`);
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    mkdirSync('test-results/screenshots', { recursive: true });
    await page.screenshot({ path: 'test-results/screenshots/cjk-font-zh-events-390.png' });
    const shot = async (text: string): Promise<Buffer> => {
      const id = `glyph-${text.codePointAt(0)!.toString(16)}`;
      await page.evaluate(([id, text]) => {
        const span = document.createElement('span');
        span.id = id!;
        span.textContent = text!;
        span.style.cssText = 'position:fixed;top:0;left:0;z-index:9999;font-size:48px;line-height:1;background:#fff;color:#000;font-family:var(--sans)';
        document.body.append(span);
      }, [id, text]);
      const png = await page.locator(`#${id}`).screenshot();
      await page.evaluate((id) => document.getElementById(id)!.remove(), id);
      return png;
    };
    const xian = await shot('线');
    const suo = await shot('索');
    const missing = await shot('\u{10FFFD}'); // a private-use character no font draws
    expect(xian.equals(suo), 'two characters look the same: tofu').toBe(false);
    expect(xian.equals(missing)).toBe(false);
    await page.close();
  });
});
