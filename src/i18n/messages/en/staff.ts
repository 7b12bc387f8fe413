// English strings: staff. Every key here must exist in ../zh/staff.ts too.
export const staff = {
} as const satisfies Record<string, string | { one: string; other: string }>;
