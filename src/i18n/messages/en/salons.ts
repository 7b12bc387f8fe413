// English strings: salons. Every key here must exist in ../zh/salons.ts too.
export const salons = {
} as const satisfies Record<string, string | { one: string; other: string }>;
