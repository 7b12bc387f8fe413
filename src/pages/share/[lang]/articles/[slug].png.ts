// Share images of articles and case studies, prerendered:
// /share/<en|zh>/articles/<slug>.png. Pages point at them with shareImagePath()
// (src/lib/sharing/share-image.ts). Salons' images are made on request.
import type { APIRoute, GetStaticPaths } from 'astro';
import { getCollection } from 'astro:content';
import { LOCALES, type Locale } from '../../../../i18n/locales';
import { articleCard, shareImagePng, type ShareCard } from '../../../../lib/sharing/share-image';

export const prerender = true;

export const getStaticPaths = (async () => {
  const english = await getCollection('articles');
  const chinese = new Map((await getCollection('articlesZh')).map((a) => [a.id, a.data]));
  const paths: Array<{ params: { lang: Locale; slug: string }; props: { card: ShareCard } }> = [];
  // Every article has an image in both languages: an untranslated one keeps its English title under Chinese chrome.
  for (const lang of LOCALES) for (const a of english) paths.push({ params: { lang, slug: a.id }, props: { card: articleCard((lang === 'zh' && chinese.get(a.id)) || a.data, lang) } });
  return paths;
}) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ props }) => {
  const png = await shareImagePng((props as { card: ShareCard }).card);
  return new Response(new Uint8Array(png), { headers: { 'content-type': 'image/png' } });
};
