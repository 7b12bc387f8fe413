// A gated resource's Markdown (content/resources/files/*.md) typeset as a PDF:
// a title page with the contents, then the sections with headings, lists,
// check-lists, quotes and tables, a running footer with page numbers, and
// bookmarks. Deterministic: the same Markdown and metadata give the same bytes
// (the creation date is the resource's publication date, the file id derives
// from the metadata), so a download can be cached and compared.
//
// English PDFs use the standard PDF fonts (no font to embed), which cover
// Western European text; characters they cannot show become "?" instead of
// breaking the file. Chinese PDFs (locale 'zh') embed a subset of Noto Sans SC
// (src/lib/sharing/fonts.ts), with a ToUnicode map so text can be searched
// and copied, and use Chinese words for the contents and page numbers.
import PDFDocument from 'pdfkit';
import { Lexer, type Token, type Tokens } from 'marked';
import { INTL_LOCALES, type Locale } from '../../i18n/locales';
import { translator } from '../../i18n/catalogue';
import { cjkFont } from '../sharing/fonts';

export interface ResourceMeta {
  title: string;
  description: string;
  /** "Report, PDF": shown on the title page before the date. */
  format: string;
  publishedAt: Date;
  /** The language the file is written in: 'zh' typesets with the CJK font. English by default. */
  locale?: Locale;
}

const COLOR = { ink: '#14171f', body: '#3d4452', muted: '#5b6372', ember: '#b93c0b', line: '#e3ded2', paper: '#f3f0e8' } as const;
interface FontSet { regular: string; bold: string; italic: string; boldItalic: string; serif: string; mono: string }
const STANDARD_FONTS: FontSet = { regular: 'Helvetica', bold: 'Helvetica-Bold', italic: 'Helvetica-Oblique', boldItalic: 'Helvetica-BoldOblique', serif: 'Times-Bold', mono: 'Courier' };
// Chinese has no italics: emphasis and headings are bold, code stays in the same face.
const CJK_FONTS: FontSet = { regular: 'NotoSansSC', bold: 'NotoSansSC-Bold', italic: 'NotoSansSC', boldItalic: 'NotoSansSC-Bold', serif: 'NotoSansSC-Bold', mono: 'NotoSansSC' };
const PAGE = { size: 'A4', margins: { top: 64, bottom: 72, left: 64, right: 64 } } as const;
const BODY_SIZE = 10.5;
const LINE_GAP = 3.5;

type Doc = InstanceType<typeof PDFDocument>;

// ---------------------------------------------------------------------------
// Text the standard fonts can encode (WinAnsi). Everything else is replaced.

const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
const SUBSTITUTES: Record<string, string> = { '−': '–', '‐': '-', '‑': '-', '\u00a0': ' ', '\u2009': ' ', '\u202f': ' ', '→': '->', '←': '<-', '≥': '>=', '≤': '<=', '✓': 'v', '☐': '[ ]', '☑': '[x]' };

/** The text as the standard PDF fonts can show it: substitutes, then "?" for what they cannot. */
export function pdfSafeText(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    const sub = SUBSTITUTES[ch];
    if (sub !== undefined) out += sub;
    else if (ch === '\t') out += '    ';
    else if (ch.codePointAt(0)! < 0x20 && ch !== '\n') continue;
    else if (ch.codePointAt(0)! <= 0xff || WIN_ANSI_EXTRA.has(ch)) out += ch;
    else out += '?';
  }
  return out;
}

/** The text as Noto Sans SC can show it: it has every character but a few symbols. */
export function cjkSafeText(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    if (ch === '☐' || ch === '☑' || ch === '\u00a0') out += SUBSTITUTES[ch];
    else if (ch === '\t') out += '    ';
    else if (ch.codePointAt(0)! < 0x20 && ch !== '\n') continue;
    else out += ch;
  }
  return out;
}

/** What differs between the languages: fonts, what the fonts can show, and the few words a PDF itself writes. */
interface Edition {
  font: FontSet;
  safe: (text: string) => string;
  contents: string;
  /** Letter-spacing of the small capitals labels (none in Chinese). */
  labelSpacing: number;
  page: (n: number, of: number) => string;
  monthYear: (d: Date) => string;
  lang: string;
}

/** "August 2026", "2026年8月". */
function monthYear(locale: Locale, date: Date): string {
  return new Intl.DateTimeFormat(INTL_LOCALES[locale], { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
}

const EDITIONS: Record<Locale, Edition> = {
  en: {
    font: STANDARD_FONTS,
    safe: pdfSafeText,
    contents: translator('en')('pdf.contents'),
    labelSpacing: 1.2,
    page: (n, of) => translator('en')('pdf.page', { n: String(n), of: String(of) }),
    monthYear: (d) => monthYear('en', d),
    lang: 'en',
  },
  zh: {
    font: CJK_FONTS,
    safe: cjkSafeText,
    contents: translator('zh')('pdf.contents'),
    labelSpacing: 0,
    page: (n, of) => translator('zh')('pdf.page', { n: String(n), of: String(of) }),
    monthYear: (d) => monthYear('zh', d),
    lang: 'zh-CN',
  },
};

// ---------------------------------------------------------------------------
// Inline Markdown → styled fragments.

interface Fragment {
  text: string;
  bold?: boolean;
  italic?: boolean;
  code?: boolean;
  link?: string;
}

function inlineFragments(tokens: Token[] | undefined, style: Omit<Fragment, 'text'> = {}): Fragment[] {
  const out: Fragment[] = [];
  for (const t of tokens ?? []) {
    switch (t.type) {
      case 'strong': out.push(...inlineFragments(t.tokens, { ...style, bold: true })); break;
      case 'em': out.push(...inlineFragments(t.tokens, { ...style, italic: true })); break;
      case 'codespan': out.push({ ...style, code: true, text: decodeEntities(t.text) }); break;
      case 'link': out.push(...inlineFragments(t.tokens, { ...style, link: t.href })); break;
      case 'br': out.push({ ...style, text: '\n' }); break;
      case 'del': out.push(...inlineFragments(t.tokens, style)); break;
      case 'text':
        if (t.tokens?.length) out.push(...inlineFragments(t.tokens, style));
        else out.push({ ...style, text: decodeEntities(t.text) });
        break;
      case 'checkbox': break;
      default: out.push({ ...style, text: decodeEntities((t as { text?: string }).text ?? t.raw) });
    }
  }
  return out;
}

function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e]!);
}

const plain = (fragments: Fragment[]): string => fragments.map((f) => f.text).join('');

function fontOf(f: Fragment, font: FontSet): string {
  if (f.code) return font.mono;
  if (f.bold && f.italic) return font.boldItalic;
  return f.bold ? font.bold : f.italic ? font.italic : font.regular;
}

// ---------------------------------------------------------------------------
// The typesetter.

class Typesetter {
  readonly doc: Doc;
  readonly left: number = PAGE.margins.left;
  readonly width: number;
  readonly sections: Array<{ title: string; page: number }> = [];
  readonly edition: Edition;
  readonly font: FontSet;
  readonly safe: (text: string) => string;

  constructor(doc: Doc, edition: Edition) {
    this.doc = doc;
    this.edition = edition;
    this.font = edition.font;
    this.safe = edition.safe;
    this.width = doc.page.width - PAGE.margins.left - PAGE.margins.right;
  }

  get bottom(): number {
    return this.doc.page.height - PAGE.margins.bottom;
  }

  /** Starts a new page when less than `height` points are left on this one. */
  ensure(height: number): void {
    if (this.doc.y + height > this.bottom) this.doc.addPage();
  }

  /** A run of styled fragments as one wrapped paragraph. */
  fragments(fragments: Fragment[], x: number, width: number, options: { size?: number; color?: string; lineGap?: number } = {}): void {
    const doc = this.doc;
    const parts = fragments.map((f) => ({ ...f, text: this.safe(f.text) })).filter((f) => f.text !== '');
    if (!parts.length) return;
    doc.fontSize(options.size ?? BODY_SIZE).fillColor(options.color ?? COLOR.body);
    parts.forEach((f, i) => {
      doc.font(fontOf(f, this.font)).fillColor(f.link ? COLOR.ember : (options.color ?? COLOR.body));
      const opts = { continued: i < parts.length - 1, lineGap: options.lineGap ?? LINE_GAP, underline: !!f.link, ...(f.link ? { link: f.link } : {}) };
      if (i === 0) doc.text(f.text, x, doc.y, { ...opts, width });
      else doc.text(f.text, opts);
    });
  }

  heading(text: string, depth: number): void {
    const doc = this.doc;
    const safe = this.safe(text);
    if (depth <= 2) {
      doc.font(this.font.serif).fontSize(18);
      const h = doc.heightOfString(safe, { width: this.width });
      // Keep a heading with at least a few lines of what follows it.
      this.ensure(h + 90);
      doc.moveDown(this.doc.y > PAGE.margins.top + 1 ? 1.1 : 0);
      const y = doc.y;
      doc.save().rect(this.left, y, 28, 3).fill(COLOR.ember).restore();
      doc.y = y + 12;
      doc.font(this.font.serif).fontSize(18).fillColor(COLOR.ink).text(safe, this.left, doc.y, { width: this.width });
      doc.moveDown(0.45);
      const page = doc.bufferedPageRange().start + doc.bufferedPageRange().count;
      this.sections.push({ title: safe, page });
      doc.outline.addItem(safe);
    } else {
      doc.font(this.font.bold).fontSize(12.5);
      this.ensure(doc.heightOfString(safe, { width: this.width }) + 50);
      doc.moveDown(0.6);
      doc.fillColor(COLOR.ink).text(safe, this.left, doc.y, { width: this.width });
      doc.moveDown(0.3);
    }
  }

  paragraph(fragments: Fragment[], x: number = this.left, width: number = this.width, color: string = COLOR.body): void {
    this.doc.font(this.font.regular).fontSize(BODY_SIZE);
    this.ensure(this.doc.currentLineHeight(true) * 2);
    this.fragments(fragments, x, width, { color });
    this.doc.moveDown(0.65);
  }

  list(token: Tokens.List, x: number = this.left, width: number = this.width): void {
    const doc = this.doc;
    const indent = token.ordered ? 20 : 16;
    token.items.forEach((item, i) => {
      doc.font(this.font.regular).fontSize(BODY_SIZE);
      this.ensure(doc.currentLineHeight(true) * 2);
      const y = doc.y;
      if (item.task) {
        const box = 8.5;
        doc.save().lineWidth(0.9).strokeColor(COLOR.muted).rect(x + 1, y + 1.5, box, box).stroke();
        if (item.checked) doc.moveTo(x + 2.8, y + 6).lineTo(x + 5, y + 8.4).lineTo(x + 8.6, y + 3.2).stroke();
        doc.restore();
      } else {
        const marker = token.ordered ? `${(Number(token.start) || 1) + i}.` : '•';
        doc.font(token.ordered ? this.font.bold : this.font.regular).fillColor(token.ordered ? COLOR.ink : COLOR.ember).text(marker, x, y, { width: indent - 4, lineBreak: false });
      }
      doc.y = y;
      this.blocks(item.tokens, x + indent, width - indent, true);
      doc.moveDown(0.25);
    });
    doc.moveDown(0.4);
  }

  quote(token: Tokens.Blockquote): void {
    const doc = this.doc;
    const startPage = doc.bufferedPageRange().count;
    const top = doc.y;
    this.blocks(token.tokens, this.left + 16, this.width - 16, false, COLOR.ink);
    // The bar runs beside the quote on the page where it ends.
    const from = doc.bufferedPageRange().count === startPage ? top : PAGE.margins.top;
    doc.save().rect(this.left, from, 3, Math.max(doc.y - from - 6, 10)).fill(COLOR.ember).restore();
    doc.moveDown(0.3);
  }

  table(token: Tokens.Table): void {
    const doc = this.doc;
    const size = 9.5;
    const pad = 5;
    const header = token.header.map((c) => this.safe(plain(inlineFragments(c.tokens))));
    const rows = token.rows.map((r) => r.map((c) => this.safe(plain(inlineFragments(c.tokens)))));
    const widths = this.columnWidths(header, rows, size, pad);
    const rowHeight = (cells: string[], font: string): number =>
      Math.max(...cells.map((c, i) => doc.font(font).fontSize(size).heightOfString(c || ' ', { width: widths[i]! - 2 * pad, lineGap: 1.5 }))) + 2 * pad;
    const drawRow = (cells: string[], head: boolean): void => {
      const font = head ? this.font.bold : this.font.regular;
      const h = rowHeight(cells, font);
      const y = doc.y;
      if (head) doc.save().rect(this.left, y, this.width, h).fill(COLOR.paper).restore();
      let x = this.left;
      cells.forEach((cell, i) => {
        const w = widths[i]!;
        const align = token.align[i] === 'right' ? 'right' : token.align[i] === 'center' ? 'center' : 'left';
        doc.font(font).fontSize(size).fillColor(head ? COLOR.ink : COLOR.body).text(cell, x + pad, y + pad, { width: w - 2 * pad, lineGap: 1.5, align });
        x += w;
      });
      doc.save().lineWidth(head ? 1 : 0.6).strokeColor(head ? COLOR.muted : COLOR.line).moveTo(this.left, y + h).lineTo(this.left + this.width, y + h).stroke().restore();
      doc.y = y + h;
    };
    this.ensure(rowHeight(header, this.font.bold) + rowHeight(rows[0] ?? header, this.font.regular) + 8);
    doc.moveDown(0.2);
    drawRow(header, true);
    for (const row of rows) {
      if (doc.y + rowHeight(row, this.font.regular) > this.bottom) {
        doc.addPage();
        drawRow(header, true); // the header again on the next page
      }
      drawRow(row, false);
    }
    doc.x = this.left;
    doc.moveDown(1);
  }

  /** Column widths in proportion to their longest word and text, never narrower than the longest word. */
  private columnWidths(header: string[], rows: string[][], size: number, pad: number): number[] {
    const doc = this.doc;
    const measure = (s: string, font: string): number => doc.font(font).fontSize(size).widthOfString(s);
    const cols = header.map((h, i) => {
      const cells = [h, ...rows.map((r) => r[i] ?? '')];
      const longestWord = Math.max(...cells.flatMap((c, j) => c.split(/\s+/).map((w) => measure(w, j === 0 ? this.font.bold : this.font.regular))));
      const natural = Math.max(...cells.map((c, j) => measure(c, j === 0 ? this.font.bold : this.font.regular)));
      return { min: longestWord + 2 * pad, natural: natural + 2 * pad };
    });
    const total = cols.reduce((s, c) => s + c.natural, 0);
    if (total <= this.width) return cols.map((c) => (c.natural / total) * this.width);
    const minTotal = cols.reduce((s, c) => s + c.min, 0);
    const spare = Math.max(this.width - minTotal, 0);
    const extra = cols.reduce((s, c) => s + (c.natural - c.min), 0) || 1;
    return cols.map((c) => c.min + ((c.natural - c.min) / extra) * spare);
  }

  code(text: string): void {
    const doc = this.doc;
    const safe = this.safe(text);
    doc.font(this.font.mono).fontSize(9);
    const h = doc.heightOfString(safe, { width: this.width - 20 }) + 16;
    this.ensure(Math.min(h, 200));
    const y = doc.y;
    doc.save().rect(this.left, y, this.width, h).fill(COLOR.paper).restore();
    doc.fillColor(COLOR.ink).text(safe, this.left + 10, y + 8, { width: this.width - 20 });
    doc.y = y + h;
    doc.moveDown(0.8);
  }

  rule(): void {
    const doc = this.doc;
    doc.moveDown(0.5);
    doc.save().lineWidth(0.6).strokeColor(COLOR.line).moveTo(this.left, doc.y).lineTo(this.left + this.width, doc.y).stroke().restore();
    doc.moveDown(1);
  }

  blocks(tokens: Token[], x: number = this.left, width: number = this.width, tight = false, color: string = COLOR.body): void {
    for (const t of tokens) {
      switch (t.type) {
        case 'heading': this.heading(plain(inlineFragments(t.tokens)), t.depth); break;
        case 'paragraph': this.paragraph(inlineFragments(t.tokens), x, width, color); break;
        case 'text':
          if (tight) {
            this.fragments(inlineFragments(t.tokens ?? [{ type: 'text', raw: t.text, text: t.text }]), x, width, { color });
            this.doc.moveDown(0.15);
          } else this.paragraph(inlineFragments(t.tokens ?? [{ type: 'text', raw: t.text, text: t.text }]), x, width, color);
          break;
        case 'list': this.list(t as Tokens.List, x, width); break;
        case 'blockquote': this.quote(t as Tokens.Blockquote); break;
        case 'table': this.table(t as Tokens.Table); break;
        case 'code': this.code(t.text); break;
        case 'hr': this.rule(); break;
        case 'space': break;
        case 'html': break; // raw HTML has no place in a PDF
        default: if ('text' in t && typeof t.text === 'string') this.paragraph([{ text: t.text }], x, width, color);
      }
    }
  }
}

// ---------------------------------------------------------------------------
// The document: title page, body, contents, footers.

function titlePage(t: Typesetter, meta: ResourceMeta, intro: Fragment[] | undefined): number {
  const doc = t.doc;
  doc.save().rect(0, 0, doc.page.width, 10).fill(COLOR.ember).restore();
  doc.font(t.font.serif).fontSize(16).fillColor(COLOR.ink).text('Flywheel', t.left, 56, { width: t.width });
  doc.moveDown(5);
  doc.font(t.font.bold).fontSize(9).fillColor(COLOR.ember).text(t.safe(`${meta.format.split(/[,，]/)[0]} · ${t.edition.monthYear(meta.publishedAt)}`).toUpperCase(), { width: t.width, characterSpacing: t.edition.labelSpacing });
  doc.moveDown(0.8);
  doc.font(t.font.serif).fontSize(32).fillColor(COLOR.ink).text(t.safe(meta.title), { width: t.width, lineGap: 2 });
  doc.moveDown(0.6);
  doc.font(t.font.regular).fontSize(13).fillColor(COLOR.body).text(t.safe(meta.description), { width: t.width * 0.9, lineGap: 4 });
  if (intro?.length) {
    doc.moveDown(1);
    t.fragments(intro, t.left, t.width * 0.9, { size: 10.5, color: COLOR.muted });
  }
  doc.moveDown(2.2);
  doc.save().lineWidth(0.6).strokeColor(COLOR.line).moveTo(t.left, doc.y).lineTo(t.left + t.width, doc.y).stroke().restore();
  doc.moveDown(1);
  // The contents are written here once the body is typeset and page numbers are known.
  return doc.y;
}

function contents(t: Typesetter, top: number): void {
  const doc = t.doc;
  doc.switchToPage(0);
  doc.font(t.font.bold).fontSize(9).fillColor(COLOR.muted).text(t.edition.contents, t.left, top, { width: t.width, characterSpacing: t.edition.labelSpacing });
  doc.moveDown(0.6);
  const limit = t.bottom - 30;
  for (const s of t.sections) {
    if (doc.y > limit) break;
    const y = doc.y;
    doc.font(t.font.regular).fontSize(11).fillColor(COLOR.ink).text(s.title, t.left, y, { width: t.width - 40, lineBreak: false, ellipsis: true });
    doc.font(t.font.regular).fontSize(11).fillColor(COLOR.muted).text(String(s.page), t.left + t.width - 40, y, { width: 40, align: 'right' });
    doc.y = y + 19;
  }
}

function footers(t: Typesetter, meta: ResourceMeta): void {
  const doc = t.doc;
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    // Writing inside the bottom margin must not start a new page.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = doc.page.height - 44;
    doc.save().lineWidth(0.5).strokeColor(COLOR.line).moveTo(t.left, y - 8).lineTo(t.left + t.width, y - 8).stroke().restore();
    doc.font(t.font.regular).fontSize(8.5).fillColor(COLOR.muted);
    doc.text(t.safe(`Flywheel · ${meta.title}`), t.left, y, { width: t.width - 90, lineBreak: false, ellipsis: true });
    doc.text(t.edition.page(i + 1, count), t.left + t.width - 90, y, { width: 90, align: 'right', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
}

/** The resource's Markdown as a typeset PDF. */
export function renderResourcePdf(meta: ResourceMeta, markdown: string): Promise<Buffer> {
  const tokens = new Lexer().lex(markdown);
  // The file's own title and its italic standfirst go on the title page.
  let i = 0;
  while (tokens[i]?.type === 'space') i++;
  if (tokens[i]?.type === 'heading' && (tokens[i] as Tokens.Heading).depth === 1) i++;
  while (tokens[i]?.type === 'space') i++;
  let intro: Fragment[] | undefined;
  const first = tokens[i];
  if (first?.type === 'paragraph' && first.tokens?.length === 1 && first.tokens[0]!.type === 'em') {
    intro = inlineFragments(first.tokens);
    i++;
  }

  const edition = EDITIONS[meta.locale ?? 'en'];
  const doc = new PDFDocument({
    size: PAGE.size,
    margins: PAGE.margins,
    bufferPages: true,
    lang: edition.lang,
    displayTitle: true,
    pdfVersion: '1.7',
    info: {
      Title: meta.title, // metadata strings are Unicode: no substitutes needed
      Author: 'Flywheel',
      Subject: meta.description,
      Creator: 'Flywheel',
      Producer: 'Flywheel (PDFKit)',
      CreationDate: meta.publishedAt,
      ModDate: meta.publishedAt,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  if (edition.font === CJK_FONTS) {
    doc.registerFont(CJK_FONTS.regular, cjkFont('regular'));
    doc.registerFont(CJK_FONTS.bold, cjkFont('bold'));
  }
  const t = new Typesetter(doc, edition);
  const contentsTop = titlePage(t, meta, intro);
  doc.addPage();
  t.blocks(tokens.slice(i));
  contents(t, contentsTop);
  footers(t, meta);
  doc.end();
  return done;
}
