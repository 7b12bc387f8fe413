// The public origin, for links in mail and API answers.
import { config } from './config';

export function siteUrl(): string {
  return config().siteUrl;
}
