/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    /** The signed-in person (by session cookie or API token), or null. */
    person: import('./lib/auth/sessions').SessionPerson | null;
    session: import('./lib/auth/sessions').Session | null;
    /** The page's language, from its URL (/zh/… is Chinese); set first by the middleware. */
    locale: import('./i18n/locales').Locale;
  }
}
