// Chromium for the browser tests, driven by playwright-core. Which binary:
// CHROMIUM_PATH if set, else Debian's /usr/bin/chromium, else the Chromium that
// ships inside the @sparticuz/chromium npm package, so `npm install && npm test`
// needs no apt step and no download at test time.
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { CJK_FONT_FAMILY, CJK_FONT_FILES } from '../../src/lib/sharing/fonts';

const COMMON_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export async function resolveChromium(): Promise<{ executablePath: string; args: string[] }> {
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

/**
 * A fontconfig file that keeps the fonts Chromium would see anyway (the
 * system's, or the packaged Chromium's) and adds the Noto Sans SC the site's
 * images use (an npm dependency), so Chinese pages draw glyphs, not boxes, on
 * a machine without CJK fonts. The CSS names it asks for map to it.
 */
export function fontconfigFile(): string {
  const dir = join(tmpdir(), 'flywheel-fontconfig');
  const inherited = process.env.FONTCONFIG_FILE && !process.env.FONTCONFIG_FILE.startsWith(dir) ? process.env.FONTCONFIG_FILE : undefined;
  const base = inherited ?? (process.env.FONTCONFIG_PATH ? join(process.env.FONTCONFIG_PATH, 'fonts.conf') : '/etc/fonts/fonts.conf');
  mkdirSync(join(dir, 'cache'), { recursive: true });
  const alias = (name: string): string => `<alias binding="same"><family>${name}</family><prefer><family>${CJK_FONT_FAMILY}</family></prefer></alias>`;
  const file = join(dir, 'fonts.conf');
  // Test files launch browsers in parallel: write aside, then rename, so no launch reads half a file.
  const draft = `${file}.${process.pid}`;
  writeFileSync(
    draft,
    `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n` +
      `<include ignore_missing="yes">${base}</include>\n` +
      [...new Set(Object.values(CJK_FONT_FILES).map((f) => dirname(f)))].map((d) => `<dir>${d}</dir>\n`).join('') +
      `<cachedir>${join(dir, 'cache')}</cachedir>\n` +
      ['Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei'].map(alias).join('\n') +
      `\n</fontconfig>\n`,
  );
  renameSync(draft, file);
  return file;
}

export async function launchBrowser(): Promise<Browser> {
  const { executablePath, args } = await resolveChromium();
  return chromium.launch({ executablePath, headless: true, args, env: { ...process.env, FONTCONFIG_FILE: fontconfigFile() } });
}
