// Every English sentence the server can show a person (a validation message, a
// refusal in a JSON error) has Chinese: a Chinese visitor never meets an
// English error. The sentences are found in the source, the way gettext's
// xgettext finds message ids, so a new one without Chinese fails here.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { localizeMessage } from '../../src/i18n/errors';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.(ts|astro)$/.test(name) ? [path] : [];
  });
}

/**
 * `error: '…'`, `message: '…'`, `detail: '…'`, `HttpError('code', '…')` and the first field message
 * after it (`HttpError('invalid', '…', { field: '…' })`), `jsonError('code', '…')`, `fail('…')`,
 * `fields.x = '…'`, `fields[name] = '…'`, and a plain-text `new Response('…')`.
 */
const SENTENCE =
  /(?:\berror:\s*|\bmessage:\s*|\bdetail:\s*|HttpError\('[a-z_]+',\s*|(?<=HttpError\('[a-z_]+',\s*'[^']*'),\s*\{\s*\w+:\s*|jsonError\('[a-z_]+',\s*|\bfail\(\s*|\bfields(?:\.\w+|\[[^\]]+\])\s*=\s*|new Response\(\s*)(['`])((?:(?!\1).)+[.?!])\1/g;

export function sentencesIn(source: string): string[] {
  // Template literals with ${…} are matched by the patterns in src/i18n/errors.ts; test them with a sample value.
  return [...source.matchAll(SENTENCE)].map((m) => m[2]!.replace(/\$\{[^}]+\}/g, '9'));
}

const found = [...new Set(['src/lib', 'src/web', 'src/middleware.ts', 'src/pages'].flatMap((root) => (statSync(root).isDirectory() ? files(root) : [root])).flatMap((file) => sentencesIn(readFileSync(file, 'utf8')).map((s) => `${s}`)))];

describe('sentences shown to people', () => {
  it('are found in the source', () => expect(found.length).toBeGreaterThan(50));

  it.each(found)('%s has Chinese', (sentence) => {
    expect(localizeMessage('zh', sentence)).toMatch(/[\u4e00-\u9fff]/);
  });
});
