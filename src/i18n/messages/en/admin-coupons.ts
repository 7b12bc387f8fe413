// English strings: coupon batches and packages. Every key here must exist in ../zh/admin-coupons.ts too.
export const adminCoupons = {
} as const satisfies Record<string, string | { one: string; other: string }>;
