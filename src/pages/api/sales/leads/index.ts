// GET /api/sales/leads: leads by score, JSON with a stable cursor, or CSV streamed.
import type { APIRoute } from 'astro';
import { getDb } from '../../../../lib/platform/db';
import { toCsv } from '../../../../lib/platform/csv';
import { handle, json, parseWith } from '../../../../lib/platform/http';
import { iterateLeads, leadFieldNames, leadFilterSchema, listLeads, type LeadRow } from '../../../../lib/sales/lead-queries';

const csvRow = (l: LeadRow): unknown[] => leadFieldNames.map((k) => l[k]);

export const GET: APIRoute = ({ url }) =>
  handle(async () => {
    const filter = parseWith(leadFilterSchema, Object.fromEntries(url.searchParams));
    const db = getDb();
    if (filter.format === 'csv') {
      const { limit: _limit, format: _format, cursor: _cursor, ...rest } = filter;
      const batches = iterateLeads(db, rest);
      let header = true;
      const stream = new ReadableStream<Uint8Array>({
        async pull(controller) {
          const next = await batches.next();
          if (next.done) {
            if (header) controller.enqueue(new TextEncoder().encode(toCsv(leadFieldNames, [])));
            controller.close();
            return;
          }
          const csv = toCsv(leadFieldNames, next.value.map(csvRow));
          controller.enqueue(new TextEncoder().encode(header ? csv : csv.slice(csv.indexOf('\n') + 1)));
          header = false;
        },
      });
      return new Response(stream, { headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="leads.csv"', 'cache-control': 'no-store' } });
    }
    const page = await listLeads(db, filter);
    return json({ leads: page.leads, nextCursor: page.nextCursor });
  });
