// @ts-check
import { defineConfig, envField } from 'astro/config';
import mdx from '@astrojs/mdx';
import node from '@astrojs/node';
import sitemap from '@astrojs/sitemap';
import { readdirSync } from 'node:fs';
import { precompress } from './scripts/serve/precompress.mjs';

const site = process.env.SITE_URL ?? 'http://localhost:4321';
/** The slugs of the .mdx entries in a content folder. @param {string} dir */
const slugsIn = (dir) => readdirSync(dir).filter((f) => f.endsWith('.mdx')).map((f) => f.replace(/\.mdx$/, ''));
const translatedArticles = new Set(slugsIn('./content/articles/zh'));

export default defineConfig({
  site,
  // The test build (scripts/test-build.ts) goes elsewhere so dist/ never holds fixture salons.
  outDir: process.env.FLYWHEEL_OUT_DIR ?? './dist',
  output: 'server',
  // Middleware mode: the entry's handler only renders; scripts/serve.mjs is the server and answers files itself.
  adapter: node({ mode: 'middleware' }),
  integrations: [
    mdx(),
    // Only public, indexable pages: member, staff and utility pages stay out.
    // Each page is listed with its other-language twin as an xhtml:link alternate.
    // Prerendered Chinese pages are files under src/pages/zh/; on-demand ones
    // (home, the salon list) are served from the English routes, so they are added here.
    // A Chinese article page that only says "not translated yet" is noindex: left out.
    sitemap({
      i18n: { defaultLocale: 'en', locales: { en: 'en', zh: 'zh-CN' } },
      customPages: ['/zh/', '/zh/events/', '/pricing/', '/zh/pricing/'].map((p) => new URL(p, site).href),
      // Salons are rows, not files: their pages are listed per request by src/pages/sitemap-salons.xml.ts.
      customSitemaps: [new URL('/sitemap-salons.xml', site).href],
      filter: (page) => {
        const path = new URL(page).pathname;
        if (/^(\/zh)?\/(sales|admin|me|login|r|door|community\/q|forbidden|not-found|request|unsubscribe|subscribe)(\/|$)/.test(path)) return false;
        const article = /^\/zh\/articles\/([a-z0-9-]+)\/$/.exec(path)?.[1];
        return !article || translatedArticles.has(article);
      },
    }),
    // Last, so the sitemap files are written before it runs: .br and .gz beside every static text file.
    precompress(),
  ],
  // English at today's URLs, Simplified Chinese under /zh/ (src/middleware.ts serves a
  // Chinese URL without a page of its own through the English route, in Chinese).
  i18n: {
    locales: ['en', { path: 'zh', codes: ['zh-CN', 'zh'] }],
    defaultLocale: 'en',
    routing: { prefixDefaultLocale: false },
  },
  trailingSlash: 'ignore',
  // The origin check runs in src/middleware.ts instead, so APIs answer it in their JSON error shape.
  security: { checkOrigin: false },
  build: { inlineStylesheets: 'always' },
  env: {
    schema: {
      DATABASE_PATH: envField.string({ context: 'server', access: 'public', default: 'data/app.db' }),
      MAIL_DIR: envField.string({ context: 'server', access: 'public', default: 'data/mail' }),
      MAIL_FROM: envField.string({ context: 'server', access: 'public', default: 'Flywheel <hello@flywheel.example>' }),
      SITE_URL: envField.string({ context: 'server', access: 'public', optional: true }),
      RESEND_API_KEY: envField.string({ context: 'server', access: 'secret', optional: true }),
    },
  },
});
