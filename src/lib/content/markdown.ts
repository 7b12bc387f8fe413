// Markdown that staff type in /admin/ (a salon's description) as HTML for a
// page. Staff text is still user text: raw HTML in it is shown as text, never
// run, and links and images only go to http(s), mailto or the site itself.
import { Marked, type Tokens } from 'marked';

const SAFE_URL = /^(https?:\/\/|mailto:|\/(?!\/)|#)/i;

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const marked = new Marked({
  gfm: true,
  breaks: false,
  renderer: {
    html({ text }: Tokens.HTML | Tokens.Tag): string {
      return escapeHtml(text);
    },
    link({ href, title, tokens }: Tokens.Link): string {
      const inner = this.parser.parseInline(tokens);
      if (!SAFE_URL.test(href.trim())) return inner;
      const external = /^https?:/i.test(href) ? ' rel="noopener nofollow"' : '';
      return `<a href="${escapeHtml(href.trim())}"${title ? ` title="${escapeHtml(title)}"` : ''}${external}>${inner}</a>`;
    },
    image({ href, text }: Tokens.Image): string {
      if (!/^https:\/\//i.test(href.trim())) return escapeHtml(text);
      return `<img src="${escapeHtml(href.trim())}" alt="${escapeHtml(text)}" loading="lazy" decoding="async">`;
    },
  },
});

/** Safe HTML for Markdown typed by staff. */
export function renderMarkdown(markdown: string): string {
  return marked.parse(markdown, { async: false });
}
