// QR codes of ticket codes: PNG for mail attachments, SVG for the ticket page.
// qrcode lays out the modules; the PNG is written here as a 1-bit greyscale
// image (zlib from Node): pngjs, through qrcode's renderer, spent 1.3 ms per
// ticket turning each module into 36 RGBA pixels and back to grey.
import { crc32, deflateSync } from 'node:zlib';
import QRCode from 'qrcode';
import { render as renderSvg } from 'qrcode/lib/renderer/svg-tag.js';

/** Pixels per module, and the quiet zone around the code in modules: sharp in mail at about 2 KB. */
const SCALE = 6;
const MARGIN = 2;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Buffer): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

export function qrPng(text: string): Buffer {
  const { size, data } = QRCode.create(text, { errorCorrectionLevel: 'M' }).modules;
  const width = (size + 2 * MARGIN) * SCALE;
  const stride = 1 + Math.ceil(width / 8); // filter byte "none", then 8 pixels a byte, 1 = white
  const raw = Buffer.alloc(stride * width);
  const row = Buffer.alloc(stride);
  for (let y = 0; y < width; y++) {
    const my = Math.floor(y / SCALE) - MARGIN;
    if (y % SCALE === 0) {
      row.fill(0);
      for (let x = 0; x < width; x++) {
        const mx = Math.floor(x / SCALE) - MARGIN;
        const dark = my >= 0 && my < size && mx >= 0 && mx < size && data[my * size + mx];
        if (!dark) row[1 + (x >> 3)]! |= 0x80 >> (x & 7);
      }
    }
    row.copy(raw, y * stride);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(width, 4);
  header.set([1, 0, 0, 0, 0], 8); // bit depth 1, greyscale, deflate, no filter method beyond "none", no interlace
  return Buffer.concat([PNG_SIGNATURE, chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

export function qrSvg(text: string): string {
  return renderSvg(QRCode.create(text, { errorCorrectionLevel: 'M' }), { margin: MARGIN, color: { dark: '#14171f', light: '#ffffff' } });
}
