// Share cards (issue 11): WeChat cuts og:title after about two lines and
// og:description after about three. Every article, case study and salon, in
// both languages, must have a card title and description (shareTitle ??
// title, shareDescription ?? description/summary) that fit, by cardWidth: a
// Chinese character counts 2 units, anything else 1.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { CARD_DESCRIPTION_UNITS, CARD_TITLE_UNITS, cardWidth, shareFields } from '../../src/lib/sharing/card';
import { salonSchema, salonTranslationSchema, translatedSalon } from '../../src/lib/salons/salon-schema';

type Front = Record<string, unknown>;
const front = (path: string): Front => yaml.load(/^---\r?\n([\s\S]*?)\r?\n---/.exec(readFileSync(path, 'utf8'))?.[1] ?? '') as Front;
const files = (dir: string): string[] => readdirSync(dir).filter((f) => f.endsWith('.mdx')).map((f) => join(dir, f));

const content = ['content/articles', 'content/articles/zh', 'content/events', 'content/events/zh'].flatMap(files);

describe('cardWidth', () => {
  it('counts Latin letters, digits, spaces and ASCII punctuation as 1', () => {
    expect(cardWidth('')).toBe(0);
    expect(cardWidth('Cohort 2 is open: 31%!')).toBe(22);
  });
  it('counts Chinese characters, full-width punctuation and Chinese quotes and dashes as 2', () => {
    expect(cardWidth('线索评分')).toBe(8);
    expect(cardWidth('你好，世界！')).toBe(12);
    expect(cardWidth('（一）“好”')).toBe(12);
    expect(cardWidth('等等……——')).toBe(12);
    expect(cardWidth('日本語かなカナ한글')).toBe(18);
  });
  it('mixes both, and treats ¥, ×, – and emoji as narrow (1 per code point)', () => {
    expect(cardWidth('剩余 3 个座位')).toBe(2 + 2 + 1 + 1 + 1 + 2 + 2 + 2);
    expect(cardWidth('¥212 × 3.4–5')).toBe(12);
    expect(cardWidth('👍')).toBe(1);
  });
  it('puts 30 Chinese characters or 60 Latin ones at the title limit', () => {
    expect(cardWidth('转'.repeat(30))).toBe(CARD_TITLE_UNITS);
    expect(cardWidth('x'.repeat(60))).toBe(CARD_TITLE_UNITS);
    expect(CARD_DESCRIPTION_UNITS).toBe(75);
  });
});

describe('share fields in front matter', () => {
  it('accept a value at the limit and reject one past it, saying why', () => {
    expect(shareFields.shareTitle.safeParse('转'.repeat(30)).success).toBe(true);
    const long = shareFields.shareTitle.safeParse('转'.repeat(30) + 'x');
    expect(long.success).toBe(false);
    expect(long.error?.issues[0]?.message).toMatch(/WeChat card.*61 units, at most 60/);
    expect(shareFields.shareDescription.safeParse('d'.repeat(75)).success).toBe(true);
    expect(shareFields.shareDescription.safeParse('d'.repeat(76)).success).toBe(false);
  });

  it('name the field when a salon translation is too long', () => {
    const zh = front('content/events/zh/2026-12-shanghai-scoring-sales-trusts.mdx');
    const result = salonTranslationSchema.safeParse({ ...zh, shareDescription: '这是一条写得太长、在微信卡片上一定会被截断的分享描述，读者只能看到前半句话而已。' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['shareDescription']);
  });

  it('carry a translation’s card lines onto the salon, never the English ones', () => {
    const en = salonSchema.parse(front('content/events/2026-09-shanghai-content-to-pipeline.mdx'));
    const zh = salonTranslationSchema.parse(front('content/events/zh/2026-09-shanghai-content-to-pipeline.mdx'));
    expect(en.shareTitle).toBeTruthy();
    const merged = translatedSalon(en, zh);
    expect(merged.shareDescription).toBe(zh.shareDescription);
    expect(translatedSalon(en, { ...zh, shareTitle: undefined }).shareTitle).toBeUndefined();
  });
});

describe.each(content)('%s', (path) => {
  const f = front(path);
  const title = String(f.shareTitle ?? f.title);
  const description = String(f.shareDescription ?? f.description ?? f.summary);

  it(`has a card title that fits (≤ ${CARD_TITLE_UNITS} units)`, () => {
    expect(cardWidth(title), title).toBeLessThanOrEqual(CARD_TITLE_UNITS);
  });
  it(`has its own card description that fits (≤ ${CARD_DESCRIPTION_UNITS} units)`, () => {
    // Every piece has a line written for the card, not a cut-down summary.
    expect(f.shareDescription, 'shareDescription').toBeTruthy();
    expect(cardWidth(description), description).toBeLessThanOrEqual(CARD_DESCRIPTION_UNITS);
  });
  it('gives a shareTitle only where the title would be cut, and Chinese lines in Chinese files', () => {
    if (f.shareTitle !== undefined) expect(cardWidth(String(f.title))).toBeGreaterThan(CARD_TITLE_UNITS);
    if (path.includes('/zh/')) expect(description).toMatch(/\p{Script=Han}/u);
  });
});
