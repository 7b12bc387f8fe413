// The two languages' plumbing: catalogues complete in both, plurals and numbers
// through Intl, dates and money as each language writes them, paths between
// the two sites, and Accept-Language read as a suggestion.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { translator } from '../../src/i18n/catalogue';
import { formatDate, formatDateTime, formatMoney } from '../../src/i18n/format';
import { localeOfPath, pathInLocale, preferredLocale } from '../../src/i18n/locales';
import { en } from '../../src/i18n/messages/en/index';
import { zh } from '../../src/i18n/messages/zh/index';

const salonStart = new Date('2026-12-10T10:30:00Z'); // 18:30 in Shanghai, a Thursday

describe('catalogues', () => {
  it('never use one key in two areas (the later area would silently win)', async () => {
    const areas = await Promise.all(readdirSync('src/i18n/messages/en').filter((f) => f !== 'index.ts').map((f) => f.replace(/\.ts$/, '')).map(async (area) => Object.keys(Object.values(await import(`../../src/i18n/messages/en/${area}.ts`))[0] as object)));
    const all = areas.flat();
    expect(all.filter((key, i) => all.indexOf(key) !== i)).toEqual([]);
    expect(all.length).toBe(Object.keys(en).length);
  });

  it('have the same keys, each with the same placeholders, none empty', () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    const placeholders = (v: unknown): string[] => [...JSON.stringify(v).matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();
    for (const key of Object.keys(en) as Array<keyof typeof en>) {
      expect(placeholders(zh[key]), key).toEqual(placeholders(en[key]));
      expect(JSON.stringify(zh[key]).length, key).toBeGreaterThan(2);
    }
  });

  const scratch = mkdtempSync(join(tmpdir(), 'flywheel-i18n-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('fail the type check, naming the key, when the Chinese catalogue lacks one', () => {
    cpSync('src/i18n', join(scratch, 'i18n'), { recursive: true });
    const file = join(scratch, 'i18n/messages/zh/common.ts');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^\s*'nav\.pricing': .*\n/m, ''));
    writeFileSync(join(scratch, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, noEmit: true, target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', skipLibCheck: true }, include: ['i18n'] }));
    const run = spawnSync(process.execPath, [resolve('node_modules/typescript/bin/tsc'), '-p', scratch], { encoding: 'utf8' });
    expect(run.status).not.toBe(0);
    expect(run.stdout).toMatch(/zh\/common\.ts.*Property '+"?nav\.pricing"?'+ is missing/s);
  }, 30_000);
});

describe('t()', () => {
  it('chooses plural forms and formats numbers for each language', () => {
    const t = translator('en');
    expect(t('salon.seatsLeft', { count: 1 })).toBe('1 seat left');
    expect(t('salon.seatsLeft', { count: 1200 })).toBe('1,200 seats left');
    expect(translator('zh')('salon.seatsLeft', { count: 1200 })).toBe('剩余 1,200 个座位');
    expect(translator('zh')('nav.salons')).toBe('线下沙龙');
  });
});

describe('dates and money', () => {
  it('writes a salon time as each language does, in the salon zone', () => {
    expect(formatDateTime('zh', salonStart, 'Asia/Shanghai')).toBe('2026年12月10日 周四 18:30');
    expect(formatDateTime('en', salonStart, 'Asia/Shanghai')).toBe('Thu 10 Dec 2026, 18:30');
    expect(formatDateTime('zh', salonStart, 'Asia/Singapore')).toBe('2026年12月10日 周四 18:30');
    expect(formatDate('zh', salonStart, 'Asia/Shanghai')).toBe('2026年12月10日');
  });

  it('writes money as ¥1,200 in Chinese', () => {
    expect(formatMoney('zh', 1200)).toBe('¥1,200');
    expect(formatMoney('en', 1200)).toBe('CN¥1,200');
  });
});

describe('paths and Accept-Language', () => {
  it('maps a page to its other-language twin and back', () => {
    expect(pathInLocale('/events/x/', 'zh')).toBe('/zh/events/x/');
    expect(pathInLocale('/zh/events/x/', 'en')).toBe('/events/x/');
    expect(pathInLocale('/', 'zh')).toBe('/zh/');
    expect(pathInLocale('/zh/', 'en')).toBe('/');
    expect(pathInLocale('/zh', 'en')).toBe('/');
    expect(pathInLocale('/zh/events/?city=shanghai', 'zh')).toBe('/zh/events/?city=shanghai');
    expect(pathInLocale('/zhongguo/', 'en')).toBe('/zhongguo/'); // not the /zh/ prefix
    expect(localeOfPath('/zh/articles/')).toBe('zh');
    expect(localeOfPath('/zhongguo/')).toBe('en');
  });

  it.each([
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh'],
    ['en-US,en;q=0.9,zh-CN;q=0.8', 'en'],
    ['en;q=0.5, zh;q=0.9', 'zh'],
    ['zh-TW,zh-HK;q=0.9', undefined],
    ['zh-Hans-CN', 'zh'],
    ['fr-FR,de;q=0.8', undefined],
    ['', undefined],
    ['zh;q=0', undefined],
  ])('%j suggests %s', (header, locale) => expect(preferredLocale(header)).toBe(locale));
});
