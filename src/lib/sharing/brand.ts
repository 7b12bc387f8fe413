// Flywheel's look in generated images: the palette of src/styles/global.css
// and the wheel mark of src/components/Logo.astro, with the word beside it.
import { h, img, type Node } from './render';

export const COLOR = { paper: '#fbfaf7', paper2: '#f3f0e8', ink: '#14171f', ink2: '#3d4452', ink3: '#5b6372', line: '#e3ded2', ember: '#b93c0b', emberSoft: '#fbe9dd', night: '#111827' } as const;

const MARK = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><circle cx="16" cy="16" r="15" fill="#14171f"/><path d="M16 5a11 11 0 0 1 9.5 5.5L16 16z" fill="#d9541a"/><path d="M25.5 21.5A11 11 0 0 1 16 27v-11z" fill="#f3b48c"/><path d="M6.5 21.5A11 11 0 0 1 6.5 10.5L16 16z" fill="#fbe9dd"/><circle cx="16" cy="16" r="3" fill="#fbfaf7"/></svg>`;

/** The mark and the word "Flywheel", `size` pixels tall. */
export function brand(size: number, color: string = COLOR.ink): Node {
  return h('div', { display: 'flex', alignItems: 'center' }, img(MARK, 'image/svg+xml', size, size), h('div', { marginLeft: Math.round(size * 0.3), fontSize: Math.round(size * 0.62), fontWeight: 700, color }, 'Flywheel'));
}

/** Font size for a title: smaller as it gets longer (Chinese characters count double). */
export function titleSize(title: string, sizes: { long: number; medium: number; short: number }): number {
  const width = [...title].reduce((w, ch) => w + (/[\u2e80-\uffff]/.test(ch) ? 2 : 1), 0);
  return width > 80 ? sizes.long : width > 50 ? sizes.medium : sizes.short;
}
