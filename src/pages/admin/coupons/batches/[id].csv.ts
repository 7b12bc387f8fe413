// GET /admin/coupons/batches/<id>.csv: the batch's codes (code, percent off, expires, state, redeemed at).
import type { APIRoute } from 'astro';
import { getDb } from '../../../../lib/platform/db';
import { handle, jsonError } from '../../../../lib/platform/http';
import { requireAccess } from '../../../../lib/auth/access';
import { couponBatchCsv } from '../../../../lib/operations/coupon-batches';

export const GET: APIRoute = ({ params, locals }) =>
  handle(async () => {
    requireAccess('admin', locals.person);
    const id = Number(params.id);
    const found = /^\d{1,9}$/.test(params.id ?? '') ? await couponBatchCsv(getDb(), id) : null;
    if (!found) return jsonError('not_found', 'There is no such coupon batch.');
    return new Response(found.csv, {
      headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="coupons-${found.batch.prefix.toLowerCase()}-${found.batch.id}.csv"`, 'cache-control': 'no-store' },
    });
  });
