import { describe, expect, it } from 'vitest';
import { decodeAttribution, encodeAttribution, mergeAttribution, touchFromRequest } from '../../src/lib/leads/attribution';

const site = 'https://flywheel.example';

describe('touchFromRequest', () => {
  it('reads utm parameters, lower-cased and trimmed', () => {
    const t = touchFromRequest(new URL(`${site}/articles/x/?utm_source=LinkedIn&utm_medium=CPC&utm_campaign=%20Q4-Bench%20`), null, 1);
    expect(t).toMatchObject({ source: 'linkedin', medium: 'cpc', campaign: 'q4-bench', landing: '/articles/x/', at: 1 });
  });

  it('classifies an external search engine as organic and keeps only its host', () => {
    const t = touchFromRequest(new URL(`${site}/`), 'https://www.google.com/search?q=secret+query', 1);
    expect(t).toMatchObject({ source: 'google.com', medium: 'organic', referrer: 'www.google.com' });
    expect(JSON.stringify(t)).not.toContain('secret');
  });

  it('treats other sites as referrals and ignores our own pages', () => {
    expect(touchFromRequest(new URL(`${site}/`), 'https://news.ycombinator.com/item?id=1', 1)).toMatchObject({ medium: 'referral' });
    expect(touchFromRequest(new URL(`${site}/events/`), `${site}/articles/`, 1)).toBeNull();
  });

  it('keeps referral and partner codes but rejects malformed ones', () => {
    expect(touchFromRequest(new URL(`${site}/?ref=abc123&partner=mekong`), null, 1)).toMatchObject({ ref: 'abc123', partner: 'MEKONG' });
    expect(touchFromRequest(new URL(`${site}/?ref=%3Cscript%3E`), null, 1)).toBeNull();
  });
});

describe('mergeAttribution', () => {
  const first = { source: 'google.com', medium: 'organic', at: 1 };
  const later = { source: 'newsletter', medium: 'email', at: 2 };

  it('keeps the first touch and replaces the last', () => {
    const a = mergeAttribution(mergeAttribution(null, first), later);
    expect(a).toEqual({ first, last: later });
  });

  it('does not let internal navigation overwrite anything', () => {
    const a = mergeAttribution(null, first);
    expect(mergeAttribution(a, null)).toBe(a);
  });

  it('carries a referral code forward until another replaces it', () => {
    const a = mergeAttribution(mergeAttribution(null, { ...first, ref: 'k3y' }), later);
    expect(a?.last.ref).toBe('k3y');
  });
});

describe('cookie encoding', () => {
  it('round-trips and rejects tampering', () => {
    const a = mergeAttribution(null, { source: 'wechat', at: 5 })!;
    expect(decodeAttribution(encodeAttribution(a))).toEqual(a);
    expect(decodeAttribution('not-base64-json')).toBeNull();
    expect(decodeAttribution(Buffer.from('{"first":1}').toString('base64url'))).toBeNull();
    expect(decodeAttribution(undefined)).toBeNull();
  });
});
