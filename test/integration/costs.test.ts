// Campaign costs: one row added or replaced on its month and channel, and the
// CSV import — a preview that writes nothing and says what each row would do,
// then one transaction for the valid rows, with an audit row of the counts.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { auditLog, campaignCosts, partners } from '../../db/tables';
import { costSchema, saveCost } from '../../src/lib/operations/costs';
import { importCosts, parseCsv, previewCostImport } from '../../src/lib/operations/cost-import';
import { setRole } from '../../src/lib/leads/people';
import { HttpError } from '../../src/lib/platform/http';
import { writeTransaction, type Db } from '../../src/lib/platform/db';
import { tempDatabase } from '../support/db';

let db: Db;
let cleanup: () => Promise<void>;
let adminId: number;
beforeEach(async () => {
  ({ db, cleanup } = await tempDatabase());
  adminId = (await setRole(db, 'ops@flywheel.example', 'admin')).id;
  await writeTransaction(db, (tx) => tx.insert(partners).values({ code: 'LANTING', name: 'Lanting', kind: 'agent', sharePercent: 30 }));
});
afterEach(async () => cleanup());

const costs = async () => (await db.select().from(campaignCosts).orderBy(asc(campaignCosts.month), asc(campaignCosts.source))).map((c) => [c.month, c.source, c.medium, c.campaign, c.amountCny, c.partnerId !== null]);

describe('one cost', () => {
  it('is added, then updated on the same month and channel, each with an audit row', async () => {
    const input = costSchema.parse({ month: '2026-10', source: ' Baidu ', medium: 'cpc', campaign: 'brand-sem', amount: '25000', currency: 'cny' });
    expect((await saveCost(db, input, adminId)).kind).toBe('added');
    expect((await saveCost(db, { ...input, amount: 27000, partner: 'LANTING' }, adminId)).kind).toBe('updated');
    expect(await costs()).toEqual([['2026-10', 'baidu', 'cpc', 'brand-sem', 27000, true]]);
    const audit = await db.select().from(auditLog).where(eq(auditLog.entity, 'cost')).orderBy(asc(auditLog.id));
    expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
    expect(audit[1]!.detail?.changes?.amountCny).toEqual({ before: 25000, after: 27000 });
  });

  it('refuses a bad month, a negative amount, another currency, control characters and an unknown partner', async () => {
    const bad = (v: Record<string, unknown>) => costSchema.safeParse({ month: '2026-10', source: 'baidu', amount: 100, currency: 'CNY', ...v }).error?.issues[0]?.message;
    expect(bad({ month: '2026-13' })).toBe('The month is YYYY-MM, such as 2026-11.');
    expect(bad({ amount: -5 })).toBe('The amount cannot be negative.');
    expect(bad({ amount: 12.5 })).toBe('The amount is a whole number of yuan.');
    expect(bad({ currency: 'USD' })).toBe('Costs are in CNY for now: convert the amount to yuan first.');
    expect(bad({ source: 'bai\u0000du' })).toBe('Source, medium and campaign are one line: no line breaks or control characters.');
    expect(bad({ source: '' })).toMatch(/source is required/);
    const e = await saveCost(db, costSchema.parse({ month: '2026-10', source: 'x', amount: 1, partner: 'NOBODY' }), adminId).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(HttpError);
    expect((e as HttpError).fields).toEqual({ partner: 'There is no partner with that code.' });
    expect(await costs()).toEqual([]);
  });
});

describe('the CSV import', () => {
  const csv = [
    'month,source,medium,campaign,partner,amount,currency',
    '2026-10,baidu,cpc,brand-sem,,26000,CNY',
    '2026-10,wechat,cpc,"moments-ads, autumn",,21000,CNY',
    '2026-13,linkedin,cpc,bench,,9000,CNY',
    '2026-10,partner,mdf,lanting,LANTING,5000,',
    '2026-10,baidu,cpc,brand-sem,,1,CNY',
    '2026-10,zhihu,ads,,,300,USD',
  ].join('\r\n');

  it('parses quoted fields with commas and doubled quotes', () => {
    expect(parseCsv('\ufeffa,b\r\n"x, y","say ""hi"""\n')).toEqual([['a', 'b'], ['x, y', 'say "hi"']]);
  });

  it('previews each row — new, replaces, or its error — and writes nothing', async () => {
    await saveCost(db, costSchema.parse({ month: '2026-10', source: 'wechat', medium: 'cpc', campaign: 'moments-ads, autumn', amount: 18000 }), adminId);
    const before = await costs();
    const preview = await previewCostImport(db, csv);
    expect(preview.rows.map((r) => [r.line, r.status, r.message ?? r.previous ?? ''])).toEqual([
      [2, 'new', ''],
      [3, 'replaces', 18000],
      [4, 'error', 'The month is YYYY-MM, such as 2026-11.'],
      [5, 'new', ''],
      [6, 'error', 'Another row of this file has the same month, source, medium and campaign.'],
      [7, 'error', 'Costs are in CNY for now: convert the amount to yuan first.'],
    ]);
    expect(preview.counts).toEqual({ new: 2, replaces: 1, error: 3 });
    expect(await costs()).toEqual(before);
  });

  it('imports the valid rows in one go, with one audit row of the counts', async () => {
    await saveCost(db, costSchema.parse({ month: '2026-10', source: 'wechat', medium: 'cpc', campaign: 'moments-ads, autumn', amount: 18000 }), adminId);
    expect(await importCosts(db, csv, adminId)).toEqual({ added: 2, updated: 1, skipped: 3 });
    expect(await costs()).toEqual([
      ['2026-10', 'baidu', 'cpc', 'brand-sem', 26000, false],
      ['2026-10', 'partner', 'mdf', 'lanting', 5000, true],
      ['2026-10', 'wechat', 'cpc', 'moments-ads, autumn', 21000, false],
    ]);
    const [audit] = await db.select().from(auditLog).where(eq(auditLog.action, 'import'));
    expect(audit).toMatchObject({ entity: 'cost', actorId: adminId });
    expect(audit!.detail?.changes).toEqual({ added: { before: null, after: 2 }, updated: { before: null, after: 1 }, skipped: { before: null, after: 3 } });
  });

  it('refuses a file without the header, one over 2,000 rows, and one with no valid row', async () => {
    const code = async (text: string) => ((await previewCostImport(db, text).catch((e: unknown) => e)) as HttpError).message;
    expect(await code('2026-10,baidu,cpc,brand-sem,,26000,CNY')).toMatch(/first line must be the header/);
    expect(await code(['month,source,amount', ...Array.from({ length: 2001 }, (_, i) => `2026-10,s${i},1`)].join('\n'))).toMatch(/at most 2,000 rows/);
    expect(await code('month,source,amount\n"2026-10,baidu,1')).toMatch(/quote that is never closed/);
    await expect(importCosts(db, 'month,source,amount\n2026-13,baidu,1', adminId)).rejects.toThrow(/No row of this file can be imported/);
    expect(await costs()).toEqual([]);
  });
});
