// The site's two languages: English at today's URLs, Simplified Chinese under
// /zh/. One place says which locales exist, how a path maps between them, and
// which one a browser's Accept-Language asks for.
export const LOCALES = ['en', 'zh'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

/** BCP 47 tags for <html lang>, hreflang and Intl. */
export const LOCALE_TAGS: Record<Locale, string> = { en: 'en', zh: 'zh-CN' };
/** What Intl formats with: British English dates ("10 Dec 2026"), mainland Chinese ones. */
export const INTL_LOCALES: Record<Locale, string> = { en: 'en-GB', zh: 'zh-CN' };

export function isLocale(value: string | undefined): value is Locale {
  return (LOCALES as readonly string[]).includes(value ?? '');
}

/** The locale a path is in: /zh/… is Chinese, everything else English. */
export function localeOfPath(pathname: string): Locale {
  return /^\/zh(\/|$)/.test(pathname) ? 'zh' : 'en';
}

/** The same page in `locale`: /events/x/ ⇄ /zh/events/x/ (query and hash kept). */
export function pathInLocale(path: string, locale: Locale): string {
  const unprefixed = path.replace(/^\/zh(?=\/|$|\?|#)/, '') || '/';
  const withSlash = unprefixed.startsWith('/') ? unprefixed : `/${unprefixed}`;
  return locale === DEFAULT_LOCALE ? withSlash : `/zh${withSlash === '/' ? '/' : withSlash}`;
}

/**
 * The language a browser prefers among ours, by Accept-Language quality
 * ("zh-CN,zh;q=0.9,en;q=0.8" → zh). Undefined when it names neither.
 */
export function preferredLocale(acceptLanguage: string | null | undefined): Locale | undefined {
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = Number(params.find((p) => p.trim().startsWith('q='))?.trim().slice(2) ?? 1);
      return { tag: tag.trim().toLowerCase(), q: Number.isFinite(q) ? q : 0, index };
    })
    .filter((x) => x.tag && x.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    // Traditional-script Chinese (zh-TW, zh-HK, zh-Hant) is not what we write.
    if (tag === 'zh' || tag === 'zh-cn' || tag === 'zh-sg' || tag.startsWith('zh-hans')) return 'zh';
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
  }
  return undefined;
}
