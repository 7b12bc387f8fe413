// POST /api/admin/coupons/batches: prefix, count, percentOff, expiresAt, description (+ package,
// redemptionLimit) → 201 { batchId, codes }. GET: every batch with its counts.
import type { APIRoute } from 'astro';
import { getDb } from '../../../../lib/platform/db';
import { handle, json, readBody } from '../../../../lib/platform/http';
import { requireAccess } from '../../../../lib/auth/access';
import { createCouponBatchFrom, listCouponBatches } from '../../../../lib/operations/coupon-batches';

export const POST: APIRoute = ({ request, locals }) =>
  handle(async () => {
    const admin = requireAccess('admin', locals.person);
    const { batch, codes } = await createCouponBatchFrom(getDb(), await readBody(request), admin.id);
    return json({ batchId: batch.id, codes }, 201);
  });

export const GET: APIRoute = ({ locals }) =>
  handle(async () => {
    requireAccess('admin', locals.person);
    return json({ batches: await listCouponBatches(getDb()) });
  });
