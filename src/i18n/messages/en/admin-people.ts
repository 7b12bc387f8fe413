// English strings: staff accounts, roles and the audit trail. Every key here must exist in ../zh/admin-people.ts too.
export const adminPeople = {
} as const satisfies Record<string, string | { one: string; other: string }>;
