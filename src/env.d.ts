/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    /** The signed-in person (by session cookie or API token), or null. */
    person: import('./lib/sessions').SessionPerson | null;
    session: import('./lib/sessions').Session | null;
  }
}
