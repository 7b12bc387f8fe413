// English strings: gift rules and the scoring model, versioned. Every key here must exist in ../zh/admin-rules.ts too.
export const adminRules = {
} as const satisfies Record<string, string | { one: string; other: string }>;
