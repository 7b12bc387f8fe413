// How much of a title or description a WeChat share card shows. The card cuts
// og:title after about two lines (≈ 30 Chinese characters, ≈ 60 Latin ones) and
// og:description after about three (≈ 36 Chinese, ≈ 75 Latin). One measure
// covers both scripts: a full-width (CJK) character counts 2 units, anything
// else 1. Content front matter may carry shareTitle / shareDescription; the
// schemas below reject one that would be cut, naming the field.
import { z } from 'astro/zod';

export const CARD_TITLE_UNITS = 60;
export const CARD_DESCRIPTION_UNITS = 75;

/**
 * Han, kana, Hangul, CJK punctuation and full-width forms: what takes two Latin
 * widths on the card. Curly quotes, the em dash and the ellipsis count 2 too:
 * Chinese text uses them (“”、——、……) and a Chinese phone font sets them full
 * width, so the measure never promises room the card does not have.
 */
const WIDE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff01-\uff60\uffe0-\uffe6\u2018\u2019\u201c\u201d\u2014\u2026]/u;

/** The card width of a text: 2 units a CJK (full-width) character, 1 any other. */
export function cardWidth(text: string): number {
  let units = 0;
  for (const ch of text) units += WIDE.test(ch) ? 2 : 1;
  return units;
}

const fitting = (limit: number, what: string) =>
  z
    .string()
    .min(1)
    .refine((v) => cardWidth(v) <= limit, {
      error: (issue) => `too long for the WeChat card's ${what}: ${cardWidth(String(issue.input))} units, at most ${limit} (a Chinese character counts 2)`,
    });

/** Front-matter fields: what a share card shows instead of the title and description. */
export const shareFields = {
  shareTitle: fitting(CARD_TITLE_UNITS, 'title').optional(),
  shareDescription: fitting(CARD_DESCRIPTION_UNITS, 'description').optional(),
};
