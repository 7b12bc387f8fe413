// English strings: forms. Every key here must exist in ../zh/forms.ts too.
export const forms = {
} as const satisfies Record<string, string | { one: string; other: string }>;
