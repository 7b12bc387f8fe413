// The CJK font every generated image and PDF uses: Noto Sans SC (SIL Open Font
// License 1.1), shipped through npm by @expo-google-fonts/noto-sans-sc as
// static TTFs, of which we use two weights. It covers Latin as well as
// Simplified Chinese, so one family serves both languages. The test browser
// sees the same files through fontconfig (test/support/browser.ts).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export const CJK_FONT_FAMILY = 'Noto Sans SC';

const packageDir = dirname(createRequire(import.meta.url).resolve('@expo-google-fonts/noto-sans-sc/package.json'));

/** The two weights we ship, as file paths (each in a folder of its own in the package). */
export const CJK_FONT_FILES = {
  regular: join(packageDir, '400Regular', 'NotoSansSC_400Regular.ttf'),
  bold: join(packageDir, '700Bold', 'NotoSansSC_700Bold.ttf'),
} as const;

export type CjkWeight = keyof typeof CJK_FONT_FILES;

const loaded = new Map<CjkWeight, Buffer>();

/** The font file's bytes, read once per process (about 10 MB each). */
export function cjkFont(weight: CjkWeight): Buffer {
  let data = loaded.get(weight);
  if (!data) {
    data = readFileSync(CJK_FONT_FILES[weight]);
    loaded.set(weight, data);
  }
  return data;
}
