// The resource PDF: deterministic bytes, the parts a reader relies on (title
// page, contents, sections, tables, page numbers), and no crash on text the
// standard fonts cannot show.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { attachmentDisposition } from '../../src/lib/resources/downloads';
import { resourceMail } from '../../src/lib/resources/mail';
import { pdfSafeText, renderResourcePdf } from '../../src/lib/resources/pdf';
import { pdfPageCount, pdfText, pdfTextRuns } from '../support/pdf';

const meta = { title: '2026 B2B Lead Scoring Benchmark', description: 'How 212 B2B companies weight fit and engagement, and what each grade converts to.', format: 'Report, PDF', publishedAt: new Date('2026-06-12') };
const markdown = readFileSync('content/resources/files/b2b-lead-scoring-benchmark-2026.md', 'utf8');

describe('renderResourcePdf', () => {
  it('gives the same bytes for the same content', async () => {
    const [a, b] = await Promise.all([renderResourcePdf(meta, markdown), renderResourcePdf(meta, markdown)]);
    expect(a.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(a.equals(b)).toBe(true);
    const changed = await renderResourcePdf(meta, markdown.replace('212', '213'));
    expect(changed.equals(a)).toBe(false);
  });

  it('typesets a title page with contents, the sections, tables and numbered pages', async () => {
    const pdf = await renderResourcePdf(meta, markdown);
    const pages = pdfPageCount(pdf);
    expect(pages).toBeGreaterThan(2);
    const runs = pdfTextRuns(pdf);
    const text = runs.join('\n');
    expect(text).toContain('CONTENTS');
    // The contents list each section with the page it starts on.
    const contents = runs.indexOf('CONTENTS');
    expect(runs.slice(contents, contents + 4)).toEqual(['CONTENTS', '1. Key findings', '2', '2. How the models are built']);
    for (const heading of ['1. Key findings', '4. Conversion by grade', '7. Checklist for your next review', 'Method']) expect(runs.filter((r) => r === heading)).toHaveLength(2);
    expect(text).toContain('Median share of points'); // a table header cell
    expect(text).toContain('Competitor domain');
    expect(text).toContain('–40'); // the minus sign, shown as a dash the font has
    for (let p = 1; p <= pages; p++) expect(runs).toContain(`Page ${p} of ${pages}`);
    // The Markdown's own title is not repeated as body text: the title page has it.
    expect(runs.filter((r) => r === '2026 B2B Lead Scoring Benchmark')).toEqual([]);
    expect(pdf.toString('latin1')).toMatch(/\/Title \d+ 0 R/);
    expect(pdf.toString('latin1')).toContain('(2026 B2B Lead Scoring Benchmark)'); // the document title, for viewers and search
  });

  it('does not break on Chinese or other text the standard fonts cannot show', async () => {
    const pdf = await renderResourcePdf({ ...meta, title: '2026 线索评分基准报告' }, '# 线索评分\n\n## 第一部分 → 结果\n\n中文段落，with English.\n\n| 列 | Value |\n|---|---|\n| 甲 | 1 |\n\n- [x] 完成\n');
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdfText(pdf)).toContain('?????with English.');
    expect(pdfSafeText('Ünïcödé — “quotes” − 5 ≥ 3 中文')).toBe('Ünïcödé — “quotes” – 5 >= 3 ??');
  });
});

describe('resource download mail and file name', () => {
  it('names the file after the title, with an ASCII fallback', () => {
    expect(attachmentDisposition('The 30-Seat Salon Playbook', 'pdf')).toBe(`attachment; filename="Flywheel - The 30-Seat Salon Playbook.pdf"; filename*=UTF-8''Flywheel%20-%20The%2030-Seat%20Salon%20Playbook.pdf`);
    expect(attachmentDisposition('线索 "报告"', 'pdf')).toMatch(/^attachment; filename="Flywheel -\.pdf"; filename\*=UTF-8''Flywheel%20-%20%E7%BA%BF/);
  });

  it('carries the link in text and HTML, escapes what it shows, and says how long the link works', () => {
    const mail = resourceMail({ name: '<b>Ann</b>', title: 'The 30-Seat Salon Playbook', description: 'Run-sheet & templates.', kind: 'Playbook', downloadUrl: 'https://flywheel.example/resources/x/download?expires=1&sig=ab', validUntil: '19 November 2026', validDays: 7, resourceUrl: 'https://flywheel.example/resources/x/', demoUrl: 'https://flywheel.example/pricing/#demo' });
    expect(mail.subject).toBe('Your download: The 30-Seat Salon Playbook');
    expect(mail.text).toContain('Download the PDF: https://flywheel.example/resources/x/download?expires=1&sig=ab');
    expect(mail.text).toContain('7 days, until 19 November 2026');
    expect(mail.html).toContain('href="https://flywheel.example/resources/x/download?expires=1&amp;sig=ab"');
    expect(mail.html).toContain('&lt;b&gt;Ann&lt;/b&gt;');
    expect(mail.html).not.toContain('<b>Ann</b>');
    expect(mail.html).toContain('Run-sheet &amp; templates.');
  });
});
