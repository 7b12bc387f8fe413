// qrcode's synchronous SVG renderer (its public API is asynchronous only); used
// so the ticket page draws its QR code without waiting.
declare module 'qrcode/lib/renderer/svg-tag.js' {
  import type { QRCode } from 'qrcode';
  export function render(qr: QRCode, options?: { margin?: number; color?: { dark?: string; light?: string } }): string;
}
