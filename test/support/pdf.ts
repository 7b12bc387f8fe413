// Just enough PDF reading for tests of the generated resource PDFs: the page
// count and the text drawn with the standard fonts (hex strings in TJ/Tj).
import { inflateSync } from 'node:zlib';

// The standard fonts' encoding (WinAnsi) is Windows-1252.
const winAnsi = new TextDecoder('windows-1252');

export function pdfPageCount(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
}

/** The text of every text-showing operator, one string per operator, in drawing order. */
export function pdfTextRuns(pdf: Buffer): string[] {
  const raw = pdf.toString('latin1');
  const runs: string[] = [];
  const streams = /(?<!end)stream\r?\n/g;
  let m: RegExpExecArray | null;
  while ((m = streams.exec(raw))) {
    const start = m.index + m[0].length;
    const end = raw.indexOf('endstream', start);
    if (end < 0) break;
    const dict = raw.slice(raw.lastIndexOf('<<', m.index), m.index);
    let content: string;
    try {
      const bytes = pdf.subarray(start, end);
      content = (dict.includes('/FlateDecode') ? inflateSync(bytes) : bytes).toString('latin1');
    } catch {
      continue; // not a content stream we can read (an image, say)
    }
    for (const op of content.matchAll(/\[([^\]]*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g)) {
      const hexes = op[1] !== undefined ? [...op[1].matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => h[1]!) : [op[2]!];
      runs.push(hexes.map((h) => winAnsi.decode(Buffer.from(h, 'hex'))).join(''));
    }
    streams.lastIndex = end;
  }
  return runs;
}

export function pdfText(pdf: Buffer): string {
  return pdfTextRuns(pdf).join('\n');
}
