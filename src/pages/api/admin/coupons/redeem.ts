// POST /api/admin/coupons/redeem { code, note? } → 200 { code, percentOff, ... }; 404 unknown code,
// 409 conflict (already redeemed, or the batch's limit reached), 409 closed (expired).
import type { APIRoute } from 'astro';
import { getDb } from '../../../../lib/platform/db';
import { handle, json, jsonError, parseWith, readBody } from '../../../../lib/platform/http';
import { requireAccess } from '../../../../lib/auth/access';
import { redeemCoupon, redeemSchema, redemptionRefusal } from '../../../../lib/operations/coupons';

export const POST: APIRoute = ({ request, locals }) =>
  handle(async () => {
    const admin = requireAccess('admin', locals.person);
    const input = parseWith(redeemSchema, await readBody(request));
    const outcome = await redeemCoupon(getDb(), { ...input, staffId: admin.id });
    if (outcome.kind !== 'redeemed') {
      const refusal = redemptionRefusal(outcome)!;
      return jsonError(refusal.code, refusal.message);
    }
    const c = outcome.coupon;
    return json({ code: c.code, percentOff: c.percentOff, description: c.description, expiresAt: c.expiresAt, redeemedAt: c.redeemedAt, batchId: c.batchId, note: c.redeemedNote });
  });
