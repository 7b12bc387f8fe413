// English strings: the deals work of issue 13. Every key here must exist in ../zh/deals.ts too.
export const dealsArea = {
};
