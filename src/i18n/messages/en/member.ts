// English strings: member. Every key here must exist in ../zh/member.ts too.
export const member = {
} as const satisfies Record<string, string | { one: string; other: string }>;
