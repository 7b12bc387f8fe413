// POST /api/admin/markdown-preview { markdown }: the editor's live preview, rendered by the same rules as the page. Admin only.
import type { APIRoute } from 'astro';
import { z } from 'astro/zod';
import { requireAccess } from '../../../lib/auth/access';
import { renderMarkdown } from '../../../lib/content/markdown';
import { handle, json, parseWith, readBody } from '../../../lib/platform/http';

const previewBody = z.strictObject({ markdown: z.string({ error: 'Markdown text expected.' }).max(20_000, { error: 'At most 20000 characters.' }) });

export const POST: APIRoute = ({ request, locals }) =>
  handle(async () => {
    requireAccess('admin', locals.person);
    return json({ html: renderMarkdown(parseWith(previewBody, await readBody(request)).markdown) });
  });
