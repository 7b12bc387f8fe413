// GET /admin/partners/payable.csv: every commission payable now (past its pending days, not yet paid), by partner.
import type { APIRoute } from 'astro';
import { getDb } from '../../../lib/platform/db';
import { commissionLedger, ledgerCsv } from '../../../lib/operations/commissions';

export const GET: APIRoute = async () => {
  const now = new Date();
  const csv = ledgerCsv(await commissionLedger(getDb(), { payableOnly: true }, now));
  return new Response(csv, { headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="commissions-payable-${now.toISOString().slice(0, 10)}.csv"`, 'cache-control': 'no-store' } });
};
