// The one controller every HTML form page uses: read the posted form, call the
// use case, and on failure keep what the person typed, put each field's
// message beside its field and answer with the right status (400, 413, 415,
// 429 with Retry-After). Pages stay a few lines; every form behaves the same.
import type { AstroGlobal } from 'astro';
import { HttpError, isDatabaseUnavailable, readBodyText, retryWhileBusy, statusOf, unavailableError } from '../lib/platform/http';

export interface FormState<T> {
  /** True once a POST was handled, successfully or not. */
  submitted: boolean;
  /** What the person sent, as strings, to put back into the form. */
  values: Record<string, string>;
  /** Field name → message, shown beside each field and in the summary. */
  errors: Record<string, string>;
  /** One sentence for the summary at the top ('' when nothing went wrong). */
  message: string;
  /** The use case's answer when it succeeded. */
  result?: T;
}

const FORM_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data']);

/** The posted fields of an HTML form; any other body is refused (never a 500). */
export async function readForm(request: Request): Promise<Record<string, string>> {
  const type = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === 'multipart/form-data') {
    const text = await readBodyText(request); // size cap before parsing
    const form = await new Response(text, { headers: { 'content-type': request.headers.get('content-type') ?? '' } }).formData().catch(() => null);
    if (!form) throw new HttpError('invalid', 'The form could not be read. Please send it again.');
    return Object.fromEntries([...form.entries()].filter((e): e is [string, string] => typeof e[1] === 'string'));
  }
  const text = await readBodyText(request);
  if (!FORM_TYPES.has(type) && text.trim() !== '') throw new HttpError('unsupported_media_type', 'This page takes an HTML form. Please use the form on the page.');
  const fields: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(text)) fields[key] ??= value;
  return fields;
}

/**
 * Handles a POST to the current page with `action(fields)`. HttpErrors become
 * the form's errors and the response status; anything else is a real bug and
 * is rethrown. GET requests return an empty, unsubmitted state.
 */
export async function handleForm<T>(astro: Pick<AstroGlobal, 'request' | 'response'>, action: (fields: Record<string, string>) => Promise<T> | T): Promise<FormState<T>> {
  const state: FormState<T> = { submitted: false, values: {}, errors: {}, message: '' };
  if (astro.request.method !== 'POST') return state;
  state.submitted = true;
  astro.response.headers.set('cache-control', 'no-store');
  try {
    state.values = await readForm(astro.request);
    const values = state.values;
    state.result = await retryWhileBusy(() => action(values));
  } catch (caught) {
    const error = isDatabaseUnavailable(caught) ? unavailableError() : caught;
    if (!(error instanceof HttpError)) throw error;
    state.errors = error.fields ?? {};
    state.message = error.message;
    astro.response.status = statusOf[error.code];
    for (const [name, value] of Object.entries(error.headers)) astro.response.headers.set(name, value);
  }
  return state;
}
