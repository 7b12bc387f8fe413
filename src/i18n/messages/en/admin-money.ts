// English strings: partners, commissions, deals, campaign costs and the channel report. Every key here must exist in ../zh/admin-money.ts too.
export const adminMoney = {
} as const satisfies Record<string, string | { one: string; other: string }>;
