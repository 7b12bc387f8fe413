// qrcode's synchronous renderers (its public API is asynchronous only); used so
// a ticket's QR code can be made inside a database transaction.
declare module 'qrcode/lib/renderer/png.js' {
  import type { QRCode } from 'qrcode';
  import type { PNG } from 'pngjs';
  export function render(qr: QRCode, options?: { margin?: number; scale?: number }): PNG;
}
declare module 'qrcode/lib/renderer/svg-tag.js' {
  import type { QRCode } from 'qrcode';
  export function render(qr: QRCode, options?: { margin?: number; color?: { dark?: string; light?: string } }): string;
}
