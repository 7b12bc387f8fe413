// Images from a small element tree: satori lays the tree out with our font
// (text becomes vector paths, so no font is needed later) and resvg
// rasterises the SVG to PNG. Pure: the same tree gives the same bytes.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import satori from 'satori';
import { Resvg } from '@resvg/resvg-js';
import { CJK_FONT_FAMILY, cjkFont } from './fonts';

export type Style = Record<string, string | number>;
export interface Node {
  type: string;
  props: { style?: Style; children?: Child | Child[]; src?: string; width?: number; height?: number; lang?: string };
  key: null;
}
export type Child = Node | string | null | undefined | false;

/** An element: h('div', { display: 'flex' }, 'text', h(...)). Falsy children are dropped. */
export function h(type: string, style: Style, ...children: Child[]): Node {
  const kept = children.filter((c): c is Node | string => !!c);
  return { type, props: { style, children: kept.length === 1 ? kept[0] : kept }, key: null };
}

/** An <img> of a PNG or SVG given as bytes. */
export function img(bytes: Buffer | string, mime: 'image/png' | 'image/svg+xml', width: number, height: number, style: Style = {}): Node {
  const src = `data:${mime};base64,${Buffer.from(bytes).toString('base64')}`;
  return { type: 'img', props: { src, width, height, style: { width, height, ...style } }, key: null };
}

let fonts: Parameters<typeof satori>[1]['fonts'] | undefined;

const CACHE_DIR = join(process.cwd(), 'node_modules', '.cache', 'flywheel-images');

/** What else decides the pixels besides the tree: the renderers' and the font's versions. */
function toolVersions(): string {
  const require = createRequire(import.meta.url);
  return ['satori/package.json', '@resvg/resvg-js/package.json', '@expo-google-fonts/noto-sans-sc/package.json'].map((p) => (require(p) as { version: string }).version).join(',');
}

/**
 * renderPng through a content-addressed cache on disk (node_modules/.cache),
 * for public images made at build time: a rebuild redraws only what changed.
 * Never for images with personal data (a member's poster).
 */
export async function renderPublicPng(tree: Node, width: number, height: number): Promise<Buffer> {
  const key = createHash('sha256').update(JSON.stringify([toolVersions(), width, height, tree])).digest('hex');
  const file = join(CACHE_DIR, `${key}.png`);
  try {
    return readFileSync(file);
  } catch {
    // not drawn yet
  }
  const png = await renderPng(tree, width, height);
  try {
    mkdirSync(CACHE_DIR, { recursive: true });
    writeFileSync(`${file}.${process.pid}`, png);
    renameSync(`${file}.${process.pid}`, file);
  } catch {
    // a read-only tree: no cache, same image
  }
  return png;
}

/** The tree drawn at width × height pixels, as PNG bytes. */
export async function renderPng(tree: Node, width: number, height: number): Promise<Buffer> {
  fonts ??= [
    { name: CJK_FONT_FAMILY, data: cjkFont('regular'), weight: 400, style: 'normal' },
    { name: CJK_FONT_FAMILY, data: cjkFont('bold'), weight: 700, style: 'normal' },
  ];
  const svg = await satori(tree as unknown as Parameters<typeof satori>[0], { width, height, fonts });
  return Buffer.from(new Resvg(svg, { fitTo: { mode: 'original' }, font: { loadSystemFonts: false } }).render().asPng());
}
