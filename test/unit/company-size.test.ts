import { describe, expect, it } from 'vitest';
import { parseCompanySize } from '../../src/lib/leads/company-size';
describe('company size answers', () => {
  it('maps numbers, ranges, N+, words and Chinese answers to a band; empty is not given; nonsense is refused', () => {
    const cases: Array<[string, unknown]> = [['', undefined], ['  ', undefined], ['350', '201-1000'], ['200-999', '201-1000'], ['1000+', '1001-5000'], ['500 employees', '201-1000'], ['100-499人', '201-1000'], ['5000+', '5000+'], ['51-200', '51-200'], ['10000+', '5000+'], ['1,200', '1001-5000'], ['2k', '1001-5000'], ['1000人以上', '1001-5000'], ['少于10人', '1-10'], ['huge', null], ['0', null], ['500-100', null], ['约 300 人', '201-1000'], ['1万+', '5000+'], ['8', '1-10'], ['50', '11-50'], ['1-10', '1-10']];
    for (const [raw, band] of cases) expect([raw, parseCompanySize(raw)]).toEqual([raw, band]);
  });
});
