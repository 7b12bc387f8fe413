// Chinese for the English sentences src/lib writes (the salon editor): the
// English sentence is the key, as in gettext. test/unit/sentences.test.ts
// finds every sentence in src/lib and fails when one has no Chinese here.
export const salonEditor: Record<string, string> = {
};
