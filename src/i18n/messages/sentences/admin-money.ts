// Chinese for the English sentences src/lib writes (partners, commissions, deals, campaign costs and the channel report): the English
// sentence is the key, as in gettext. test/unit/sentences.test.ts finds every
// sentence in src/lib and fails when one has no Chinese here.
export const adminMoney: Record<string, string> = {
};
