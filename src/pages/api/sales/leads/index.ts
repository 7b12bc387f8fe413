// GET /api/sales/leads: leads by score, JSON with a stable cursor, or CSV streamed.
import type { APIRoute } from 'astro';
import { getDb } from '../../../../lib/platform/db';
import { handle, json, parseWith } from '../../../../lib/platform/http';
import { leadCsvChunks, leadFilterSchema, listLeads } from '../../../../lib/sales/lead-queries';

export const GET: APIRoute = ({ url }) =>
  handle(async () => {
    const filter = parseWith(leadFilterSchema, Object.fromEntries(url.searchParams));
    const db = getDb();
    if (filter.format === 'csv') {
      const { limit: _limit, format: _format, cursor: _cursor, ...rest } = filter;
      const chunks = leadCsvChunks(db, rest);
      const encoder = new TextEncoder();
      const stream = new ReadableStream<Uint8Array>({
        async pull(controller) {
          const next = await chunks.next();
          if (next.done) controller.close();
          else controller.enqueue(encoder.encode(next.value));
        },
        async cancel() {
          await chunks.return(undefined);
        },
      });
      return new Response(stream, { headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="leads.csv"', 'cache-control': 'no-store' } });
    }
    const page = await listLeads(db, filter);
    return json({ leads: page.leads, nextCursor: page.nextCursor });
  });
