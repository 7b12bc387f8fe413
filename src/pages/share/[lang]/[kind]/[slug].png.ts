// Share images, prerendered: /share/<en|zh>/articles/<slug>.png for every
// article and case study, /share/<en|zh>/salons/<slug>.png for every salon.
// Pages point at them with shareImagePath() (src/lib/sharing/share-image.ts).
import type { APIRoute, GetStaticPaths } from 'astro';
import { getCollection } from 'astro:content';
import { LOCALES, type Locale } from '../../../../i18n/locales';
import { getAllSalons } from '../../../../lib/salons/catalogue';
import { articleCard, salonCard, shareImagePng, type ShareCard } from '../../../../lib/sharing/share-image';

export const prerender = true;

export const getStaticPaths = (async () => {
  const english = await getCollection('articles');
  const chinese = new Map((await getCollection('articlesZh')).map((a) => [a.id, a.data]));
  const paths: Array<{ params: { lang: Locale; kind: string; slug: string }; props: { card: ShareCard } }> = [];
  for (const lang of LOCALES) {
    // Every article has an image in both languages: an untranslated one keeps its English title under Chinese chrome.
    for (const a of english) paths.push({ params: { lang, kind: 'articles', slug: a.id }, props: { card: articleCard((lang === 'zh' && chinese.get(a.id)) || a.data, lang) } });
    for (const s of await getAllSalons(lang)) paths.push({ params: { lang, kind: 'salons', slug: s.id }, props: { card: salonCard(s, lang) } });
  }
  return paths;
}) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ props }) => {
  const png = await shareImagePng((props as { card: ShareCard }).card);
  return new Response(new Uint8Array(png), { headers: { 'content-type': 'image/png' } });
};
