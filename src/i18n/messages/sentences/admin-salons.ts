// Chinese for the English sentences src/lib writes (salons in the database: the salon editor, questions, approvals, the waitlist offer): the English
// sentence is the key, as in gettext. test/unit/sentences.test.ts finds every
// sentence in src/lib and fails when one has no Chinese here.
export const adminSalons: Record<string, string> = {
};
