// The public origin, for links in mail and API answers.
export function siteUrl(): string {
  return process.env.SITE_URL ?? `http://localhost:${process.env.PORT ?? 4321}`;
}
