import type { Row } from './stats';
/** Placeholder until the content bench lands. */
export async function benchContent(): Promise<Row[]> {
  return [];
}
