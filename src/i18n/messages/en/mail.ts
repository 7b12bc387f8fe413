// English strings: mail. Every key here must exist in ../zh/mail.ts too.
export const mail = {
} as const satisfies Record<string, string | { one: string; other: string }>;
