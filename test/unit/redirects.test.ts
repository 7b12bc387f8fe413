import { describe, expect, it } from 'vitest';
import { safeNextPath } from '../../src/lib/content/redirects';

describe('where a redirect after sign-in may go', () => {
  it.each(['/me/', '/community/q/?welcome=1', '/events/x/#register', '/sales/leads/4'])('keeps the on-site path %s', (next) => {
    expect(safeNextPath(next)).toBe(next);
  });

  it.each([
    '//evil.example',
    '/\\evil.example',
    '/\t/evil.example',
    '/\n/evil.example',
    '/\r/evil.example',
    '/\u3000/evil.example',
    '/\u0000x',
    'https://evil.example/',
    'javascript:alert(1)',
    '/ /evil.example',
    '',
    null,
    `/${'a'.repeat(3000)}`,
  ])('refuses %j', (next) => {
    expect(safeNextPath(next)).toBe('/me/');
  });
});
