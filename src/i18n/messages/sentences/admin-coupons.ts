// Chinese for the English sentences src/lib writes (coupon batches and packages): the English
// sentence is the key, as in gettext. test/unit/sentences.test.ts finds every
// sentence in src/lib and fails when one has no Chinese here.
export const adminCoupons: Record<string, string> = {
};
