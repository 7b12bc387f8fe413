// POST /api/admin/costs: { source, medium?, campaign?, partner?, month, amount, currency } → 201 added / 200 updated (same month and channel).
import type { APIRoute } from 'astro';
import { requireAccess } from '../../../../lib/auth/access';
import { getDb } from '../../../../lib/platform/db';
import { handle, json, parseWith, readBody } from '../../../../lib/platform/http';
import { costSchema, saveCost } from '../../../../lib/operations/costs';

export const POST: APIRoute = ({ request, locals }) =>
  handle(async () => {
    const admin = requireAccess('admin', locals.person);
    const input = parseWith(costSchema, await readBody(request));
    const { kind, cost } = await saveCost(getDb(), input, admin.id);
    return json({ status: kind, cost: { id: cost.id, month: cost.month, source: cost.source, medium: cost.medium, campaign: cost.campaign, partner: input.partner, amount: cost.amountCny, currency: 'CNY' } }, kind === 'added' ? 201 : 200);
  });
