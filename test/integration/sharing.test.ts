// Sharing over HTTP against the built server: the member's referral poster
// and the salon posters carry QR codes that decode to the right links, share
// images exist at 1200×630 for articles (English and Chinese) and salons, and
// the Chinese resource PDF embeds the CJK font instead of dropping glyphs.
import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { joinCohort } from '../../src/lib/community/cohorts';
import { getProfile } from '../../src/lib/community/profile';
import { setRole } from '../../src/lib/leads/people';
import { renderResourcePdf } from '../../src/lib/resources/pdf';
import { POSTER_SIZE, posterPath } from '../../src/lib/sharing/posters';
import { SHARE_IMAGE_SIZE, shareImagePath } from '../../src/lib/sharing/share-image';
import { sessionCookie } from '../support/people';
import { fixtureIds } from '../support/salons';
import { startServer, type RunningServer } from '../support/server';

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ env: { RATE_LIMITS: 'off' } });
});
afterAll(async () => server?.stop());

async function png(path: string, init: RequestInit = {}): Promise<{ res: Response; image: PNG }> {
  const res = await fetch(server.url + path, { redirect: 'manual', ...init });
  expect(res.status, path).toBe(200);
  expect(res.headers.get('content-type')).toBe('image/png');
  return { res, image: PNG.sync.read(Buffer.from(await res.arrayBuffer())) };
}

function qrText(image: PNG): string | undefined {
  return jsQR(new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.length), image.width, image.height)?.data;
}

describe('the referral poster', () => {
  it("carries the member's name, is private, and its QR is exactly their referral link, in both languages", async () => {
    const email = 'poster.member@harbourline.example';
    const cookie = await sessionCookie(server.db, email, 'member');
    const person = await setRole(server.db, email, 'member');
    await joinCohort(server.db, person.id);
    const code = (await getProfile(server.db, person.id))!.referral.code;
    expect(code).toBeTruthy();
    const link = `${server.url}/r/${code}`; // as the server builds it, on its own SITE_URL

    expect(posterPath({ kind: 'member' }, 'zh')).toBe('/zh/me/poster.png');
    for (const path of [posterPath({ kind: 'member' }, 'en'), posterPath({ kind: 'member' }, 'zh')]) {
      const { res, image } = await png(path, { headers: { cookie } });
      expect(res.headers.get('cache-control')).toMatch(/private/);
      expect([image.width, image.height]).toEqual([POSTER_SIZE.width, POSTER_SIZE.height]);
      expect(qrText(image)).toBe(link);
    }
  });

  it('is not drawn for anonymous visitors', async () => {
    const res = await fetch(`${server.url}/me/poster.png`, { redirect: 'manual' });
    expect([302, 303, 401]).toContain(res.status);
    expect(res.headers.get('content-type') ?? '').not.toContain('image/png');
  });
});

describe('the salon poster', () => {
  it("decodes to the salon's page, the Chinese poster to the Chinese page", async () => {
    const id = fixtureIds.open;
    const en = await png(posterPath({ kind: 'salon', slug: id }, 'en'));
    expect([en.image.width, en.image.height]).toEqual([POSTER_SIZE.width, POSTER_SIZE.height]);
    expect(qrText(en.image)).toBe(`${server.url}/events/${id}/`);
    expect(posterPath({ kind: 'salon', slug: id }, 'zh')).toBe(`/zh/events/${id}/poster.png`);
    const zh = await png(posterPath({ kind: 'salon', slug: id }, 'zh'));
    expect(qrText(zh.image)).toBe(`${server.url}/zh/events/${id}/`);
    expect(zh.image.data.equals(en.image.data)).toBe(false); // drawn in Chinese, not the English poster again
  });

  it('answers 404 for a salon that does not exist', async () => {
    expect((await fetch(`${server.url}/events/no-such-salon/poster.png`)).status).toBe(404);
  });
});

describe('share images', () => {
  it('exist at 1200×630 for an English and a Chinese article and for a salon', async () => {
    const paths = [
      shareImagePath('article', 'harbourline-referrals-pipeline', 'en'),
      shareImagePath('article', 'harbourline-referrals-pipeline', 'zh'),
      shareImagePath('article', 'cohort-2-is-open', 'zh'), // no translation yet: still an image
      shareImagePath('salon', '2026-12-shanghai-scoring-sales-trusts', 'en'),
      shareImagePath('salon', '2026-12-shanghai-scoring-sales-trusts', 'zh'),
    ];
    expect(paths[1]).toBe('/share/zh/articles/harbourline-referrals-pipeline.png');
    const images = [];
    for (const path of paths) {
      const { image } = await png(path);
      expect([image.width, image.height], path).toEqual([SHARE_IMAGE_SIZE.width, SHARE_IMAGE_SIZE.height]);
      images.push(image);
    }
    expect(images[0]!.data.equals(images[1]!.data)).toBe(false);
    expect((await fetch(`${server.url}/share/en/articles/no-such-article.png`)).status).toBe(404);
  });
});

describe('the Chinese resource PDF', () => {
  it('embeds the CJK font with a ToUnicode map, so the Chinese text is there', async () => {
    const markdown = readFileSync('content/resources/files/zh/salon-playbook-template.md', 'utf8');
    const pdf = await renderResourcePdf({ title: '30 人沙龙实战手册', description: '从选题到感谢邮件，每一场沙龙都在用的执行流程。', format: '实战手册，PDF', publishedAt: new Date('2026-08-04'), locale: 'zh' }, markdown);
    const raw = pdf.toString('latin1');
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansSC-(Regular|Bold)/);
    expect(raw).toContain('/FontFile2');
    expect(raw).not.toMatch(/\/BaseFont \/Helvetica/);
    // The ToUnicode maps name the glyphs' characters: the title's are among them.
    const maps = [...raw.matchAll(/(?<!end)stream\r?\n/g)]
      .map((m) => {
        const start = m.index + m[0].length;
        try {
          return inflateSync(pdf.subarray(start, raw.indexOf('endstream', start))).toString('latin1');
        } catch {
          return '';
        }
      })
      .filter((s) => s.includes('begincmap'));
    expect(maps.length).toBeGreaterThan(0);
    const mapped = new Set(maps.join('\n').match(/<[0-9a-f]{4}>/gi)?.map((h) => String.fromCodePoint(parseInt(h.slice(1, 5), 16))));
    for (const ch of '沙龙实战手册签到候补') expect(mapped.has(ch), ch).toBe(true);
  });
});
