// English strings: salons in the database: the salon editor, questions, approvals, the waitlist offer. Every key here must exist in ../zh/admin-salons.ts too.
export const adminSalons = {
} as const satisfies Record<string, string | { one: string; other: string }>;
