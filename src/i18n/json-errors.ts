// A JSON error ({ error: { code, message, fields } }) in the caller's language:
// Accept-Language decides; without one, the language of the page that asked.
import { localizeMessage } from './errors';
import { preferredLocale, type Locale } from './locales';

export async function localizeJsonError(response: Response, acceptLanguage: string | null, pageLocale: Locale): Promise<Response> {
  if (response.status < 400 || !response.headers.get('content-type')?.startsWith('application/json')) return response;
  response.headers.append('vary', 'Accept-Language');
  const locale = preferredLocale(acceptLanguage) ?? pageLocale;
  if (locale === 'en') return response;
  const body = (await response.json()) as { error?: { message?: unknown; fields?: Record<string, unknown> } };
  const error = body.error;
  if (error && typeof error.message === 'string') error.message = localizeMessage(locale, error.message);
  if (error?.fields) for (const [name, message] of Object.entries(error.fields)) if (typeof message === 'string') error.fields[name] = localizeMessage(locale, message);
  const headers = new Headers(response.headers);
  headers.delete('content-length');
  headers.set('content-language', locale === 'zh' ? 'zh-CN' : 'en');
  return new Response(JSON.stringify(body), { status: response.status, headers });
}
