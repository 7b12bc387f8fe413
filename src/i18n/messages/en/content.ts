// English strings: content. Every key here must exist in ../zh/content.ts too.
export const content = {
} as const satisfies Record<string, string | { one: string; other: string }>;
