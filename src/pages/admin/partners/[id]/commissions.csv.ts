// GET /admin/partners/<id>/commissions.csv: the partner's commission ledger, every state.
import type { APIRoute } from 'astro';
import { getDb } from '../../../../lib/platform/db';
import { jsonError } from '../../../../lib/platform/http';
import { partnerLedgerCsv } from '../../../../lib/operations/commissions';
import { localizeJsonError } from '../../../../i18n/json-errors';

export const GET: APIRoute = async ({ params, request, locals }) => {
  const file = /^\d{1,9}$/.test(params.id ?? '') ? await partnerLedgerCsv(getDb(), Number(params.id), new Date()) : null;
  if (!file) return localizeJsonError(jsonError('not_found', 'There is no such partner.'), request.headers.get('accept-language'), locals.locale);
  return new Response(file.csv, { headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${file.filename}"`, 'cache-control': 'no-store' } });
};
